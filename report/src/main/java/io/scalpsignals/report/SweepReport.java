package io.scalpsignals.report;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The comparison of a parameter sweep ({@code scalp backtest --sweep} or {@code --sample}): one
 * backtest per combination under {@code DIR/runs/<n>/}, their summaries side by side on stdout,
 * ranked in {@code DIR/sweep.html} with a chart of PnL and win rate per combination ({@code
 * sweep.png}), and in {@code DIR/sweep.csv}.
 */
public final class SweepReport {

    /**
     * One combination's parameters and figures.
     *
     * @param name its directory under {@code runs/}
     */
    public record Run(String name, String params, Summary summary) {}

    private SweepReport() {}

    /** The comparison as a text table, runs in the order given. */
    public static String table(List<Run> runs) {
        int width = Math.max(
                "parameters".length(),
                runs.stream().mapToInt(r -> r.params().length()).max().orElse(0));
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "%-" + width + "s %7s %9s %12s %8s %9s %7s %8s %8s%n",
                "parameters",
                "trades",
                "win rate",
                "PnL",
                "PF",
                "max DD",
                "Sharpe",
                "Sortino",
                "signals"));
        for (Run r : runs) {
            Summary s = r.summary();
            b.append(String.format(
                    Locale.ROOT,
                    "%-" + width + "s %7d %9s %12.2f %8s %9s %7s %8s %8d%n",
                    r.params(),
                    s.trades(),
                    Summary.percent(s.winRate()),
                    s.pnl(),
                    Summary.ratio(s.profitFactor()),
                    Summary.percent(s.maxDrawdown()),
                    Summary.ratio(s.sharpe()),
                    Summary.ratio(s.sortino()),
                    s.signals()));
        }
        return b.toString();
    }

    /**
     * Writes {@code sweep.csv}: one line per run in the order given (ranked: rank 1 first), the
     * parameters as one {@code key=value ...} column, then every figure of {@link Summary}
     * (fractions as fractions, NaN empty).
     */
    public static Path writeCsv(Path dir, List<Run> runs) throws IOException {
        StringBuilder b = new StringBuilder(
                "rank,run,parameters,trades,win_rate,pnl,profit_factor,expectancy,avg_win,avg_loss,fees_paid,"
                        + "max_drawdown,sharpe,sortino,exposure,trades_per_day,avg_holding_sec,signals\n");
        for (int i = 0; i < runs.size(); i++) {
            Run r = runs.get(i);
            Summary s = r.summary();
            b.append(i + 1)
                    .append(',')
                    .append(r.name())
                    .append(",\"")
                    .append(r.params().replace("\"", "\"\""))
                    .append('"');
            for (double v : new double[] {
                s.trades(),
                s.winRate(),
                s.pnl(),
                s.profitFactor(),
                s.expectancy(),
                s.avgWin(),
                s.avgLoss(),
                s.feesPaid(),
                s.maxDrawdown(),
                s.sharpe(),
                s.sortino(),
                s.exposure(),
                s.tradesPerDay(),
                s.avgHoldingSec(),
                s.signals()
            }) {
                b.append(',')
                        .append(
                                Double.isNaN(v)
                                        ? ""
                                        : v == Math.rint(v) && !Double.isInfinite(v) && Math.abs(v) < 1e15
                                                ? Long.toString((long) v)
                                                : Double.toString(v));
            }
            b.append('\n');
        }
        Path file = dir.resolve("sweep.csv");
        Files.writeString(file, b, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Writes {@code sweep.png} and {@code sweep.html} into {@code dir} for runs ranked by {@code
     * rankedBy} (best first, the order given), which the page names; returns the page.
     */
    public static Path write(Path dir, List<Run> runs, String rankedBy) throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(Charts.WIDTH)
                .height(450)
                .title("PnL and win rate per combination")
                .xAxisTitle("parameters")
                .yAxisTitle("PnL (quote units)")
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(20);
        List<String> names = runs.stream().map(Run::params).toList();
        chart.addSeries("PnL", names, runs.stream().map(r -> r.summary().pnl()).toList())
                .setFillColor(new Color(30, 100, 220));
        chart.addSeries(
                        "win rate %",
                        names,
                        runs.stream()
                                .map(r -> Double.isNaN(r.summary().winRate())
                                        ? 0
                                        : 100 * r.summary().winRate())
                                .toList())
                .setFillColor(new Color(20, 160, 60));
        byte[] png = Charts.png(chart);
        Files.write(dir.resolve("sweep.png"), png);
        StringBuilder h = new StringBuilder(
                        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>scalp-signals sweep</title>")
                .append(
                        "<style>body{font-family:system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}")
                .append(
                        "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}td:first-child,th:first-child{text-align:left}")
                .append("th{background:#f2f4f8}img{max-width:100%}</style></head><body>\n<h1>Parameter sweep</h1>\n")
                .append("<p>" + runs.size() + " runs ranked by " + HtmlReport.esc(rankedBy) + ", best first.</p>\n")
                .append("<table><tr><th>rank</th><th>parameters</th>")
                .append(
                        "<th>trades</th><th>win rate</th><th>PnL</th><th>profit factor</th><th>max drawdown</th><th>Sharpe</th><th>Sortino</th>")
                .append("<th>signals</th><th>report</th></tr>\n");
        for (int i = 0; i < runs.size(); i++) {
            Summary s = runs.get(i).summary();
            h.append("<tr><td>")
                    .append(i + 1)
                    .append("</td><td>")
                    .append(HtmlReport.esc(runs.get(i).params()))
                    .append("</td><td>")
                    .append(s.trades())
                    .append("</td><td>")
                    .append(Summary.percent(s.winRate()))
                    .append("</td><td>")
                    .append(Summary.money(s.pnl()))
                    .append("</td><td>")
                    .append(Summary.ratio(s.profitFactor()))
                    .append("</td><td>")
                    .append(Summary.percent(s.maxDrawdown()))
                    .append("</td><td>")
                    .append(Summary.ratio(s.sharpe()))
                    .append("</td><td>")
                    .append(Summary.ratio(s.sortino()))
                    .append("</td><td>")
                    .append(s.signals())
                    .append("</td><td><a href=\"runs/")
                    .append(runs.get(i).name())
                    .append("/report.html\">report</a></td></tr>\n");
        }
        h.append("</table>\n<img alt=\"sweep.png\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png))
                .append("\">\n</body></html>\n");
        Path file = dir.resolve("sweep.html");
        Files.writeString(file, h, StandardCharsets.UTF_8);
        return file;
    }
}
