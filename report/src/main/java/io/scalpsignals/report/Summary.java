package io.scalpsignals.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The backtest's figures, every one recomputable from the journal. Per-trade ratios are not
 * annualized: trades are not evenly spaced in time.
 *
 * @param trades closed positions
 * @param winRate fraction of trades with a positive PnL (after both fees); NaN without trades
 * @param pnl sum of the trades' PnL, quote units
 * @param maxDrawdown the largest fall of the wallet from a previous high, over the balances after
 *     each journal line, as a fraction of that high
 * @param sharpe mean over standard deviation (sample) of the trades' ROI, per trade; NaN with fewer
 *     than {@value #MIN_TRADES_FOR_SHARPE} trades (two nearly equal trades give a meaningless ratio
 *     in the hundreds) or no variation
 * @param sortino mean of the trades' ROI over their downside deviation ({@code sqrt(mean(min(0,
 *     roi)^2))}, Sortino and Price 1994), per trade; NaN with fewer than {@value
 *     #MIN_TRADES_FOR_SHARPE} trades or no losing trade
 * @param profitFactor gross profit over gross loss of the trades' PnL; infinite without a loss, NaN
 *     without trades
 * @param expectancy mean PnL per trade, quote units; NaN without trades
 * @param avgWin mean PnL of the winning trades, quote units; NaN without one
 * @param avgLoss mean PnL of the losing trades (negative), quote units; NaN without one
 * @param feesPaid both fees of every trade, quote units
 * @param exposure fraction of the input's time span with at least one position open
 * @param tradesPerDay trades per day of the input's time span
 * @param avgHoldingSec mean time from the opening to the closing journal line, seconds
 * @param signals signals the job emitted
 * @param signalsPerHour signals per hour of the input's event time
 */
public record Summary(
        int trades,
        double winRate,
        double pnl,
        double maxDrawdown,
        double sharpe,
        double sortino,
        double profitFactor,
        double expectancy,
        double avgWin,
        double avgLoss,
        double feesPaid,
        double exposure,
        double tradesPerDay,
        double avgHoldingSec,
        int signals,
        double signalsPerHour) {

    public static final int MIN_TRADES_FOR_SHARPE = 5;

    private static final double DAY_MS = 86_400_000.0;

    /** One trigger's line of the per-trigger table. */
    public record TriggerRow(
            String trigger,
            long signals,
            int trades,
            double winRate,
            double avgRoi,
            double avgHoldingSec,
            Map<String, Long> exitsByReason) {}

    /** One line of a table of trades grouped by a key (symbol, exit reason). */
    public record GroupRow(String key, int trades, double winRate, double pnl, double avgRoi, double feesPaid) {}

    public static Summary of(Backtest b) {
        List<Backtest.Trade> t = b.trades();
        long span = Math.max(1, b.lastTs() - b.firstTs());
        double hours = span / 3_600_000.0;
        double wins =
                t.stream().mapToDouble(Backtest.Trade::pnl).filter(p -> p > 0).sum();
        double losses =
                -t.stream().mapToDouble(Backtest.Trade::pnl).filter(p -> p < 0).sum();
        return new Summary(
                t.size(),
                winRate(t),
                t.stream().mapToDouble(Backtest.Trade::pnl).sum(),
                maxDrawdown(b.balances()),
                sharpe(t),
                sortino(t),
                t.isEmpty() ? Double.NaN : losses == 0 ? Double.POSITIVE_INFINITY : wins / losses,
                t.stream().mapToDouble(Backtest.Trade::pnl).average().orElse(Double.NaN),
                t.stream()
                        .mapToDouble(Backtest.Trade::pnl)
                        .filter(p -> p > 0)
                        .average()
                        .orElse(Double.NaN),
                t.stream()
                        .mapToDouble(Backtest.Trade::pnl)
                        .filter(p -> p < 0)
                        .average()
                        .orElse(Double.NaN),
                fees(t),
                exposure(t, b.firstTs(), b.lastTs()),
                t.size() / (span / DAY_MS),
                avgHoldingSec(t),
                b.signals().size(),
                b.signals().size() / hours);
    }

    /** The trades by symbol, symbols in name order. */
    public static List<GroupRow> bySymbol(Backtest b) {
        return grouped(b.trades(), Backtest.Trade::symbol);
    }

    /** The trades by exit reason, reasons in name order. */
    public static List<GroupRow> byExitReason(Backtest b) {
        return grouped(b.trades(), Backtest.Trade::exitReason);
    }

    private static List<GroupRow> grouped(List<Backtest.Trade> trades, Function<Backtest.Trade, String> key) {
        return trades.stream()
                .collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()))
                .entrySet()
                .stream()
                .map(e -> new GroupRow(
                        e.getKey(),
                        e.getValue().size(),
                        winRate(e.getValue()),
                        e.getValue().stream().mapToDouble(Backtest.Trade::pnl).sum(),
                        e.getValue().stream()
                                .mapToDouble(Backtest.Trade::roi)
                                .average()
                                .orElse(Double.NaN),
                        fees(e.getValue())))
                .toList();
    }

    static double fees(List<Backtest.Trade> t) {
        return t.stream()
                .mapToDouble(Backtest.Trade::fees)
                .filter(Double::isFinite)
                .sum();
    }

    /** The union of the trades' holding intervals over {@code [from, to]}, as a fraction of it. */
    static double exposure(List<Backtest.Trade> t, long from, long to) {
        if (to <= from) {
            return Double.NaN;
        }
        List<Backtest.Trade> sorted = t.stream()
                .sorted(Comparator.comparingLong(Backtest.Trade::openTs))
                .toList();
        long covered = 0;
        long end = Long.MIN_VALUE;
        for (Backtest.Trade x : sorted) {
            long start = Math.max(x.openTs(), end);
            if (x.closeTs() > start) {
                covered += x.closeTs() - start;
            }
            end = Math.max(end, x.closeTs());
        }
        return Math.min(1, covered / (double) (to - from));
    }

    static double sortino(List<Backtest.Trade> t) {
        if (t.size() < MIN_TRADES_FOR_SHARPE) {
            return Double.NaN;
        }
        double mean = t.stream().mapToDouble(Backtest.Trade::roi).average().orElseThrow();
        double downside = Math.sqrt(t.stream()
                .mapToDouble(x -> Math.min(0, x.roi()))
                .map(d -> d * d)
                .average()
                .orElseThrow());
        return downside == 0 ? Double.NaN : mean / downside;
    }

    /** The per-trigger table, triggers in name order. */
    public static List<TriggerRow> byTrigger(Backtest b) {
        Map<String, Long> signals = b.signals().values().stream()
                .collect(Collectors.groupingBy(Backtest.Signal::trigger, TreeMap::new, Collectors.counting()));
        Map<String, List<Backtest.Trade>> trades = b.trades().stream()
                .collect(Collectors.groupingBy(Backtest.Trade::trigger, TreeMap::new, Collectors.toList()));
        trades.keySet().forEach(k -> signals.putIfAbsent(k, 0L));
        return signals.entrySet().stream()
                .map(e -> {
                    List<Backtest.Trade> t = trades.getOrDefault(e.getKey(), List.of());
                    return new TriggerRow(
                            e.getKey(),
                            e.getValue(),
                            t.size(),
                            winRate(t),
                            t.stream()
                                    .mapToDouble(Backtest.Trade::roi)
                                    .average()
                                    .orElse(Double.NaN),
                            avgHoldingSec(t),
                            t.stream()
                                    .collect(Collectors.groupingBy(
                                            Backtest.Trade::exitReason, TreeMap::new, Collectors.counting())));
                })
                .toList();
    }

    static double winRate(List<Backtest.Trade> t) {
        return t.isEmpty() ? Double.NaN : t.stream().filter(x -> x.pnl() > 0).count() / (double) t.size();
    }

    static double avgHoldingSec(List<Backtest.Trade> t) {
        return t.stream().mapToLong(Backtest.Trade::holdingMs).average().orElse(Double.NaN) / 1000.0;
    }

    static double maxDrawdown(List<Double> balances) {
        double peak = Double.NEGATIVE_INFINITY;
        double worst = 0;
        for (double b : balances) {
            peak = Math.max(peak, b);
            worst = Math.max(worst, (peak - b) / peak);
        }
        return worst;
    }

    static double sharpe(List<Backtest.Trade> t) {
        if (t.size() < MIN_TRADES_FOR_SHARPE) {
            return Double.NaN;
        }
        double mean = t.stream().mapToDouble(Backtest.Trade::roi).average().orElseThrow();
        double var =
                t.stream().mapToDouble(x -> (x.roi() - mean) * (x.roi() - mean)).sum() / (t.size() - 1);
        return var == 0 ? Double.NaN : mean / Math.sqrt(var);
    }

    /** The summary as the command prints it. */
    public String format() {
        return String.format(
                Locale.ROOT,
                """
                trades            %,d (%s per day)
                win rate          %s
                PnL               %,.2f
                profit factor     %s
                expectancy        %s per trade (avg win %s, avg loss %s)
                fees paid         %,.2f
                max drawdown      %s
                Sharpe (per trade) %s
                Sortino (per trade) %s
                exposure          %s
                avg holding       %s
                signals           %,d (%.1f per hour)
                """,
                trades,
                ratio(tradesPerDay),
                percent(winRate),
                pnl,
                ratio(profitFactor),
                money(expectancy),
                money(avgWin),
                money(avgLoss),
                feesPaid,
                percent(maxDrawdown),
                ratio(sharpe),
                ratio(sortino),
                percent(exposure),
                seconds(avgHoldingSec),
                signals,
                signalsPerHour);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "n/a" : Double.isInfinite(r) ? "∞" : String.format(Locale.ROOT, "%.2f", r);
    }

    /** Counts by key in the map's order, {@code "STOP_LOSS 5, TIME_EXIT 2"}; "none" when empty. */
    static String counts(Map<String, Long> byKey) {
        if (byKey.isEmpty()) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        byKey.forEach((k, n) ->
                b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(n));
        return b.toString();
    }

    static String seconds(double s) {
        return Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.0f s", s);
    }

    static String money(double quote) {
        return Double.isNaN(quote) ? "n/a" : String.format(Locale.ROOT, "%,.2f", quote);
    }
}
