package io.scalpsignals.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.sinks.kafka.KafkaAdmin;
import io.scalpsignals.testing.Ports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/local/kafka.sh}: a real broker process on a free port, start, stop and status
 * idempotent, and the broker answers a client after start.
 */
class KafkaScriptITCase {

    @TempDir Path data;

    private record Result(int code, String out) {}

    private Result script(String command, int port) throws IOException, InterruptedException {
        Path root = Path.of(System.getProperty("scalp.root", ".."));
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("deploy/local/kafka.sh").toString(), command)
                .redirectErrorStream(true);
        pb.environment().put("KAFKA_PORT", Integer.toString(port));
        pb.environment().put("KAFKA_DATA", data.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void startsStopsAndReportsIdempotently() throws Exception {
        int port = Ports.free();
        try {
            Result first = script("start", port);
            Result again = script("start", port);
            Result status = script("status", port);

            assertThat(first.code()).as(first.out()).isZero();
            assertThat(first.out()).contains("kafka: running on 127.0.0.1:" + port);
            assertThat(again.code()).isZero();
            assertThat(again.out()).contains("kafka: already running on 127.0.0.1:" + port);
            assertThat(status.code()).isZero();
            Properties client = new Properties();
            client.setProperty("bootstrap.servers", "127.0.0.1:" + port);
            try (KafkaAdmin admin = new KafkaAdmin(client)) {
                assertThat(admin.createMissing(List.of("script-ticks"), 2, (short) 1)).containsExactly("script-ticks");
            }
        } finally {
            Result stop = script("stop", port);
            assertThat(stop.code()).isZero();
            assertThat(stop.out()).contains("kafka: stopped");
        }
        Result stopAgain = script("stop", port);
        Result status = script("status", port);
        assertThat(stopAgain.code()).isZero();
        assertThat(stopAgain.out()).contains("kafka: not running");
        assertThat(status.code()).isEqualTo(3);
        assertThat(status.out()).contains("kafka: stopped");
    }
}
