package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.InstrumentKind;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.options.OptionQuote;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateException;
import io.scalpsignals.executor.state.StateStore;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What an open trades: the signal's own instrument ({@link LinearMode}: perpetuals, spot) or an
 * option contract on it ({@link OptionsMode}: options scalps). A mode names its entry checks, in
 * order, whether a signal must carry its own risk parameters, how an open is sized and what an open
 * and a close count; the {@link Engine} runs them and everything the two share (clock, monitor,
 * exits, ledger, journal).
 */
sealed interface TradingMode permits LinearMode, OptionsMode {

    /** The checks of a new intent, in the order they are applied (the first that fails decides). */
    List<EntryCheck> checks();

    /** Whether an open signal must carry valid {@code size_pct}, {@code tp_pct}, ... (a scalp takes the options' own). */
    boolean riskParametersRequired();

    /**
     * The order of an open that passed the checks, or why there is none.
     *
     * @param available the available balance, quote units
     * @param now the executor clock, epoch ms
     * @param lastPrices the last trade price of each symbol
     */
    Entry enter(SignalMessage s, BigDecimal available, long now, Map<String, Double> lastPrices);

    /** After an open filled, in its unit: what the mode counts (nothing, by default). */
    default void opened(PendingIntent filled, Ledger l) {}

    /**
     * After a close, in its unit: the cooldown it starts. By default a linear position's, per symbol
     * and direction ({@code cooldown_sec} of its signal, SPEC.md §7 COOLDOWN).
     *
     * @param pnl the trade's PnL after both fees, quote units
     * @param now executor time, epoch ms
     */
    default void closed(Position p, BigDecimal pnl, long now, Ledger l, StateStore store) {
        store.setCooldown(p.symbol(), p.direction(), now + p.cooldownSec() * 1000L);
    }

    /**
     * The price {@code p} is marked and checked for exits at, or null when none is known yet: by
     * default its symbol's last trade.
     */
    @Nullable
    default Double markPrice(Position p, Map<String, Double> lastPrices) {
        return lastPrices.get(p.symbol());
    }

    /**
     * The reduce-only market order that closes {@code p}, under {@code closeId}: by default on its
     * symbol, at reference {@code price} (its last trade).
     *
     * @param now executor time, epoch ms
     */
    default Order closeOrder(Position p, String closeId, double price, long now) {
        return Order.market(closeId, p.symbol(), InstrumentKind.LINEAR, p.closingSide(), p.qty(), price, now, true);
    }

    /**
     * Refuses a state this mode cannot manage, at start: by default none.
     *
     * @param unsettled the orders of intents left PENDING
     * @throws StateException naming what it cannot manage and how to start instead
     */
    default void checkState(List<Position> positions, Collection<Order> unsettled) {}

    /** An open sized, or refused. */
    sealed interface Entry permits Sized, Refused {}

    /**
     * An open's order and what the PENDING intent records with it.
     *
     * @param signal the signal as the position will follow it (a scalp: the options' exits)
     * @param margin quote units the position ties up
     * @param contract the option contract chosen, or null
     * @param multiplier shares per contract (1 for a linear order)
     */
    record Sized(
            SignalMessage signal,
            Order order,
            BigDecimal margin,
            @Nullable OptionQuote contract,
            int multiplier) implements Entry {}

    /** @param detail why, in words, where the reason alone does not say; or null */
    record Refused(RejectReason reason, @Nullable String detail) implements Entry {}
}
