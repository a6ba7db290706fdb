package io.scalpsignals.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalpsignals.testing.Command;
import io.scalpsignals.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/scalp backtest} as a process on the real tardis trades: the printed summary is
 * recomputed here from the journal it wrote (trades, win rate, PnL, profit factor, max drawdown),
 * the report and its charts are there, a sweep runs every combination and ranks them, a walk-forward
 * picks on one range and tests on the next, and settings that cannot pay are refused.
 */
class BacktestITCase {

    private static final Path ROOT =
            Path.of(System.getProperty("scalp.root", "..")).toAbsolutePath().normalize();

    @TempDir
    Path out;

    @Test
    void theSummaryIsTheJournalsAndTheReportIsWritten() throws Exception {
        Path trades = SharedData.file(SharedData.TARDIS_BTCUSDT);
        String stdout = scalp("backtest", "--input", trades.toString(), "--out", out.toString());

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> closed = new ArrayList<>();
        List<Double> balances = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("journal.jsonl"))) {
            JsonNode n = json.readTree(line);
            balances.add(n.get("balance").asDouble());
            if (n.get("event").asText().equals("CLOSED")) {
                closed.add(n);
            }
        }
        double pnl = closed.stream().mapToDouble(n -> n.get("pnl").asDouble()).sum();
        long wins = closed.stream().filter(n -> n.get("pnl").asDouble() > 0).count();
        double peak = Double.NEGATIVE_INFINITY;
        double drawdown = 0;
        for (double b : balances) {
            peak = Math.max(peak, b);
            drawdown = Math.max(drawdown, (peak - b) / peak);
        }

        double gains = closed.stream()
                .mapToDouble(n -> n.get("pnl").asDouble())
                .filter(p -> p > 0)
                .sum();
        double losses = -closed.stream()
                .mapToDouble(n -> n.get("pnl").asDouble())
                .filter(p -> p < 0)
                .sum();

        assertThat(closed).isNotEmpty();
        assertThat(figure(stdout, "trades")).startsWith(closed.size() + " (");
        assertThat(figure(stdout, "profit factor"))
                .isEqualTo(losses == 0 ? "∞" : String.format(Locale.ROOT, "%.2f", gains / losses));
        assertThat(json.readTree(out.resolve("settings.json").toFile())
                        .get("latency_ms")
                        .asLong())
                .isEqualTo(100);
        assertThat(figure(stdout, "win rate"))
                .isEqualTo(String.format(Locale.ROOT, "%.1f %%", 100.0 * wins / closed.size()));
        assertThat(Double.parseDouble(figure(stdout, "PnL").replace(",", ""))).isCloseTo(pnl, within(0.005));
        assertThat(figure(stdout, "max drawdown")).isEqualTo(String.format(Locale.ROOT, "%.1f %%", 100 * drawdown));
        assertThat(figure(stdout, "signals"))
                .startsWith(Files.readAllLines(out.resolve("backfill/signals.jsonl"))
                                .size() + " (");
        assertThat(figure(stdout, "report"))
                .isEqualTo(out.resolve("report.html").toAbsolutePath().toString());
        for (String png : List.of("price.png", "equity.png", "pnl.png", "blocked.png")) {
            assertThat(out.resolve(png)).isRegularFile();
            assertThat(Files.size(out.resolve(png))).isGreaterThan(5_000);
        }
    }

    @Test
    void aSweepRunsEachCombinationOnceAndRanksThem() throws Exception {
        Path trades = SharedData.file(SharedData.TARDIS_BTCUSDT);
        String stdout = scalp(
                "backtest",
                "--input",
                trades.toString(),
                "--sweep",
                "min_interval_sec=60,300",
                "--sweep",
                "fee_pct=0.0002,0.00055",
                "--rank-by",
                "pnl",
                "--workers",
                "2",
                "--out",
                out.toString());

        // one backfill per strategy setting: five times the minimum interval lets fewer signals through
        int signals60 =
                Files.readAllLines(out.resolve("backfills/1/signals.jsonl")).size();
        int signals300 =
                Files.readAllLines(out.resolve("backfills/2/signals.jsonl")).size();
        assertThat(signals300).isPositive().isLessThan(signals60);
        assertThat(out.resolve("backfills/3")).doesNotExist();

        ObjectMapper json = new ObjectMapper();
        List<String> csv = Files.readAllLines(out.resolve("sweep.csv"));
        assertThat(csv).hasSize(5);
        double previous = Double.POSITIVE_INFINITY;
        for (String row : csv.subList(1, csv.size())) {
            String[] f = row.split(",");
            Path dir = out.resolve("runs/" + f[1]);
            String params = Files.readString(dir.resolve("params.txt")).trim();
            double pnl = Double.parseDouble(f[5]);
            double journalPnl = Files.readAllLines(dir.resolve("journal.jsonl")).stream()
                    .map(l -> readTree(json, l))
                    .filter(n -> n.get("event").asText().equals("CLOSED"))
                    .mapToDouble(n -> n.get("pnl").asDouble())
                    .sum();
            assertThat(f[2]).isEqualTo("\"" + params + "\"");
            assertThat(pnl).isCloseTo(journalPnl, within(1e-6)).isLessThanOrEqualTo(previous);
            assertThat(json.readTree(dir.resolve("settings.json").toFile())
                            .get("fee_pct")
                            .asDouble())
                    .isEqualTo(Double.parseDouble(params.split("fee_pct=")[1]));
            assertThat(stdout).contains(params);
            previous = pnl;
        }
        assertThat(Files.readString(out.resolve("sweep.html")))
                .contains("ranked by pnl", "min_interval_sec=300 fee_pct=0.0002");
    }

    @Test
    void aWalkForwardRanksOnTheFirstRangeAndTestsTheBestOnTheSecond() throws Exception {
        Path trades = SharedData.file(SharedData.TARDIS_BTCUSDT);
        String stdout = scalp(
                "backtest",
                "--input",
                trades.toString(),
                "--sweep",
                "sl_pct=0.01,0.03",
                "--train",
                "2020-02-22T00:00:00Z..2020-02-22T01:15:00Z",
                "--test",
                "2020-02-22T01:15:00Z..2020-02-22T03:00:00Z",
                "--out",
                out.toString());

        ObjectMapper json = new ObjectMapper();
        // "best" from the train runs' own journals: the settings whose closed trades made the most
        Map<String, Double> trainPnl = new TreeMap<>();
        try (Stream<Path> runs = Files.list(out.resolve("train/runs"))) {
            for (Path run : runs.toList()) {
                trainPnl.put(
                        Files.readString(run.resolve("params.txt")).strip(),
                        Files.readAllLines(run.resolve("journal.jsonl")).stream()
                                .map(l -> readTree(json, l))
                                .filter(n -> n.get("event").asText().equals("CLOSED"))
                                .mapToDouble(n -> n.get("pnl").asDouble())
                                .sum());
            }
        }
        assertThat(trainPnl).containsOnlyKeys("sl_pct=0.01", "sl_pct=0.03");
        assertThat(trainPnl.values()).as("the two settings rank apart").doesNotHaveDuplicates();
        String best = trainPnl.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .orElseThrow()
                .getKey();
        double bestSl = Double.parseDouble(best.substring("sl_pct=".length()));
        long testFrom = 1_582_334_100_000L;
        List<JsonNode> tested = Files.readAllLines(out.resolve("test/journal.jsonl")).stream()
                .map(l -> readTree(json, l))
                .toList();

        assertThat(stdout).contains("best on 2020-02-22T00:00:00Z..2020-02-22T01:15:00Z by pnl: " + best);
        assertThat(out.resolve("walk-forward.txt"))
                .hasContent(stdout.substring(0, stdout.indexOf("reports: ")).stripTrailing());
        assertThat(tested)
                .isNotEmpty()
                .allSatisfy(n -> assertThat(n.get("ts").asLong()).isGreaterThanOrEqualTo(testFrom));
        // the test range ran with the best settings: its signals carry that stop loss
        assertThat(Files.readAllLines(out.resolve("test/signals.jsonl")))
                .isNotEmpty()
                .allSatisfy(l ->
                        assertThat(readTree(json, l).get("sl_pct").asDouble()).isEqualTo(bestSl));
        assertThat(out.resolve("test/report.html")).isRegularFile();
    }

    @Test
    void settingsThatCannotPayOrDoNotExistStopTheStart() {
        Path trades = SharedData.file(SharedData.TARDIS_BTCUSDT);

        Command bps =
                scalpFails("backtest", "--input", trades.toString(), "--profile", "scalp-bps", "--out", out.toString());
        Command bogus = scalpFails(
                "backtest", "--input", trades.toString(), "--sweep", "tp_pcts=0.01,0.02", "--out", out.toString());
        Command exec =
                scalpFails("backtest", "--input", trades.toString(), "--exec", "fee_pct=2", "--out", out.toString());

        assertThat(bps.err()).contains("take profit 0.0005 ROI <= round-trip cost 0.0015 ROI", "--allow-unprofitable");
        assertThat(bogus.err()).contains("tp_pcts");
        assertThat(exec.err()).contains("--exec", "fee_pct");
        assertThat(out.resolve("journal.jsonl")).doesNotExist();
    }

    private static JsonNode readTree(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code bin/scalp args...}, which must exit 2 (a usage error) before running anything. */
    private Command scalpFails(String... args) {
        Command c = binScalp(args);
        assertThat(c.code()).as(c.output()).isEqualTo(2);
        return c;
    }

    /** {@code bin/scalp args...}'s standard output; fails unless it exits 0. */
    private String scalp(String... args) {
        Command c = binScalp(args);
        assertThat(c.code()).as(c.output()).isZero();
        return c.out();
    }

    private Command binScalp(String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = "bash";
        argv[1] = ROOT.resolve("bin/scalp").toString();
        System.arraycopy(args, 0, argv, 2, args.length);
        return Command.run(out, Map.of(), Duration.ofMinutes(5), argv);
    }

    /** The value printed after {@code name} on its last line (the report's summary comes after the backfill's). */
    private static String figure(String stdout, String name) {
        Matcher m =
                Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s{2,}(.+)$").matcher(stdout);
        String value = null;
        while (m.find()) {
            value = m.group(1).trim();
        }
        assertThat(value).as(name + " in\n" + stdout).isNotNull();
        return value;
    }
}
