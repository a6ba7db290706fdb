package io.scalpsignals.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalpsignals.testing.KafkaBroker;
import io.scalpsignals.testing.ListeningSockets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Loopback by default: {@code bin/scalp run} (its embedded Flink: blob server, shuffle server)
 * and {@code bin/executor run} (its metrics), started as a user starts them, listen on 127.0.0.1
 * only. (The local stack's scripts bind 127.0.0.1 too: {@code ClusterITCase} runs them.)
 */
class LoopbackITCase {

    private static final Path ROOT =
            Path.of(System.getProperty("scalp.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theJobAndTheExecutorListenOnLoopbackOnly() throws Exception {
        List<Process> processes = new ArrayList<>();
        try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
            Process run =
                    start("run", "bin/scalp", "run", "--bootstrap-servers", kafka.bootstrap(), "--partitions", "1");
            processes.add(run);
            Process executor = start(
                    "executor",
                    "bin/executor",
                    "run",
                    "--state-dir",
                    dir.resolve("state").toString(),
                    "--bootstrap-servers",
                    kafka.bootstrap(),
                    "--metrics-port",
                    "0");
            processes.add(executor);

            // the embedded cluster's blob and shuffle servers, once the job runs; the executor's metrics
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> ListeningSockets.of(run.pid()).size() >= 2
                            && ListeningSockets.of(executor.pid()).size() >= 1);

            assertThat(ListeningSockets.of(run.pid()))
                    .allSatisfy(s -> assertThat(s.loopback()).as(s.toString()).isTrue());
            assertThat(ListeningSockets.of(executor.pid()))
                    .allSatisfy(s -> assertThat(s.loopback()).as(s.toString()).isTrue());
        } finally {
            for (Process p : processes) {
                p.destroy();
                p.waitFor(60, TimeUnit.SECONDS);
            }
        }
    }

    private Process start(String name, String... command) throws IOException {
        List<String> argv =
                new ArrayList<>(List.of("bash", ROOT.resolve(command[0]).toString()));
        argv.addAll(List.of(command).subList(1, command.length));
        return new ProcessBuilder(argv)
                .directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }
}
