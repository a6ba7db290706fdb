package io.scalpsignals.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.marketdata.kafka.KafkaAdmin;
import io.scalpsignals.testing.Command;
import io.scalpsignals.testing.Ports;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code deploy/local/kafka.sh}: a real broker process on a free port, start, stop and status
 * idempotent, and the broker answers a client after start.
 */
class KafkaScriptITCase {

    @TempDir
    Path data;

    /** The Kafka controller's port, reserved together with Kafka's. */
    private int controllerPort;

    private Command script(String command, int port) {
        Path root = Path.of(System.getProperty("scalp.root", ".."));
        return Command.run(
                data,
                Map.of(
                        "KAFKA_PORT",
                        Integer.toString(port),
                        "KAFKA_CONTROLLER_PORT",
                        Integer.toString(controllerPort),
                        "KAFKA_DATA",
                        data.toString()),
                Duration.ofMinutes(5),
                "bash",
                root.resolve("deploy/local/kafka.sh").toString(),
                command);
    }

    @Test
    void startsStopsAndReportsIdempotently() throws Exception {
        int[] ports = Ports.free(2);
        int port = ports[0];
        controllerPort = ports[1];
        try {
            Command first = script("start", port);
            Command again = script("start", port);
            Command status = script("status", port);

            assertThat(first.code()).as(first.output()).isZero();
            assertThat(first.output()).contains("kafka: running on 127.0.0.1:" + port);
            assertThat(again.code()).isZero();
            assertThat(again.output()).contains("kafka: already running on 127.0.0.1:" + port);
            assertThat(status.code()).isZero();
            Properties client = new Properties();
            client.setProperty("bootstrap.servers", "127.0.0.1:" + port);
            try (KafkaAdmin admin = new KafkaAdmin(client)) {
                assertThat(admin.createMissing(List.of("script-ticks"), 2, (short) 1))
                        .containsExactly("script-ticks");
            }
        } finally {
            Command stop = script("stop", port);
            assertThat(stop.code()).isZero();
            assertThat(stop.output()).contains("kafka: stopped");
        }
        Command stopAgain = script("stop", port);
        Command status = script("status", port);
        assertThat(stopAgain.code()).isZero();
        assertThat(stopAgain.output()).contains("kafka: not running");
        assertThat(status.code()).isEqualTo(3);
        assertThat(status.output()).contains("kafka: stopped");
    }
}
