package io.scalpsignals.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/**
 * Runs a command line in this JVM and captures what it printed.
 *
 * @param code the exit code
 * @param out standard output
 * @param err standard error
 */
public record CliRun(int code, String out, String err) {

    /**
     * @param main the command line's entry that returns the exit code (not one that calls {@code
     *     System.exit}), e.g. {@code ScalpCli::run}
     */
    public static synchronized CliRun of(ToIntFunction<String[]> main, String... args) {
        PrintStream savedOut = System.out;
        PrintStream savedErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = main.applyAsInt(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(savedOut);
            System.setErr(savedErr);
        }
    }
}
