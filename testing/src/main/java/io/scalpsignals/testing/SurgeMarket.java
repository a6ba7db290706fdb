package io.scalpsignals.testing;

import io.scalpsignals.model.Tick;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A volume surge, the moment a scalper trades: a seeded market of {@code symbols} symbols that
 * traded about once a second each for an hour-long history, then trades live at a much higher rate.
 * Live, each symbol walks calmly around the price its history settled on (where the session VWAP
 * stands), pulled back to it, so it hovers on the VWAP; every 8 s the next symbol in turn bursts
 * for 4 s, about +1.2 % (odd bursts) or -1.2 % (even ones) on 20 times the size, then drifts back.
 * The same arguments give the same ticks.
 *
 * <p>History: tick {@code k} of second {@code s} (one per symbol, in symbol order) has {@code ts =
 * liveStart - historySec * 1000 + s * 1000 + k * 1000 / symbols}. Live: tick {@code i} has {@code
 * ts = liveStart + i * 1000 / liveRate} (ms, rounded down), its symbol drawn at random, so that
 * {@code ts} is the time it is due to be sent when the live part is produced in real time.
 */
public final class SurgeMarket {

    private static final long BURST_EVERY_MS = 8_000;
    private static final long BURST_MS = 4_000;
    private static final double BURST_MOVE = 0.012;

    private final int symbols;
    private final int historySec;
    private final double liveRate;
    private final long liveStart;
    private final SplittableRandom random;
    private final String[] names;
    private final double[] anchor;
    private final double[] price;
    private long liveIndex;

    /**
     * @param symbols at least 1
     * @param historySec seconds of history before {@code liveStart}, at one trade a second per symbol
     * @param liveRate live ticks per second over all symbols, above 0
     * @param liveStart the first live tick's {@code ts}, epoch ms
     */
    public SurgeMarket(int symbols, int historySec, double liveRate, long seed, long liveStart) {
        if (symbols < 1 || historySec < 0 || !(liveRate > 0)) {
            throw new IllegalArgumentException("symbols >= 1, historySec >= 0 and liveRate > 0 expected");
        }
        this.symbols = symbols;
        this.historySec = historySec;
        this.liveRate = liveRate;
        this.liveStart = liveStart;
        this.random = new SplittableRandom(seed);
        this.names = new String[symbols];
        this.anchor = new double[symbols];
        this.price = new double[symbols];
        for (int i = 0; i < symbols; i++) {
            names[i] = String.format(Locale.ROOT, "SURGE%03dUSDT", i);
            anchor[i] = Math.exp(Math.log(0.5) + random.nextDouble() * (Math.log(50_000) - Math.log(0.5)));
            price[i] = anchor[i];
        }
    }

    /** Emits the history, {@code historySec * symbols} ticks in {@code ts} order; call once, before {@link #live}. */
    public void history(Consumer<Tick> out) {
        long start = liveStart - historySec * 1000L;
        for (int s = 0; s < historySec; s++) {
            for (int k = 0; k < symbols; k++) {
                price[k] *= 1 + random.nextGaussian() * 0.0003 + (anchor[k] / price[k] - 1) * 0.05;
                out.accept(tick(k, start + s * 1000L + (long) k * 1000 / symbols, 1.0));
            }
        }
    }

    /** Emits the next {@code count} live ticks in {@code ts} order. */
    public void live(long count, Consumer<Tick> out) {
        double perSymbolPerSecond = liveRate / symbols;
        double sigma = 0.0003 / Math.sqrt(Math.max(1, perSymbolPerSecond));
        double pull = Math.min(0.5, 0.05 / Math.max(1, perSymbolPerSecond));
        double burstStep = BURST_MOVE / Math.max(1, perSymbolPerSecond * BURST_MS / 1000);
        for (long n = 0; n < count; n++, liveIndex++) {
            long ts = liveStart + (long) (liveIndex * 1000 / liveRate);
            long sinceStart = ts - liveStart;
            long burst = sinceStart / BURST_EVERY_MS;
            int bursting = (int) (burst % symbols);
            boolean inBurst = sinceStart % BURST_EVERY_MS < BURST_MS;
            int k = random.nextInt(symbols);
            double size = 1.0;
            if (inBurst && k == bursting) {
                price[k] *= 1 + (burst % 2 == 0 ? burstStep : -burstStep) + random.nextGaussian() * sigma * 0.2;
                size = 20.0;
            } else {
                price[k] *= 1 + random.nextGaussian() * sigma + (anchor[k] / price[k] - 1) * pull;
            }
            out.accept(tick(k, ts, size));
        }
    }

    private Tick tick(int k, long ts, double meanSize) {
        double size = meanSize * Math.exp(random.nextGaussian() * 0.5 - 0.125);
        double p = Double.parseDouble(String.format(Locale.ROOT, "%.5g", price[k]));
        return Tick.trade(names[k], ts, p, Math.round(size * 1e6) / 1e6);
    }
}
