package io.scalpsignals.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.IntToDoubleFunction;

/**
 * The report's zoomable charts, drawn in the browser by uPlot (MIT, {@code org.webjars.npm:uplot}
 * on Maven Central), whose script and style are inlined with the data, so the page still opens
 * offline as one file: the chart symbol's price with the session VWAP and its ±1σ bands, entries
 * and exits at their fill prices; the wallet; its drawdown from the running high. Drag across a
 * chart to zoom in on time (down to single ticks), double-click to zoom out; the wallet and the
 * drawdown share a cursor.
 *
 * <p>Every tick of the chart symbol is drawn up to {@value #MAX_POINTS} ticks; a longer input is
 * thinned to every k-th tick (entries and exits stay exact), which the page says. The page's URL
 * may carry {@code #zoom=FROM,TO} (epoch seconds) to open zoomed; each chart's element records its
 * visible range and the ticks in it ({@code data-x-range}, {@code data-visible-points}).
 */
final class InteractiveCharts {

    /** Ticks of the chart symbol drawn at most. */
    static final int MAX_POINTS = 250_000;

    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + version() + "/dist/";

    private InteractiveCharts() {}

    /** The charts' HTML: their containers, uPlot's style and script, the data and the code that draws them. */
    static String html(Backtest b) {
        StringBuilder h = new StringBuilder(1 << 20);
        h.append("<style>")
                .append(resource(UPLOT + "uPlot.min.css"))
                .append(".chart{margin:8px 0 18px}.hint{color:#666;font-size:90%}</style>\n");
        h.append("<p class=\"hint\">Drag across a chart to zoom in on time, double-click to zoom out.</p>\n");
        int step = Math.max(1, (b.chartRows().size() + MAX_POINTS - 1) / MAX_POINTS);
        if (b.chartSymbol() != null) {
            if (step > 1) {
                h.append("<p class=\"hint\">")
                        .append(String.format(Locale.ROOT, "%,d", b.chartRows().size()))
                        .append(" ticks: every ")
                        .append(step)
                        .append("th is drawn; entries and exits are exact.</p>\n");
            }
            h.append("<div id=\"price-chart\" class=\"chart\"></div>\n");
        }
        h.append(
                "<div id=\"equity-chart\" class=\"chart\"></div>\n<div id=\"drawdown-chart\" class=\"chart\"></div>\n");
        h.append("<script>")
                .append(resource(UPLOT + "uPlot.iife.min.js"))
                .append("</script>\n<script>\nconst SCALP = {");
        if (b.chartSymbol() != null) {
            price(h, b, step);
        }
        equity(h, b);
        h.append("};\n").append(resource("io/scalpsignals/report/charts.js")).append("</script>\n");
        return h.toString();
    }

    /** {@code symbol, price: [x, price, vwap, +1σ, -1σ, entry, exit]}, x in epoch seconds. */
    private static void price(StringBuilder h, Backtest b, int step) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < b.chartRows().size(); i += step) {
            rows.add(b.chartRows().get(i));
        }
        double[] entry = new double[rows.size()];
        double[] exit = new double[rows.size()];
        Arrays.fill(entry, Double.NaN);
        Arrays.fill(exit, Double.NaN);
        List<Backtest.Trade> trades = b.trades().stream()
                .filter(t -> t.symbol().equals(b.chartSymbol()) && !Double.isNaN(t.entryPrice()))
                .toList();
        for (Backtest.Trade t : trades) {
            entry[at(rows, t.openTs())] = t.entryPrice();
            exit[at(rows, t.closeTs())] = t.exitPrice();
        }
        h.append("symbol:").append(jsString(b.chartSymbol())).append(",price:[");
        column(h, rows.size(), i -> rows.get(i)[0] / 1000.0).append(',');
        for (int c = 1; c <= 4; c++) {
            int col = c;
            column(h, rows.size(), i -> rows.get(i)[col]).append(',');
        }
        column(h, rows.size(), i -> entry[i]).append(',');
        column(h, rows.size(), i -> exit[i]).append("],\n");
    }

    /** {@code equity: [x, balance, drawdown %]} over the journal's lines in time order. */
    private static void equity(StringBuilder h, Backtest b) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < b.balances().size(); i++) {
            points.add(new double[] {b.balanceTs().get(i) / 1000.0, b.balances().get(i)});
        }
        points.sort(Comparator.comparingDouble(p -> p[0]));
        double[] drawdown = new double[points.size()];
        double peak = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < points.size(); i++) {
            peak = Math.max(peak, points.get(i)[1]);
            drawdown[i] = -100 * (peak - points.get(i)[1]) / peak;
        }
        h.append("equity:[");
        column(h, points.size(), i -> points.get(i)[0]).append(',');
        column(h, points.size(), i -> points.get(i)[1]).append(',');
        column(h, points.size(), i -> drawdown[i]).append("]\n");
    }

    /** The first row at or after {@code ts} (ms), or the last. */
    private static int at(List<double[]> rows, long ts) {
        int lo = 0;
        int hi = rows.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rows.get(mid)[0] < ts) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static StringBuilder column(StringBuilder h, int n, IntToDoubleFunction value) {
        h.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                h.append(',');
            }
            double v = value.applyAsDouble(i);
            if (Double.isNaN(v) || Double.isInfinite(v)) {
                h.append("null");
            } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                h.append((long) v);
            } else {
                h.append(v);
            }
        }
        return h.append(']');
    }

    private static String jsString(String s) {
        try {
            return new ObjectMapper().writeValueAsString(s).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String version() {
        try (InputStream in = InteractiveCharts.class
                .getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("uPlot's WebJar is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = InteractiveCharts.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("</script", "<\\/script");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
