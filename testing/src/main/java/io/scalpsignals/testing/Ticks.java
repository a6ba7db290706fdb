package io.scalpsignals.testing;

import io.scalpsignals.model.Tick;

import java.time.Instant;

/** Tick fixtures at fixed instants (never the wall clock). */
public final class Ticks {

    /** 2024-01-02T00:00:00Z, a Tuesday, the start of a UTC session. */
    public static final long T0 = Instant.parse("2024-01-02T00:00:00Z").toEpochMilli();

    private Ticks() {}

    /** A trade of {@code symbol} at {@code T0 + offsetMs}. */
    public static Tick at(String symbol, long offsetMs, double price, double size) {
        return Tick.trade(symbol, T0 + offsetMs, price, size);
    }

    /** A BTCUSDT trade at {@code T0 + offsetMs}. */
    public static Tick at(long offsetMs, double price, double size) {
        return at("BTCUSDT", offsetMs, price, size);
    }
}
