package io.scalpsignals.executor;

import javax.annotation.Nullable;

import java.math.BigDecimal;

/**
 * One journal line (SPEC.md §7): {@code ts, event, intent_id, symbol, action, reason, price, qty,
 * pnl, roi, balance}. Money in quote units at scale 8.
 *
 * @param ts executor clock at the event, epoch ms
 * @param event what happened
 * @param intentId the intent concerned (for exits, the one that opened the position)
 * @param symbol instrument, or null for an unparsable signal
 * @param action the signal's action, {@code CLOSE} for exits, or null
 * @param reason rejection or exit reason, or null
 * @param price fill price, or the signal's price for rejections, or null
 * @param qty position quantity, base units, or null
 * @param pnl realized PnL after both fees, on CLOSED
 * @param roi leveraged ROI at the exit fill, on CLOSED
 * @param balance the wallet after the event
 * @param raw the signal's text, for INVALID_SIGNAL only
 */
public record JournalEntry(
        long ts,
        Event event,
        @Nullable String intentId,
        @Nullable String symbol,
        @Nullable String action,
        @Nullable Decision reason,
        @Nullable Double price,
        @Nullable Double qty,
        @Nullable BigDecimal pnl,
        @Nullable Double roi,
        BigDecimal balance,
        @Nullable String raw) {

    /** The journal's event kinds. */
    public enum Event {
        OPENED,
        REJECTED,
        DUPLICATE,
        CLOSED
    }
}
