package io.scalpsignals.report;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.Histogram;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The report's charts as PNG bytes (XChart), 1200 pixels wide. */
public final class Charts {

    static final int WIDTH = 1200;
    /** At most this many points of the price line; the feature records are thinned evenly. */
    static final int MAX_POINTS = 4_000;

    /** Signal markers: the shape tells the trigger, the colour the direction (green long, red short). */
    private static final Map<String, Marker> TRIGGER_MARKERS = Map.of(
            "momentum_burst", SeriesMarkers.TRIANGLE_UP,
            "vwap_rejection", SeriesMarkers.SQUARE,
            "breakout", SeriesMarkers.DIAMOND,
            "mean_reversion", SeriesMarkers.CIRCLE,
            "book_imbalance", SeriesMarkers.TRIANGLE_DOWN);

    private Charts() {}

    /**
     * Price with the session VWAP and its ±1σ and ±2σ bands (SPEC §2) for {@link
     * Backtest#chartSymbol()}, the signals by trigger and direction, and the executor's entries and
     * exits.
     */
    public static byte[] price(Backtest b) throws IOException {
        String symbol = b.chartSymbol();
        List<double[]> rows = b.chartRows();
        int step = Math.max(1, rows.size() / MAX_POINTS);
        List<double[]> thin = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += step) {
            thin.add(rows.get(i));
        }
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(520)
                .title(symbol + ": price, session VWAP ±1σ ±2σ, signals, entries and exits")
                .xAxisTitle("time (UTC)")
                .yAxisTitle("price")
                .build();
        chart.getStyler()
                .setDatePattern("MM-dd HH:mm")
                .setMarkerSize(9)
                .setLegendPosition(Styler.LegendPosition.OutsideE)
                .setChartBackgroundColor(Color.WHITE);
        String[] names = {"price", "VWAP", "+1σ", "-1σ", "+2σ", "-2σ"};
        Color[] colors = {
            new Color(40, 40, 40),
            new Color(30, 100, 220),
            new Color(120, 160, 240),
            new Color(120, 160, 240),
            new Color(190, 205, 245),
            new Color(190, 205, 245)
        };
        for (int c = 0; c < names.length; c++) {
            int col = c + 1;
            List<Date> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (double[] r : thin) {
                if (!Double.isNaN(r[col])) {
                    x.add(new Date((long) r[0]));
                    y.add(r[col]);
                }
            }
            if (!x.isEmpty()) {
                XYSeries s = chart.addSeries(names[c], x, y);
                s.setMarker(SeriesMarkers.NONE).setLineColor(colors[c]).setLineWidth(c == 0 ? 1.2f : 1f);
            }
        }
        Map<String, List<Backtest.Signal>> byKind = b.signals().values().stream()
                .filter(s -> s.symbol().equals(symbol))
                .sorted(Comparator.comparingLong(Backtest.Signal::ts))
                .collect(Collectors.groupingBy(
                        s -> s.trigger() + (s.action().equals("OPEN_LONG") ? " long" : " short"),
                        TreeMap::new,
                        Collectors.toList()));
        byKind.forEach((kind, list) -> markers(
                chart,
                "signal " + kind,
                list,
                s -> new Date(s.ts()),
                Backtest.Signal::price,
                TRIGGER_MARKERS.getOrDefault(kind.substring(0, kind.indexOf(' ')), SeriesMarkers.OVAL),
                kind.endsWith("long") ? new Color(20, 160, 60) : new Color(210, 40, 40)));
        List<Backtest.Trade> trades = b.trades().stream()
                .filter(t -> t.symbol().equals(symbol) && !Double.isNaN(t.entryPrice()))
                .toList();
        markers(
                chart,
                "entry",
                trades,
                t -> new Date(t.openTs()),
                Backtest.Trade::entryPrice,
                SeriesMarkers.PLUS,
                new Color(255, 140, 0));
        markers(
                chart,
                "exit",
                trades,
                t -> new Date(t.closeTs()),
                Backtest.Trade::exitPrice,
                SeriesMarkers.CROSS,
                new Color(140, 60, 200));
        return png(chart);
    }

    private static <T> void markers(
            XYChart chart,
            String name,
            List<T> items,
            Function<T, Date> x,
            Function<T, Double> y,
            Marker marker,
            Color color) {
        if (items.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(
                name, items.stream().map(x).toList(), items.stream().map(y).toList());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter)
                .setMarker(marker)
                .setMarkerColor(color);
    }

    /** The wallet after each journal line, and its drawdown from the running high (%). */
    public static byte[] equity(Backtest b) throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(420)
                .title("Balance (the wallet after each journal line; SPEC §7 equity adds open PnL) and drawdown")
                .xAxisTitle("time (UTC)")
                .yAxisTitle("quote units")
                .build();
        chart.getStyler()
                .setDatePattern("MM-dd HH:mm")
                .setChartBackgroundColor(Color.WHITE)
                .setLegendPosition(Styler.LegendPosition.OutsideE);
        List<Date> x = b.balanceTs().stream().map(Date::new).toList();
        if (x.isEmpty()) {
            x = List.of(new Date(b.firstTs()));
        }
        List<Double> balance = b.balances().isEmpty() ? List.of(0.0) : b.balances();
        chart.addSeries("balance", x, balance).setMarker(SeriesMarkers.NONE).setLineColor(new Color(30, 100, 220));
        List<Double> drawdown = new ArrayList<>();
        double peak = Double.NEGATIVE_INFINITY;
        for (double v : balance) {
            peak = Math.max(peak, v);
            drawdown.add(-100 * (peak - v) / peak);
        }
        XYSeries dd = chart.addSeries("drawdown %", x, drawdown);
        dd.setMarker(SeriesMarkers.NONE).setLineColor(new Color(210, 40, 40));
        dd.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "drawdown %");
        return png(chart);
    }

    /** The distribution of the trades' PnL. */
    public static byte[] pnlDistribution(Backtest b) throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH / 2)
                .height(400)
                .title("PnL per trade")
                .xAxisTitle("PnL (quote units)")
                .yAxisTitle("trades")
                .build();
        chart.getStyler().setLegendVisible(false).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisDecimalPattern("0.00");
        chart.getStyler().setXAxisLabelRotation(45);
        List<Double> pnl = b.trades().stream().map(Backtest.Trade::pnl).toList();
        if (pnl.isEmpty()) {
            chart.addSeries("trades", List.of("none"), List.of(0));
        } else {
            Histogram h = new Histogram(pnl, Math.min(20, Math.max(5, pnl.size() / 3)));
            chart.addSeries("trades", h.getxAxisData(), h.getyAxisData()).setFillColor(new Color(30, 100, 220));
        }
        return png(chart);
    }

    /** Blocked candidates by reason (SPEC §5). */
    public static byte[] blocked(Backtest b) throws IOException {
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH / 2)
                .height(400)
                .title("Candidates blocked by the gate")
                .xAxisTitle("reason")
                .yAxisTitle("candidates")
                .build();
        chart.getStyler().setLegendVisible(false).setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setXAxisLabelRotation(30);
        Map<String, Long> blocked =
                b.blockedByReason().isEmpty() ? new LinkedHashMap<>(Map.of("none", 0L)) : b.blockedByReason();
        chart.addSeries("blocked", new ArrayList<>(blocked.keySet()), new ArrayList<>(blocked.values()))
                .setFillColor(new Color(210, 120, 40));
        return png(chart);
    }

    static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
