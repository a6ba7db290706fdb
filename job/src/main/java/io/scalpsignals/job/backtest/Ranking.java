package io.scalpsignals.job.backtest;

import io.scalpsignals.report.Summary;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * What {@code scalp backtest --rank-by} orders a sweep's runs by: the best first, a run whose figure
 * is undefined (NaN: too few trades for a ratio) last, ties in run order.
 */
public enum Ranking {
    PNL(Summary::pnl, true),
    SHARPE(Summary::sharpe, true),
    SORTINO(Summary::sortino, true),
    PROFIT_FACTOR(Summary::profitFactor, true),
    MAX_DRAWDOWN(Summary::maxDrawdown, false);

    private final ToDoubleFunction<Summary> figure;
    private final boolean higherIsBetter;

    Ranking(ToDoubleFunction<Summary> figure, boolean higherIsBetter) {
        this.figure = figure;
        this.higherIsBetter = higherIsBetter;
    }

    /** The option's value: {@code pnl}, {@code sharpe}, {@code sortino}, {@code profit_factor}, {@code max_drawdown}. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public double of(Summary s) {
        return figure.applyAsDouble(s);
    }

    /** Best first; NaN last. */
    public Comparator<Summary> order() {
        Comparator<Summary> byFigure = Comparator.comparingDouble(this::of);
        Comparator<Summary> best = higherIsBetter ? byFigure.reversed() : byFigure;
        return Comparator.<Summary, Boolean>comparing(s -> Double.isNaN(of(s))).thenComparing(best);
    }

    /**
     * @throws IllegalArgumentException naming the known values
     */
    public static Ranking parse(String name) {
        return Arrays.stream(values())
                .filter(r -> r.optionName().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--rank-by: unknown '" + name + "' (expected "
                        + Arrays.stream(values()).map(Ranking::optionName).collect(Collectors.joining(", ")) + ")"));
    }
}
