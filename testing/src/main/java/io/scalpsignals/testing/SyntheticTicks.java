package io.scalpsignals.testing;

import io.scalpsignals.model.Tick;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A seeded synthetic trade stream over many symbols, in {@code ts} order: the same seed gives the
 * same ticks. Each symbol has a price on its own scale (log-uniform from 0.05 to 60,000, rounded
 * to 5 significant digits like a venue's tick size), a geometric random walk, log-normal sizes and
 * a base trade rate; on top of that:
 *
 * <ul>
 *   <li><b>bursts</b>: a symbol trades 20× as often for 3–8 s with a drift of ±0.3 % to 1.2 %, the
 *       shape of a momentum burst (SPEC.md §4), so signals fire;
 *   <li><b>gaps</b>: a symbol falls silent for 1–15 minutes.
 * </ul>
 *
 * The stream is a Poisson process of {@code rate} ticks per second of event time overall; which
 * symbol trades is drawn by weight (bursting symbols weigh 20, silent ones 0).
 */
public final class SyntheticTicks {

    private final int symbols;
    private final double ratePerSecond;
    private final long seed;
    private final long startTs;

    /**
     * @param symbols number of symbols, at least 1
     * @param ratePerSecond ticks per second of event time over all symbols
     * @param seed the random seed
     * @param startTs the first tick's {@code ts}, epoch ms
     */
    public SyntheticTicks(int symbols, double ratePerSecond, long seed, long startTs) {
        if (symbols < 1 || ratePerSecond <= 0) {
            throw new IllegalArgumentException("symbols must be >= 1 and rate > 0");
        }
        this.symbols = symbols;
        this.ratePerSecond = ratePerSecond;
        this.seed = seed;
        this.startTs = startTs;
    }

    /** Emits {@code count} ticks in {@code ts} order. */
    public void generate(long count, Consumer<Tick> out) {
        SplittableRandom r = new SplittableRandom(seed);
        String[] names = new String[symbols];
        double[] price = new double[symbols];
        double[] vol = new double[symbols];
        long[] burstUntil = new long[symbols];
        double[] drift = new double[symbols];
        long[] silentUntil = new long[symbols];
        for (int i = 0; i < symbols; i++) {
            names[i] = String.format(Locale.ROOT, "SYM%04dUSDT", i);
            price[i] = Math.exp(Math.log(0.05) + r.nextDouble() * (Math.log(60_000) - Math.log(0.05)));
            vol[i] = 0.00005 + r.nextDouble() * 0.0002;
        }
        List<Integer> bursting = new ArrayList<>();
        List<Integer> silent = new ArrayList<>();
        double ts = startTs;
        long emitted = 0;
        while (emitted < count) {
            ts += -Math.log(1 - r.nextDouble()) * 1000.0 / ratePerSecond;
            long now = (long) ts;
            bursting.removeIf(i -> now >= burstUntil[i]);
            silent.removeIf(i -> now >= silentUntil[i]);
            int normal = symbols - bursting.size() - silent.size();
            double x = r.nextDouble() * (normal + 20.0 * bursting.size());
            int s;
            if (x < 20.0 * bursting.size()) {
                s = bursting.get((int) (x / 20.0));
            } else if (normal > 0) {
                do {
                    s = r.nextInt(symbols);
                } while (now < burstUntil[s] || now < silentUntil[s]);
            } else {
                continue; // every symbol silent: time passes
            }
            if (now >= burstUntil[s] && r.nextDouble() < 0.0005) {
                burstUntil[s] = now + 3_000 + r.nextInt(5_000);
                drift[s] = (r.nextBoolean() ? 1 : -1) * (0.003 + r.nextDouble() * 0.009) / 60; // over ~60 burst ticks
                bursting.add(s);
            } else if (now >= burstUntil[s] && symbols > 1 && r.nextDouble() < 0.0002) {
                silentUntil[s] = now + 60_000 + r.nextInt(840_000);
                silent.add(s);
            }
            boolean burst = now < burstUntil[s];
            price[s] *= Math.exp(vol[s] * gaussian(r) + (burst ? drift[s] : 0));
            double size = Math.exp(gaussian(r)) * (burst ? 4 : 1);
            out.accept(new Tick(
                    names[s],
                    now,
                    round(price[s]),
                    round(size),
                    r.nextBoolean() ? "buy" : "sell",
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    Double.NaN));
            emitted++;
        }
    }

    /** {@code count} ticks in memory. */
    public List<Tick> list(int count) {
        List<Tick> ticks = new ArrayList<>(count);
        generate(count, ticks::add);
        return ticks;
    }

    /** Writes {@code count} ticks as csv ({@code symbol,ts,price,size,side}) to {@code file}. */
    public void writeCsv(long count, Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            w.write("symbol,ts,price,size,side\n");
            StringBuilder line = new StringBuilder(64);
            IOException[] failure = new IOException[1];
            generate(count, t -> {
                line.setLength(0);
                line.append(t.symbol())
                        .append(',')
                        .append(t.ts())
                        .append(',')
                        .append(t.price())
                        .append(',')
                        .append(t.size())
                        .append(',')
                        .append(t.side())
                        .append('\n');
                try {
                    w.append(line);
                } catch (IOException e) {
                    failure[0] = e;
                }
            });
            if (failure[0] != null) {
                throw failure[0];
            }
        }
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** {@code x} to 5 significant digits. */
    static double round(double x) {
        if (x == 0) {
            return 0;
        }
        double scale = Math.pow(10, 4 - Math.floor(Math.log10(Math.abs(x))));
        return Math.round(x * scale) / scale;
    }
}
