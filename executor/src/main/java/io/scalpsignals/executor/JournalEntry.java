package io.scalpsignals.executor;

import io.scalpsignals.executor.state.ExitReason;
import io.scalpsignals.executor.state.Position;

import javax.annotation.Nullable;

import java.math.BigDecimal;

/**
 * One journal line (SPEC.md §7): {@code ts, event, intent_id, symbol, action, reason, price, qty,
 * pnl, roi, balance}, then for an options scalp {@code contract, delta, spread_pct} and for a
 * rejection that needs one a {@code detail}. Money in quote units at scale 8.
 *
 * @param ts executor clock at the event, epoch ms
 * @param event what happened
 * @param intentId the intent concerned (for exits, the one that opened the position)
 * @param symbol instrument, or null for an unparsable signal
 * @param action the signal's action, {@code CLOSE} for exits, or null
 * @param reason rejection or exit reason, or null
 * @param price fill price, or the signal's price for rejections, or null
 * @param qty position quantity: base units, or contracts for an option; or null
 * @param pnl realized PnL after both fees, on CLOSED
 * @param roi leveraged ROI at the exit fill, on CLOSED
 * @param balance the wallet after the event
 * @param raw the signal's text, for INVALID_SIGNAL only
 * @param contract the option contract bought or sold, or null
 * @param detail why, in words, where the reason alone does not say (NO_CONTRACT), or what part of
 *     a limit entry filled (OPENED), or null
 */
public record JournalEntry(
        long ts,
        Event event,
        @Nullable String intentId,
        @Nullable String symbol,
        @Nullable String action,
        @Nullable Enum<?> reason,
        @Nullable Double price,
        @Nullable Double qty,
        @Nullable BigDecimal pnl,
        @Nullable Double roi,
        BigDecimal balance,
        @Nullable String raw,
        @Nullable Contract contract,
        @Nullable String detail) {

    /** An entry without the options fields. */
    public JournalEntry(
            long ts,
            Event event,
            @Nullable String intentId,
            @Nullable String symbol,
            @Nullable String action,
            @Nullable Enum<?> reason,
            @Nullable Double price,
            @Nullable Double qty,
            @Nullable BigDecimal pnl,
            @Nullable Double roi,
            BigDecimal balance,
            @Nullable String raw) {
        this(ts, event, intentId, symbol, action, reason, price, qty, pnl, roi, balance, raw, null, null);
    }

    /** A signal that is no valid signal (SPEC §7): its raw text, the intent id if one could be read. */
    public static JournalEntry invalidSignal(long ts, @Nullable String intentId, String raw, BigDecimal balance) {
        return new JournalEntry(
                ts,
                Event.REJECTED,
                intentId,
                null,
                null,
                RejectReason.INVALID_SIGNAL,
                null,
                null,
                null,
                null,
                balance,
                raw);
    }

    /** A signal whose intent id is known already. */
    public static JournalEntry duplicate(long ts, SignalMessage s, BigDecimal balance) {
        return new JournalEntry(
                ts,
                Event.DUPLICATE,
                s.intentId(),
                s.symbol(),
                s.action().name(),
                null,
                price(s),
                null,
                null,
                null,
                balance,
                null);
    }

    /** A signal refused by {@code reason}; {@code detail} says why in words where the reason alone does not, or is null. */
    public static JournalEntry rejected(
            long ts, SignalMessage s, RejectReason reason, @Nullable String detail, BigDecimal balance) {
        return new JournalEntry(
                ts,
                Event.REJECTED,
                s.intentId(),
                s.symbol(),
                s.action().name(),
                reason,
                price(s),
                null,
                null,
                null,
                balance,
                null,
                null,
                detail);
    }

    /** This entry with {@code detail} (null: none). */
    public JournalEntry withDetail(@Nullable String detail) {
        return new JournalEntry(
                ts, event, intentId, symbol, action, reason, price, qty, pnl, roi, balance, raw, contract, detail);
    }

    /** An open filled at {@code price} for {@code qty}; {@code contract} for an options scalp, else null. */
    public static JournalEntry opened(
            long ts, SignalMessage s, double price, double qty, BigDecimal balance, @Nullable Contract contract) {
        return new JournalEntry(
                ts,
                Event.OPENED,
                s.intentId(),
                s.symbol(),
                s.action().name(),
                null,
                price,
                qty,
                null,
                null,
                balance,
                null,
                contract,
                null);
    }

    /** A position closed for {@code reason} at {@code price}, with its PnL after both fees and its ROI there. */
    public static JournalEntry closed(
            long ts, Position p, ExitReason reason, double price, BigDecimal pnl, double roi, BigDecimal balance) {
        return new JournalEntry(
                ts,
                Event.CLOSED,
                p.intentId(),
                p.symbol(),
                "CLOSE",
                reason,
                price,
                p.qty(),
                pnl,
                roi,
                balance,
                null,
                p.isOption() ? new Contract(p.contract(), null, null) : null,
                null);
    }

    /** The signal's price, or null when it carries none. */
    @Nullable
    private static Double price(SignalMessage s) {
        return Double.isNaN(s.price()) ? null : s.price();
    }

    /**
     * An option contract in the journal.
     *
     * @param symbol the contract's symbol
     * @param delta its delta when chosen (OPENED), else null
     * @param spreadPct {@code (ask - bid) / mid} when chosen (OPENED), a fraction, else null
     */
    public record Contract(
            String symbol, @Nullable Double delta, @Nullable Double spreadPct) {}

    /** The journal's event kinds. */
    public enum Event {
        OPENED,
        REJECTED,
        DUPLICATE,
        CLOSED
    }
}
