package io.scalpsignals.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code report.html} into a backtest directory: what the replay assumed, the summary, the
 * tables by symbol, exit reason and trigger, blocked candidates by reason, the zoomable charts
 * ({@link InteractiveCharts}: uPlot and the data inlined), and the same charts as PNG files beside
 * it and embedded in the page ({@code data:} URIs) for places that run no script. The page is one
 * file that opens offline: nothing is loaded from elsewhere, no web font.
 */
public final class HtmlReport {

    private HtmlReport() {}

    /** @return the written {@code report.html} */
    public static Path write(Backtest b) throws IOException {
        Summary summary = Summary.of(b);
        String symbol = b.chartSymbol();
        Map<String, byte[]> charts = new LinkedHashMap<>();
        if (symbol != null) {
            charts.put("price.png", Charts.price(b));
        }
        charts.put("equity.png", Charts.equity(b));
        charts.put("pnl.png", Charts.pnlDistribution(b));
        charts.put("blocked.png", Charts.blocked(b));
        for (Map.Entry<String, byte[]> c : charts.entrySet()) {
            Files.write(b.dir().resolve(c.getKey()), c.getValue());
        }

        StringBuilder h = new StringBuilder(1 << 16);
        h.append(
                        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>scalp-signals backtest</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1240px}")
                .append(
                        "table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}")
                .append(
                        "th{background:#f2f4f8}td:first-child,th:first-child{text-align:left}img{max-width:100%;border:1px solid #ddd;margin:6px 0}")
                .append(".row{display:flex;gap:12px;flex-wrap:wrap}</style></head><body>\n")
                .append("<h1>Backtest</h1>\n<p>")
                .append(esc(b.dir().toAbsolutePath().toString()))
                .append(" · input ")
                .append(Instant.ofEpochMilli(b.firstTs()))
                .append(" → ")
                .append(Instant.ofEpochMilli(b.lastTs()))
                .append("</p>\n");
        h.append("<h2>Assumed</h2>\n<table>");
        if (b.settings().isEmpty()) {
            row(h, "settings", "not recorded (no settings.json): SPEC.md §7's defaults, latency 0 ms");
        } else {
            row(
                    h,
                    "latency",
                    b.settings().containsKey("latency_ms")
                            ? b.settings().get("latency_ms").asText() + " ms from signal ts to decision"
                            : "0 ms");
            row(h, "fee", pct(b.settings(), "fee_pct") + " per side");
            row(h, "slippage", pct(b.settings(), "slippage_pct") + " per side (paper fills)");
            row(
                    h,
                    "starting balance",
                    b.settings().containsKey("starting_balance")
                            ? b.settings().get("starting_balance").asText()
                            : "n/a");
            h.append("<tr><td>all executor settings</td><td><details><summary>show</summary><pre>")
                    .append(esc(b.settings().toString()))
                    .append("</pre></details></td></tr>");
        }
        h.append("</table>\n<h2>Summary</h2>\n<table>");
        row(
                h,
                "trades",
                String.format(
                        Locale.ROOT, "%,d (%s per day)", summary.trades(), Summary.ratio(summary.tradesPerDay())));
        row(h, "win rate", Summary.percent(summary.winRate()));
        row(h, "PnL (quote units, after fees)", Summary.money(summary.pnl()));
        row(h, "profit factor", Summary.ratio(summary.profitFactor()));
        row(h, "expectancy (PnL per trade)", Summary.money(summary.expectancy()));
        row(
                h,
                "average win / average loss",
                Summary.money(summary.avgWin()) + " / " + Summary.money(summary.avgLoss()));
        row(h, "fees paid", Summary.money(summary.feesPaid()));
        row(h, "max drawdown", Summary.percent(summary.maxDrawdown()));
        row(h, "Sharpe ratio of trade returns (per trade)", Summary.ratio(summary.sharpe()));
        row(h, "Sortino ratio of trade returns (per trade)", Summary.ratio(summary.sortino()));
        row(h, "exposure (time with a position open)", Summary.percent(summary.exposure()));
        row(h, "average holding time", Summary.seconds(summary.avgHoldingSec()));
        row(
                h,
                "signals",
                String.format(Locale.ROOT, "%,d (%.1f per hour)", summary.signals(), summary.signalsPerHour()));
        h.append("</table>\n");
        Optional<LimitEntryFigures> limits = LimitEntryFigures.read(b.dir(), summary.feesPaid());
        if (limits.isPresent()) {
            LimitEntryFigures f = limits.get();
            h.append("<h2>Limit entries</h2>\n<table>");
            row(h, "orders placed (rested at the touch)", String.format(Locale.ROOT, "%,d", f.placed()));
            row(h, "filled (in part)", String.format(Locale.ROOT, "%,d (%,d)", f.filled(), f.partlyFilled()));
            row(h, "timed out / cancelled by a CLOSE", f.timedOut() + " / " + f.cancelled());
            row(h, "fill rate", Summary.percent(f.placed() == 0 ? Double.NaN : (double) f.filled() / f.placed()));
            row(h, "opens refused without a quote (NO_QUOTE)", String.format(Locale.ROOT, "%,d", f.noQuote()));
            row(
                    h,
                    "fees: maker (entries) / taker (exits)",
                    Summary.money(f.makerFees()) + " / " + Summary.money(f.takerFees()));
            h.append("</table>\n");
        }
        groupTable(h, "By symbol", "symbol", Summary.bySymbol(b));
        groupTable(h, "By exit reason", "exit reason", Summary.byExitReason(b));

        h.append(
                        "<h2>By trigger</h2>\n<table><tr><th>trigger</th><th>signals</th><th>trades</th><th>win rate</th><th>avg ROI</th>")
                .append("<th>avg holding</th><th>exits by reason</th></tr>\n");
        for (Summary.TriggerRow r : Summary.byTrigger(b)) {
            h.append("<tr><td>")
                    .append(esc(r.trigger()))
                    .append("</td><td>")
                    .append(r.signals())
                    .append("</td><td>")
                    .append(r.trades())
                    .append("</td><td>")
                    .append(Summary.percent(r.winRate()))
                    .append("</td><td>")
                    .append(Summary.percent(r.avgRoi()))
                    .append("</td><td>")
                    .append(Summary.seconds(r.avgHoldingSec()))
                    .append("</td><td>")
                    .append(esc(Summary.counts(r.exitsByReason())))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<h2>Blocked candidates</h2>\n<table><tr><th>reason</th><th>candidates</th></tr>\n");
        b.blockedByReason()
                .forEach((reason, n) -> h.append("<tr><td>")
                        .append(esc(reason))
                        .append("</td><td>")
                        .append(n)
                        .append("</td></tr>\n"));
        h.append("</table>\n<h2>Charts</h2>\n").append(InteractiveCharts.html(b));
        h.append("<h2>Charts as images</h2>\n");
        List<String> wide = List.of("price.png", "equity.png");
        for (String name : wide) {
            if (charts.containsKey(name)) {
                image(h, name, charts.get(name));
            }
        }
        h.append("<div class=\"row\">");
        image(h, "pnl.png", charts.get("pnl.png"));
        image(h, "blocked.png", charts.get("blocked.png"));
        h.append("</div>\n</body></html>\n");
        Path file = b.dir().resolve("report.html");
        Files.writeString(file, h, StandardCharsets.UTF_8);
        return file;
    }

    private static void groupTable(StringBuilder h, String title, String key, List<Summary.GroupRow> rows) {
        h.append("<h2>")
                .append(esc(title))
                .append("</h2>\n<table><tr><th>")
                .append(esc(key))
                .append("</th><th>trades</th><th>win rate</th><th>PnL</th><th>avg ROI</th><th>fees</th></tr>\n");
        for (Summary.GroupRow r : rows) {
            h.append("<tr><td>")
                    .append(esc(r.key()))
                    .append("</td><td>")
                    .append(r.trades())
                    .append("</td><td>")
                    .append(Summary.percent(r.winRate()))
                    .append("</td><td>")
                    .append(Summary.money(r.pnl()))
                    .append("</td><td>")
                    .append(Summary.percent(r.avgRoi()))
                    .append("</td><td>")
                    .append(Summary.money(r.feesPaid()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    /** A fraction setting as a percent ({@code 0.00055} is {@code 0.055 %}). */
    private static String pct(Map<String, JsonNode> settings, String key) {
        JsonNode v = settings.get(key);
        return v == null
                ? "n/a"
                : new BigDecimal(v.asText())
                                .movePointRight(2)
                                .stripTrailingZeros()
                                .toPlainString() + " %";
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><td>")
                .append(esc(name))
                .append("</td><td>")
                .append(esc(value))
                .append("</td></tr>");
    }

    private static void image(StringBuilder h, String name, byte[] png) {
        h.append("<div><img alt=\"")
                .append(name)
                .append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png))
                .append("\"></div>\n");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
