package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.InstrumentKind;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.config.Money;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateException;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Trading the signal's own instrument: the checks of SPEC.md §7 exactly; an open's margin is
 * {@code size_pct} of the available balance, its quantity {@code margin * leverage / expected
 * fill} at the last price moved by the slippage.
 *
 * @param config the executor's settings (minimum available balance, slippage)
 */
record LinearMode(ExecutorConfig config) implements TradingMode {

    private static final List<EntryCheck> CHECKS = List.of(
            EntryCheck.PAUSED,
            EntryCheck.STALE_SIGNAL,
            EntryCheck.MARKET_CLOSED,
            EntryCheck.NO_PRICE,
            EntryCheck.LOW_CONFIDENCE,
            EntryCheck.MAX_DAILY_TRADES,
            EntryCheck.DRAWDOWN_GUARD,
            EntryCheck.CONSECUTIVE_LOSSES,
            EntryCheck.COOLDOWN,
            EntryCheck.ONE_WAY,
            EntryCheck.MAX_POSITIONS);

    @Override
    public List<EntryCheck> checks() {
        return CHECKS;
    }

    @Override
    public boolean riskParametersRequired() {
        return true;
    }

    /** A state holding options scalps (a position or a PENDING order on a contract): nothing here could price or close them. */
    @Override
    public void checkState(List<Position> positions, Collection<Order> unsettled) {
        List<String> scalps = new ArrayList<>();
        positions.stream().filter(Position::isOption).forEach(p -> scalps.add(p.symbol() + " " + p.contract()));
        unsettled.stream().filter(Order::option).forEach(o -> scalps.add(o.symbol() + " (pending)"));
        if (!scalps.isEmpty()) {
            throw new StateException(
                    "the state holds options scalps (" + String.join(", ", scalps)
                            + "); start the executor with their chain (--chain or --chain-topic)",
                    null);
        }
    }

    @Override
    public Entry enter(SignalMessage s, BigDecimal available, long now, Map<String, Double> lastPrices) {
        if (available.compareTo(config.minAvailable()) < 0) {
            return new Refused(RejectReason.INSUFFICIENT_MARGIN, null);
        }
        double last = lastPrices.get(s.symbol());
        BigDecimal margin = Money.scaled(available.multiply(BigDecimal.valueOf(s.sizePct())));
        double expectedFill = last * (1 + s.direction() * config.slippagePct());
        double qty = margin.doubleValue() * s.leverage() / expectedFill;
        return new Sized(
                s,
                Order.market(s.intentId(), s.symbol(), InstrumentKind.LINEAR, s.direction(), qty, last, now, false),
                margin,
                null,
                1);
    }
}
