package io.scalpsignals.job.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalpsignals.job.TwoSlotMiniCluster;
import io.scalpsignals.job.cli.ScalpCli;
import io.scalpsignals.testing.Command;
import io.scalpsignals.testing.FakeVenue;
import io.scalpsignals.testing.KafkaBroker;
import io.scalpsignals.testing.ListeningSockets;
import io.scalpsignals.testing.SharedData;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The live chain from a venue on: {@code bin/scalp ingest} on a local fake Bybit that plays the
 * tardis file's real trades (moved to now) as {@code publicTrade} frames, {@code bin/scalp run} on
 * the ticks it sends, {@code bin/executor run} on the signals, each listening on 127.0.0.1 only
 * (the job's embedded cluster, the metrics endpoints). The signals on the topic are exactly
 * those a backfill of the ticks that reached the topic gives, each is in the executor's journal,
 * and SIGTERM stops ingest with every tick flushed.
 */
class IngestEndToEndITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TwoSlotMiniCluster.create();

    private static final Path ROOT =
            Path.of(System.getProperty("scalp.root", "..")).toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void ingestFeedsTheJobAndTheExecutor() throws Exception {
        List<String> frames = bybitFrames();
        FakeVenue venue = new FakeVenue(List.of(new FakeVenue.Script() {
            @Override
            public void message(WebSocket c, String text) {
                if (text.contains("subscribe")) {
                    frames.forEach(c::send);
                }
            }
        }));
        venue.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> venue.getPort() > 0);
        List<Process> processes = new ArrayList<>();
        try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
            String bootstrap = kafka.bootstrap();
            Process run = start("run", "bin/scalp", "run", "--bootstrap-servers", bootstrap, "--partitions", "1");
            processes.add(run);
            Process executor = start(
                    "executor",
                    "bin/executor",
                    "run",
                    "--state-dir",
                    dir.resolve("state").toString(),
                    "--bootstrap-servers",
                    bootstrap,
                    "--metrics-port",
                    "0");
            processes.add(executor);
            Process ingest = start(
                    "ingest",
                    "bin/scalp",
                    "ingest",
                    "--venue",
                    "bybit",
                    "--symbols",
                    "BTCUSDT",
                    "--ws-url",
                    venue.url(),
                    "--bootstrap-servers",
                    bootstrap,
                    "--partitions",
                    "1",
                    "--metrics-port",
                    "0");
            processes.add(ingest);

            int trades = Files.readAllLines(SharedData.file(SharedData.TARDIS_BTCUSDT))
                            .size()
                    - 1;
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> kafka.values("ticks").size() >= trades);
            // loopback by default: the job's embedded cluster (blob and shuffle servers), the
            // executor's and the ingest's metrics listen on 127.0.0.1 only, started as a user does
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> ListeningSockets.of(run.pid()).size() >= 2
                            && !ListeningSockets.of(executor.pid()).isEmpty()
                            && !ListeningSockets.of(ingest.pid()).isEmpty());
            for (Process p : List.of(run, executor, ingest)) {
                assertThat(ListeningSockets.of(p.pid()))
                        .allSatisfy(socket -> assertThat(socket.loopback())
                                .as(socket.toString())
                                .isTrue());
            }
            ingest.destroy(); // SIGTERM
            assertThat(ingest.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(ingest.exitValue()).as("exit status of a SIGTERM").isEqualTo(143);
            assertThat(Files.readString(dir.resolve("ingest.err")))
                    .contains(String.format(Locale.ROOT, "stopped; %,d ticks sent to ticks", trades));

            Set<String> expected = intentIdsOfBackfill(kafka.values("ticks"));
            assertThat(expected).isNotEmpty();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        assertThat(intentIds(kafka.values("signals"))).isEqualTo(expected);
                        Command journal = Command.run(
                                dir,
                                Map.of(),
                                Duration.ofMinutes(2),
                                "bash",
                                ROOT.resolve("bin/executor").toString(),
                                "journal",
                                "--state-dir",
                                dir.resolve("state").toString());
                        assertThat(expected)
                                .allSatisfy(id -> assertThat(journal.out()).contains("\"intent_id\":\"" + id + "\""));
                    });
        } finally {
            for (Process p : processes) {
                p.destroy();
                p.waitFor(60, TimeUnit.SECONDS);
            }
            venue.stop(1_000);
        }
    }

    /** The tardis trades, moved so the first is now, as Bybit {@code publicTrade} frames of 50 trades. */
    private static List<String> bybitFrames() throws IOException {
        List<String[]> rows = Files.readAllLines(SharedData.file(SharedData.TARDIS_BTCUSDT)).stream()
                .skip(1)
                .map(l -> l.split(","))
                .toList();
        long shift = System.currentTimeMillis() - Long.parseLong(rows.get(0)[2]) / 1000;
        List<String> frames = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += 50) {
            StringBuilder data = new StringBuilder();
            for (String[] f : rows.subList(i, Math.min(rows.size(), i + 50))) {
                long ts = Long.parseLong(f[2]) / 1000 + shift;
                data.append(data.length() == 0 ? "" : ",")
                        .append("{\"T\":")
                        .append(ts)
                        .append(",\"s\":\"BTCUSDT\",\"S\":\"")
                        .append(f[5].equals("buy") ? "Buy" : "Sell")
                        .append("\",\"v\":\"")
                        .append(f[7])
                        .append("\",\"p\":\"")
                        .append(f[6])
                        .append("\",\"L\":\"PlusTick\",\"i\":\"")
                        .append(f[4])
                        .append("\",\"BT\":false}");
            }
            frames.add("{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":0,\"data\":[" + data + "]}");
        }
        return frames;
    }

    /** The intent ids of a file backfill of {@code ticks} (JSON lines, as on the topic). */
    private Set<String> intentIdsOfBackfill(List<String> ticks) throws IOException {
        Path file = Files.write(dir.resolve("ticks.jsonl"), ticks);
        Path out = dir.resolve("backfill");
        assertThat(ScalpCli.run(
                        "backfill", "--input", file.toString(), "--outputs", "signals", "--out", out.toString()))
                .isZero();
        return intentIds(Files.readAllLines(out.resolve("signals.jsonl")));
    }

    private static Set<String> intentIds(List<String> signals) throws IOException {
        Set<String> ids = new TreeSet<>();
        for (String s : signals) {
            ids.add(JSON.readTree(s).get("intent_id").asText());
        }
        return ids;
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
