package io.scalpsignals.bench;

import io.scalpsignals.executor.Engine;
import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.IntentIds;
import io.scalpsignals.model.Tick;
import io.scalpsignals.testing.SignalLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The executor's decisions with its durable store (SQLite, WAL, {@code synchronous=FULL}) and the
 * paper broker, on the replay's event-time clock: for each intent a tick of its symbol (a price),
 * then the signal. Symbols rotate over {@code symbols}, so the stream mixes opens, exits and
 * rejections (one-way, already open, cooldown, max positions). The store commits in groups as the
 * executor's commands do ({@link StateStore#MAX_GROUP}: an open's intent is committed before its
 * order, a rejection joins the group). Throughput is the whole loop under one clock pair, from
 * the first tick to the final flush: every tick and its exits, every signal, the commits (the
 * inputs are made before, the store opened before and closed after), divided into the intents. Apart from it, each decision is timed from the signal's text handed to {@link
 * Engine#onSignal} to its return (an open: committed, order placed and its fill committed).
 */
public final class ExecutorBench {

    /**
     * @param nanos the loop's wall time: ticks, exits, signals, commits, the final flush
     * @param p50Micros a decision's latency ({@code onSignal} alone), and the other percentiles
     */
    public record Result(int intents, long nanos, double p50Micros, double p99Micros, double p999Micros) {
        public double intentsPerSecond() {
            return intents / (nanos / 1e9);
        }
    }

    private ExecutorBench() {}

    /** @param dir a fresh directory for the state (on the disk being measured) */
    public static Result run(Path dir, int intents, int symbols) throws Exception {
        Files.createDirectories(dir);
        ExecutorConfig config = ExecutorConfig.defaults();
        long[] latency = new long[intents];
        long t0 = 1_700_000_000_000L;
        String[] symbol = new String[intents];
        double[] price = new double[intents];
        String[] signal = new String[intents];
        for (int i = 0; i < intents; i++) { // the inputs, made before the clock starts
            symbol[i] = String.format(Locale.ROOT, "SYM%04dUSDT", i % symbols);
            price[i] = 100.0 * (1 + 0.01 * Math.sin(i / 50.0));
            signal[i] = SignalLine.open(
                            IntentIds.of("bench|" + i),
                            symbol[i],
                            i % 3 == 0 ? "OPEN_SHORT" : "OPEN_LONG",
                            t0 + i * 250L,
                            price[i])
                    .withTrigger("momentum_burst")
                    .withSize(5.0, 0.05)
                    .withExits(0.01, 0.01, 120, 30, 0.01, 0.005)
                    .json();
        }
        long total;
        try (StateStore store = StateStore.open(dir, StateStore.MAX_GROUP);
                PaperBroker broker = new PaperBroker(
                        dir,
                        config.slippagePct(),
                        config.feePct(),
                        OptionsConfig.defaults().contractMultiplier())) {
            Engine engine = new Engine(store, broker, config);
            long loopStart = System.nanoTime();
            for (int i = 0; i < intents; i++) {
                engine.onTick(Tick.trade(symbol[i], t0 + i * 250L, price[i], 1.0), Engine.LedgerUpdate.NONE);
                long start = System.nanoTime();
                engine.onSignal(signal[i], Engine.LedgerUpdate.NONE);
                latency[i] = System.nanoTime() - start;
            }
            engine.flush();
            total = System.nanoTime() - loopStart;
        }
        double[] q = Bench.percentiles(latency, intents, 0.50, 0.99, 0.999);
        return new Result(intents, total, q[0] / 1e3, q[1] / 1e3, q[2] / 1e3);
    }
}
