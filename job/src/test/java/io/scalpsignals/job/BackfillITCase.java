package io.scalpsignals.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.job.cli.ScalpCli;
import io.scalpsignals.model.Bar;
import io.scalpsignals.model.IntentIds;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.testing.Gzip;
import io.scalpsignals.testing.ReferenceBars;
import io.scalpsignals.testing.ReferenceFeatures;
import io.scalpsignals.testing.SeededBook;
import io.scalpsignals.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The whole backfill through the command line on a MiniCluster with parallelism 2 (so {@code
 * keyBy} really shuffles), over the real trade files of {@code ../shared/data}. Expected values
 * come from the plain reference implementations, on ticks that this test parses itself.
 */
class BackfillITCase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TwoSlotMiniCluster.create();

    @TempDir
    Path dir;

    @Test
    void realTradesMatchTheReferenceAtChosenTicks() throws IOException {
        Path tardis = SharedData.file(SharedData.TARDIS_BTCUSDT);
        Path freqtrade = SharedData.file(SharedData.FREQTRADE_XRP_ETH);
        Path out = dir.resolve("out");

        int code = ScalpCli.run(
                "backfill",
                "--input",
                tardis.toString(),
                "--input",
                freqtrade.toString(),
                "--out",
                out.toString(),
                "--parallelism",
                "2");

        assertThat(code).isZero();
        Map<String, List<JsonNode>> features = bySymbol(out.resolve("features.jsonl"));
        Map<String, List<JsonNode>> bars = bySymbol(out.resolve("bars.jsonl"));
        assertThat(features).containsOnlyKeys("BTCUSDT", "XRP_ETH");
        assertThat(lines(out.resolve("dead-letter.jsonl"))).isEmpty();
        assertThat(lines(out.resolve("late.jsonl"))).isEmpty();

        checkSymbol(parseTardis(tardis), features.get("BTCUSDT"), bars.get("BTCUSDT"));
        checkSymbol(parseFreqtrade(freqtrade), features.get("XRP_ETH"), bars.get("XRP_ETH"));
    }

    /**
     * book_imbalance on the shared tardis trades with a seeded top of book ({@link SeededBook}):
     * the job's candidates (its signals and blocked candidates of that trigger) are exactly those a
     * plain loop over SPEC.md §4's text finds, on quotes and volume ratios computed here ({@link
     * ReferenceFeatures}) from the csv parsed here.
     */
    @Test
    void bookImbalanceFiresWhereThePlainLoopFindsItOnTradesWithASeededBook() throws IOException {
        Path quoted = dir.resolve("tardis-quoted.csv");
        new SeededBook(3).writeCsv(parseTardis(SharedData.file(SharedData.TARDIS_BTCUSDT)), quoted);
        Path out = dir.resolve("out");

        int code =
                ScalpCli.run("backfill", "--input", quoted.toString(), "--out", out.toString(), "--parallelism", "2");

        assertThat(code).isZero();
        List<String> job = new ArrayList<>();
        for (String file : List.of("signals.jsonl", "blocked.jsonl")) {
            for (JsonNode n : lines(out.resolve(file))) {
                if (n.get("trigger").asText().equals("book_imbalance")) {
                    job.add(n.get("ts").asLong() + " " + n.get("action").asText());
                }
            }
        }
        List<String> want = plainBookImbalance(parseQuoted(quoted));
        assertThat(want).as("both directions fire").anyMatch(c -> c.endsWith("OPEN_LONG"));
        assertThat(want).anyMatch(c -> c.endsWith("OPEN_SHORT"));
        assertThat(job.stream().sorted().toList())
                .isEqualTo(want.stream().sorted().toList());
    }

    /**
     * SPEC.md §4 book_imbalance with its defaults (0.6, spread 0.0005, 2000 ms, 10 s, volume ratio
     * 1.5), long and short, as a plain loop: "ts action" of each match.
     */
    private static List<String> plainBookImbalance(List<Tick> ticks) {
        Map<Integer, Double> ratios = new HashMap<>();
        List<String> out = new ArrayList<>();
        for (int dir : new int[] {1, -1}) {
            int last = -1;
            for (int j = 0; j < ticks.size(); j++) {
                if (!confirms(ticks, j, dir, ratios)) {
                    continue;
                }
                boolean found = false;
                for (int i = last + 1; i < j && !found; i++) {
                    Tick a = ticks.get(i);
                    long after = ticks.get(j).ts() - a.ts();
                    if (!holds(a, dir) || !(spread(a) <= 0.0005) || after >= 10_000 || after < 2_000) {
                        continue;
                    }
                    boolean held = true;
                    boolean first = true;
                    for (int k = i + 1; k < j && held && first; k++) {
                        held = holds(ticks.get(k), dir);
                        first = !(ticks.get(k).ts() >= a.ts() + 2_000 && confirms(ticks, k, dir, ratios));
                    }
                    found = held && first;
                }
                if (found) {
                    out.add(ticks.get(j).ts() + " " + (dir > 0 ? "OPEN_LONG" : "OPEN_SHORT"));
                    last = j;
                }
            }
        }
        return out;
    }

    private static boolean confirms(List<Tick> ticks, int i, int dir, Map<Integer, Double> ratios) {
        Tick t = ticks.get(i);
        return holds(t, dir)
                && spread(t) <= 0.0005
                && ratios.computeIfAbsent(i, k -> ReferenceFeatures.at(ticks, k).volumeRatio()) >= 1.5;
    }

    /** The imbalance at least 0.6 towards {@code dir} (+1 long, -1 short); false without quotes. */
    private static boolean holds(Tick t, int dir) {
        double depth = t.bidSize() + t.askSize();
        return !Double.isNaN(t.bid())
                && !Double.isNaN(t.ask())
                && depth > 0
                && dir * (t.bidSize() - t.askSize()) / depth >= 0.6;
    }

    private static double spread(Tick t) {
        return (t.ask() - t.bid()) / ((t.ask() + t.bid()) / 2);
    }

    /** {@link SeededBook}'s csv parsed here: empty fields are absent. */
    private static List<Tick> parseQuoted(Path file) throws IOException {
        List<Tick> ticks = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            ticks.add(new Tick(
                    f[0],
                    Long.parseLong(f[1]),
                    Double.parseDouble(f[2]),
                    Double.parseDouble(f[3]),
                    f[4].isEmpty() ? null : f[4],
                    f[5].isEmpty() ? Double.NaN : Double.parseDouble(f[5]),
                    f[6].isEmpty() ? Double.NaN : Double.parseDouble(f[6]),
                    f[7].isEmpty() ? Double.NaN : Double.parseDouble(f[7]),
                    f[8].isEmpty() ? Double.NaN : Double.parseDouble(f[8])));
        }
        return ticks;
    }

    @Test
    void twoBackfillsOfTheSameInputAreIdenticalOnHeapAndOnRocksDb() throws IOException {
        Path tardis = SharedData.file(SharedData.TARDIS_BTCUSDT);
        Path freqtrade = SharedData.file(SharedData.FREQTRADE_XRP_ETH);
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");

        assertThat(ScalpCli.run(
                        "backfill",
                        "--input",
                        tardis.toString(),
                        "--input",
                        freqtrade.toString(),
                        "--out",
                        first.toString()))
                .isZero();
        assertThat(ScalpCli.run(
                        "backfill",
                        "--input",
                        tardis.toString(),
                        "--input",
                        freqtrade.toString(),
                        "--state-backend",
                        "rocksdb",
                        "--out",
                        second.toString()))
                .isZero();

        for (Output o : Output.values()) {
            Path a = first.resolve(o.fileName() + ".jsonl");
            Path b = second.resolve(o.fileName() + ".jsonl");
            // the order across symbols is unspecified; within a symbol it is event order
            assertThat(linesBySymbol(b)).as(o.fileName()).isEqualTo(linesBySymbol(a));
        }
        assertThat(lines(first.resolve("features.jsonl"))).hasSize(9_999 + 12_477);
        assertThat(lines(first.resolve("signals.jsonl"))).isNotEmpty();
        assertThat(lines(first.resolve("blocked.jsonl"))).isNotEmpty();
    }

    @Test
    void badAndLateLinesAreSetAsideAndEveryGoodLineIsProcessed() throws IOException {
        Path csv = Files.writeString(
                dir.resolve("mixed.csv"),
                String.join(
                                "\n",
                                "symbol,ts,price,size",
                                "AAA,1700000000000,100,1",
                                "AAA,1700000001000,1O1,1",
                                "AAA,1700000002000,NaN,1",
                                "AAA,1700000003000,-101,1",
                                "AAA,1700000004000,101,0",
                                "A A,1700000005000,101,1",
                                "AAA,1700000006000,101",
                                "AAA,1700000007000,102,2",
                                "AAA,1699999999999,99,5",
                                "AAA,1700000008000,103,1")
                        + "\n");
        StringBuilder big = new StringBuilder("symbol,ts,price,size\n");
        for (int i = 0; i < 4_000; i++) {
            big.append("BBB,").append(1_700_000_000_000L + i * 10L).append(",50,1\n");
        }
        byte[] gz = Gzip.compress(big.toString());
        byte[] cut = Arrays.copyOf(gz, gz.length * 2 / 3);
        Path truncated = Files.write(dir.resolve("cut.csv.gz"), cut);
        String readable = Gzip.decompressiblePrefix(cut);
        int completeLines = (int) readable.chars().filter(c -> c == '\n').count() - 1;
        Path out = dir.resolve("out");

        int code = ScalpCli.run(
                "backfill", "--input", csv.toString(), "--input", truncated.toString(), "--out", out.toString());

        assertThat(code).isZero();
        List<JsonNode> dead = lines(out.resolve("dead-letter.jsonl"));
        assertThat(dead)
                .extracting(n -> n.get("reason").asText())
                .containsExactlyInAnyOrder(
                        "BAD_NUMBER",
                        "BAD_PRICE",
                        "BAD_PRICE",
                        "BAD_SIZE",
                        "BAD_SYMBOL",
                        "MISSING_FIELD",
                        "UNREADABLE_INPUT");
        assertThat(dead)
                .filteredOn(n -> n.get("reason").asText().equals("BAD_NUMBER"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.get("raw").asText()).isEqualTo("AAA,1700000001000,1O1,1");
                    assertThat(n.get("source").asText()).isEqualTo(csv.toAbsolutePath() + ":3");
                });
        Map<String, List<JsonNode>> features = bySymbol(out.resolve("features.jsonl"));
        assertThat(features.get("AAA"))
                .extracting(n -> n.get("price").asDouble())
                .containsExactly(100.0, 102.0, 103.0);
        // every complete line before the damage of the gzip member is processed
        List<JsonNode> bbb = features.get("BBB");
        assertThat(bbb).hasSize(completeLines);
        assertThat(bbb.get(completeLines - 1).get("ts").asLong())
                .isEqualTo(1_700_000_000_000L + (completeLines - 1) * 10L);
        assertThat(lines(out.resolve("late.jsonl"))).singleElement().satisfies(n -> {
            assertThat(n.get("ts").asLong()).isEqualTo(1_699_999_999_999L);
            assertThat(n.get("last_accepted_ts").asLong()).isEqualTo(1_700_000_007_000L);
        });
    }

    @Test
    void theProfileSetsTheRiskParameters() throws IOException {
        Path tardis = SharedData.file(SharedData.TARDIS_BTCUSDT);
        Path out = dir.resolve("out");

        assertThat(ScalpCli.run(
                        "backfill",
                        "--input",
                        tardis.toString(),
                        "--profile",
                        "scalp-bps",
                        "--outputs",
                        "signals,blocked",
                        "--out",
                        out.toString()))
                .isZero();

        List<JsonNode> signals = lines(out.resolve("signals.jsonl"));
        assertThat(signals).isNotEmpty().allSatisfy(n -> {
            assertThat(n.get("tp_pct").asDouble()).isEqualTo(0.0005);
            assertThat(n.get("sl_pct").asDouble()).isEqualTo(0.0002);
            assertThat(n.get("leverage").asDouble()).isEqualTo(1.0);
            assertThat(n.get("intent_id").asText())
                    .isEqualTo(IntentIds.of(n.get("symbol").asText() + "|"
                            + n.get("trigger").asText() + "|" + n.get("action").asText() + "|"
                            + n.get("ts").asLong() + "|1"));
            assertThat(n.get("features").get("ts").asLong())
                    .isEqualTo(n.get("ts").asLong());
            assertThat(n.get("emitted_at").asLong()).isPositive();
        });
        assertThat(lines(out.resolve("blocked.jsonl")))
                .extracting(n -> n.get("reason").asText())
                .isNotEmpty()
                .allMatch(r -> List.of("CRASH_GUARD", "CONFLICTING_SIGNALS", "MIN_INTERVAL", "LOW_CONFIDENCE", "SPREAD")
                        .contains(r));
    }

    @Test
    void outputsNotAskedForAreNotWritten() throws IOException {
        Path csv = Files.writeString(
                dir.resolve("t.csv"), "symbol,ts,price,size\nAAA,1700000000000,100,1\nAAA,1700000015000,101,1\n");
        Path out = dir.resolve("out");

        assertThat(ScalpCli.run(
                        "backfill", "--input", csv.toString(), "--outputs", "bars,signals", "--out", out.toString()))
                .isZero();

        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("bars.jsonl", "signals.jsonl");
        }
        assertThat(lines(out.resolve("bars.jsonl"))).hasSize(2);
    }

    private static void checkSymbol(List<Tick> ticks, List<JsonNode> features, List<JsonNode> bars) {
        assertThat(features).hasSize(ticks.size());
        for (int i = 0; i < ticks.size(); i += Math.max(1, ticks.size() / 40)) {
            checkFeatures(ticks, i, features.get(i));
        }
        checkFeatures(ticks, ticks.size() - 1, features.get(ticks.size() - 1));
        assertThat(features).filteredOn(n -> !n.get("volume_ratio").isNull()).isNotEmpty();

        List<Bar> want = ReferenceBars.of(ticks, 15_000);
        assertThat(bars).hasSize(want.size());
        for (int i = 0; i < want.size(); i++) {
            Bar w = want.get(i);
            JsonNode g = bars.get(i);
            assertThat(g.get("bar_start").asLong()).isEqualTo(w.barStart());
            assertThat(g.get("trades").asLong()).isEqualTo(w.trades());
            close(g, "close", w.close(), 1e-12);
            close(g, "volume", w.volume(), 1e-9);
            close(g, "vwap_20", w.vwap20(), 1e-9);
            close(g, "vwap_50", w.vwap50(), 1e-9);
            close(g, "rsi_7", w.rsi7(), 1e-6);
            close(g, "willr_7", w.willr7(), 1e-6);
            close(g, "ema_8", w.ema8(), 1e-9);
            close(g, "donchian_high_20", w.donchianHigh20(), 1e-12);
            close(g, "donchian_low_20", w.donchianLow20(), 1e-12);
        }
    }

    private static void checkFeatures(List<Tick> ticks, int i, JsonNode got) {
        TickFeatures want = ReferenceFeatures.at(ticks, i);
        assertThat(got.get("ts").asLong()).isEqualTo(want.ts());
        close(got, "price", want.price(), 1e-12);
        close(got, "vel_5s", want.vel5s(), 1e-9);
        close(got, "vel_30s", want.vel30s(), 1e-9);
        close(got, "vel_60s", want.vel60s(), 1e-9);
        close(got, "ret_5m", want.ret5m(), 1e-9);
        close(got, "volume_ratio", want.volumeRatio(), 1e-6);
        close(got, "vwap", want.vwap(), 1e-9);
        double sigma = got.get("vwap_sigma").asDouble();
        assertThat(Math.abs(sigma - want.vwapSigma()))
                .as("vwap_sigma at " + i)
                .isLessThanOrEqualTo(1e-6 * Math.max(want.vwapSigma(), 1e-6 * want.vwap()));
    }

    private static void close(JsonNode n, String field, double want, double rel) {
        JsonNode v = n.get(field);
        if (Double.isNaN(want)) {
            assertThat(v.isNull()).as(field + " of " + n).isTrue();
        } else {
            assertThat(v.isNumber()).as(field + " of " + n).isTrue();
            assertThat(Math.abs(v.asDouble() - want))
                    .as(field + " of " + n + " want " + want)
                    .isLessThanOrEqualTo(rel * Math.abs(want));
        }
    }

    /** Tardis CSV parsed here, independently of the job's readers. */
    private static List<Tick> parseTardis(Path file) throws IOException {
        List<Tick> ticks = new ArrayList<>();
        for (String line :
                Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
            String[] f = line.split(",");
            ticks.add(
                    Tick.trade(f[1], Long.parseLong(f[2]) / 1000, Double.parseDouble(f[6]), Double.parseDouble(f[7])));
        }
        return ticks;
    }

    /** Freqtrade's gzipped JSON array parsed here with Jackson's tree model. */
    private static List<Tick> parseFreqtrade(Path file) throws IOException {
        List<Tick> ticks = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            for (JsonNode t : JSON.readTree(in)) {
                ticks.add(Tick.trade(
                        "XRP_ETH",
                        t.get(0).asLong(),
                        t.get(4).asDouble(),
                        t.get(5).asDouble()));
            }
        }
        return ticks;
    }

    private static List<JsonNode> lines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(JSON.readTree(line));
        }
        return out;
    }

    private static Map<String, List<JsonNode>> bySymbol(Path file) throws IOException {
        Map<String, List<JsonNode>> out = new LinkedHashMap<>();
        for (JsonNode n : lines(file)) {
            out.computeIfAbsent(n.get("symbol").asText(), s -> new ArrayList<>())
                    .add(n);
        }
        return out;
    }

    /** Lines by symbol, in file order, without the wall-clock {@code emitted_at}. */
    private static Map<String, List<String>> linesBySymbol(Path file) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            ObjectNode node = (ObjectNode) JSON.readTree(line);
            node.remove("emitted_at");
            JsonNode symbol = node.get("symbol");
            out.computeIfAbsent(symbol == null ? "" : symbol.asText(), s -> new ArrayList<>())
                    .add(node.toString());
        }
        return out;
    }
}
