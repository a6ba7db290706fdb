package io.scalpsignals.executor.broker;

/**
 * An order the venue will not take, final: retrying it cannot succeed, and nothing was traded.
 * The executor settles an open as REJECTED with the reason its {@link #kind()} maps to
 * (BELOW_MIN_QTY, VENUE_REJECTED, POST_ONLY_WOULD_CROSS), a reduce-only close of a position the venue no longer holds as
 * closed with VENUE_CLOSED, and goes on with the next event.
 */
public final class OrderRefused extends RuntimeException {

    /** Why. */
    public enum Kind {
        /** The quantity, rounded down to the instrument's step, is under its minimum quantity or notional: not sent. */
        BELOW_MIN_QTY,
        /** The venue refused it (e.g. Bybit 110007 insufficient balance). */
        REJECTED,
        /** A reduce-only close of a position the venue no longer holds (liquidated, closed by hand or by a venue-side stop). */
        POSITION_GONE,
        /** A post-only limit order the venue cancelled because it would have taken liquidity (crossed the book). */
        WOULD_CROSS
    }

    private final Kind kind;

    /** @param detail for the journal: the venue's code and message, or the rule broken */
    public OrderRefused(Kind kind, String detail) {
        super(detail);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
