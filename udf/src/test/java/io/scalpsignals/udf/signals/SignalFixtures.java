package io.scalpsignals.udf.signals;

import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.testing.Ticks;

/** Ticks with chosen features, for trigger and gate tests (times are offsets from T0). */
final class SignalFixtures {

    static final double NAN = Double.NaN;
    static final String SYMBOL = "BTCUSDT";

    private SignalFixtures() {}

    /** A feature record with the fields the triggers and the gate read; the rest undefined. */
    static TickFeatures features(long offsetMs, double price, double vwap, double volumeRatio, double vel30s, double ret5m, double spreadPct) {
        return new TickFeatures(SYMBOL, Ticks.T0 + offsetMs, price, 1.0, NAN, NAN, vel30s, NAN, vel30s / 30, ret5m, volumeRatio,
                vwap, NAN, NAN, NAN, NAN, NAN, spreadPct, NAN);
    }

    /** A tick at a VWAP of 100: ABOVE from 100.1, BELOW to 99.9, TOUCH within 99.95..100.05. */
    static SymbolTick vwapTick(long offsetMs, double price, double volumeRatio, long seq) {
        return new SymbolTick(features(offsetMs, price, 100.0, volumeRatio, NAN, NAN, NAN), NAN, NAN, seq, 0L);
    }

    /** A tick under breakout levels {@code high} and {@code low}. */
    static SymbolTick levelTick(long offsetMs, double price, double high, double low, double volumeRatio, long seq) {
        return new SymbolTick(features(offsetMs, price, price, volumeRatio, NAN, NAN, NAN), high, low, seq, 0L);
    }
}
