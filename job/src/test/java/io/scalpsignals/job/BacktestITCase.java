package io.scalpsignals.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalpsignals.testing.Command;
import io.scalpsignals.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/scalp backtest} as a process on the real tardis trades: the printed summary is
 * recomputed here from the journal it wrote (trades, win rate, PnL, max drawdown), and the report
 * and its charts are there.
 */
class BacktestITCase {

    private static final Path ROOT = Path.of(System.getProperty("scalp.root", "..")).toAbsolutePath().normalize();

    @TempDir Path out;

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

        assertThat(closed).isNotEmpty();
        assertThat(figure(stdout, "trades")).isEqualTo(Integer.toString(closed.size()));
        assertThat(figure(stdout, "win rate")).isEqualTo(String.format(Locale.ROOT, "%.1f %%", 100.0 * wins / closed.size()));
        assertThat(Double.parseDouble(figure(stdout, "PnL").replace(",", ""))).isCloseTo(pnl, within(0.005));
        assertThat(figure(stdout, "max drawdown")).isEqualTo(String.format(Locale.ROOT, "%.1f %%", 100 * drawdown));
        assertThat(figure(stdout, "signals")).startsWith(Files.readAllLines(out.resolve("backfill/signals.jsonl")).size() + " (");
        assertThat(figure(stdout, "report")).isEqualTo(out.resolve("report.html").toAbsolutePath().toString());
        for (String png : List.of("price.png", "equity.png", "pnl.png", "blocked.png")) {
            assertThat(out.resolve(png)).isRegularFile();
            assertThat(Files.size(out.resolve(png))).isGreaterThan(5_000);
        }
    }

    @Test
    void aSweepRunsEachCombinationAndComparesThem() throws Exception {
        Path trades = SharedData.file(SharedData.TARDIS_BTCUSDT);
        String stdout = scalp("backtest", "--input", trades.toString(), "--sweep", "min_interval_sec=60,300", "--out", out.toString());

        int[] signalsOf = new int[3];
        for (int run = 1; run <= 2; run++) {
            Path dir = out.resolve("runs/" + run);
            String params = Files.readString(dir.resolve("params.txt")).trim();
            String summary = Files.readString(dir.resolve("summary.txt"));
            int signals = Files.readAllLines(dir.resolve("backfill/signals.jsonl")).size();
            signalsOf[run] = signals;
            String row = stdout.lines().filter(l -> l.startsWith(params + " ")).findFirst().orElseThrow();
            assertThat(params).isEqualTo(run == 1 ? "min_interval_sec=60" : "min_interval_sec=300");
            assertThat(row.split("\\s+")[1]).isEqualTo(figure(summary, "trades"));
            assertThat(row).endsWith(" " + signals);
            assertThat(dir.resolve("report.html")).isRegularFile();
        }
        // the value reached the job: five times the minimum interval lets fewer signals through
        assertThat(signalsOf[2]).isPositive().isLessThan(signalsOf[1]);
        assertThat(out.resolve("sweep.html")).isRegularFile();
        assertThat(Files.readString(out.resolve("sweep.html"))).contains("min_interval_sec=300", "runs/2/report.html");
    }

    /** {@code bin/scalp args...}'s standard output; fails unless it exits 0. */
    private String scalp(String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = "bash";
        argv[1] = ROOT.resolve("bin/scalp").toString();
        System.arraycopy(args, 0, argv, 2, args.length);
        Command c = Command.run(out, Map.of(), Duration.ofMinutes(5), argv);
        assertThat(c.code()).as(c.output()).isZero();
        return c.out();
    }

    /** The value printed after {@code name} on its last line (the report's summary comes after the backfill's). */
    private static String figure(String stdout, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\s{2,}(.+)$").matcher(stdout);
        String value = null;
        while (m.find()) {
            value = m.group(1).trim();
        }
        assertThat(value).as(name + " in\n" + stdout).isNotNull();
        return value;
    }
}
