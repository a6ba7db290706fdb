package io.scalpsignals.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A finished child process: its exit code and what it wrote. Output goes to temporary files while
 * it runs (no pipe to fill up, nothing read before the process ends), and a process that outlives its time limit is killed and reported, so a
 * hanging command fails the test instead of hanging the build.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
public record Command(int code, String out, String err) {

    /**
     * Runs {@code argv} in {@code dir} with {@code env} added to this process's environment.
     *
     * @throws IllegalStateException when it has not finished within {@code timeout} (it and every
     *     process it started are killed)
     */
    public static Command run(Path dir, Map<String, String> env, Duration timeout, String... argv) {
        try {
            Path out = Files.createTempFile("command", ".out");
            Path err = Files.createTempFile("command", ".err");
            ProcessBuilder pb = new ProcessBuilder(List.of(argv))
                    .directory(dir.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly); // e.g. the Maven or java a script started
                    p.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", argv) + ": not finished after " + timeout
                            + "; output so far:\n" + Files.readString(out) + Files.readString(err));
                }
                return new Command(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Both streams, for a failure message. */
    public String output() {
        return out + err;
    }
}
