package io.scalpsignals.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The backtest's figures, every one recomputable from the journal.
 *
 * @param trades closed positions
 * @param winRate fraction of trades with a positive PnL (after both fees); NaN without trades
 * @param pnl sum of the trades' PnL, quote units
 * @param maxDrawdown the largest fall of the wallet from a previous high, over the balances after
 *     each journal line, as a fraction of that high
 * @param sharpe mean over standard deviation (sample) of the trades' ROI, per trade, not
 *     annualized; NaN with fewer than {@value #MIN_TRADES_FOR_SHARPE} trades (two nearly equal
 *     trades give a meaningless ratio in the hundreds) or no variation
 * @param avgHoldingSec mean time from the opening to the closing journal line, seconds
 * @param signals signals the job emitted
 * @param signalsPerHour signals per hour of the input's event time
 */
public record Summary(int trades, double winRate, double pnl, double maxDrawdown, double sharpe, double avgHoldingSec,
        int signals, double signalsPerHour) {

    public static final int MIN_TRADES_FOR_SHARPE = 5;

    /** One trigger's line of the per-trigger table. */
    public record TriggerRow(String trigger, long signals, int trades, double winRate, double avgRoi, double avgHoldingSec,
            Map<String, Long> exitsByReason) {}

    public static Summary of(Backtest b) {
        List<Backtest.Trade> t = b.trades();
        double hours = Math.max(1, b.lastTs() - b.firstTs()) / 3_600_000.0;
        return new Summary(t.size(), winRate(t), t.stream().mapToDouble(Backtest.Trade::pnl).sum(),
                maxDrawdown(b.balances()), sharpe(t), avgHoldingSec(t), b.signals().size(), b.signals().size() / hours);
    }

    /** The per-trigger table, triggers in name order. */
    public static List<TriggerRow> byTrigger(Backtest b) {
        Map<String, Long> signals = b.signals().values().stream()
                .collect(Collectors.groupingBy(Backtest.Signal::trigger, TreeMap::new, Collectors.counting()));
        Map<String, List<Backtest.Trade>> trades = b.trades().stream()
                .collect(Collectors.groupingBy(Backtest.Trade::trigger, TreeMap::new, Collectors.toList()));
        trades.keySet().forEach(k -> signals.putIfAbsent(k, 0L));
        return signals.entrySet().stream().map(e -> {
            List<Backtest.Trade> t = trades.getOrDefault(e.getKey(), List.of());
            return new TriggerRow(e.getKey(), e.getValue(), t.size(), winRate(t),
                    t.stream().mapToDouble(Backtest.Trade::roi).average().orElse(Double.NaN), avgHoldingSec(t),
                    t.stream().collect(Collectors.groupingBy(Backtest.Trade::exitReason, TreeMap::new, Collectors.counting())));
        }).toList();
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
        double var = t.stream().mapToDouble(x -> (x.roi() - mean) * (x.roi() - mean)).sum() / (t.size() - 1);
        return var == 0 ? Double.NaN : mean / Math.sqrt(var);
    }

    /** The summary as the command prints it. */
    public String format() {
        return String.format(Locale.ROOT, """
                trades            %,d
                win rate          %s
                PnL               %,.2f
                max drawdown      %s
                Sharpe (per trade) %s
                avg holding       %s
                signals           %,d (%.1f per hour)
                """, trades, percent(winRate), pnl, percent(maxDrawdown),
                ratio(sharpe), seconds(avgHoldingSec),
                signals, signalsPerHour);
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", 100 * fraction);
    }

    static String ratio(double r) {
        return Double.isNaN(r) ? "n/a" : String.format(Locale.ROOT, "%.2f", r);
    }

    static String seconds(double s) {
        return Double.isNaN(s) ? "n/a" : String.format(Locale.ROOT, "%.0f s", s);
    }

    static String money(double quote) {
        return String.format(Locale.ROOT, "%,.2f", quote);
    }
}
