package io.scalpsignals.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.job.cli.ScalpCli;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.testing.CliRun;
import io.scalpsignals.testing.ReferenceFeatures;
import io.scalpsignals.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code scalp demo} on the bundled Bitstamp trades (ta4j-examples 0.15, 100,000 trades). */
class DemoITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TwoSlotMiniCluster.create();

    @TempDir
    Path dir;

    @Test
    void demoBackfillsTheBundledTradesAndSummarisesThem() throws IOException {
        Path data = SharedData.demoTrades();
        Path out = dir.resolve("demo");
        CliRun demo = CliRun.of(ScalpCli::run, "demo", "--data", data.toString(), "--out", out.toString());

        assertThat(demo.code()).isZero();
        String summary = demo.out();
        // SOURCES.md: 18 of the 100,000 trades have amount 0, invalid by SPEC.md §1
        assertThat(summary)
                .contains(
                        "records read    100,000",
                        "ticks accepted  99,982",
                        "BAD_SIZE      18",
                        "late            0",
                        "symbols         1");

        List<Tick> ticks = new ArrayList<>();
        for (String line : Files.readAllLines(data).subList(1, 100_001)) {
            String[] f = line.split(",");
            double size = Double.parseDouble(f[2]);
            if (size > 0) {
                ticks.add(Tick.trade("BTCUSD", Long.parseLong(f[0]) * 1000, Double.parseDouble(f[1]), size));
            }
        }
        ObjectMapper json = new ObjectMapper();
        List<String> features = Files.readAllLines(out.resolve("features.jsonl"));
        assertThat(features).hasSize(ticks.size());
        for (int i : new int[] {10_000, 55_555, ticks.size() - 1}) {
            JsonNode got = json.readTree(features.get(i));
            TickFeatures want = ReferenceFeatures.at(ticks, i);
            assertThat(got.get("ts").asLong()).isEqualTo(want.ts());
            assertThat(got.get("vwap").asDouble())
                    .isCloseTo(want.vwap(), org.assertj.core.data.Percentage.withPercentage(1e-7));
            assertThat(got.get("volume_ratio").asDouble())
                    .isCloseTo(want.volumeRatio(), org.assertj.core.data.Percentage.withPercentage(1e-4));
        }
        assertThat(summary)
                .contains("bars            "
                        + String.format(
                                "%,d",
                                Files.readAllLines(out.resolve("bars.jsonl")).size()));
        assertThat(summary)
                .contains("signals         "
                        + String.format(
                                "%,d",
                                Files.readAllLines(out.resolve("signals.jsonl")).size()));
        assertThat(summary)
                .contains("blocked         "
                        + String.format(
                                "%,d",
                                Files.readAllLines(out.resolve("blocked.jsonl")).size()));
        assertThat(summary)
                .containsPattern("momentum_burst OPEN_(LONG|SHORT) +[0-9,]+")
                .containsPattern("MIN_INTERVAL +[0-9,]+");
    }
}
