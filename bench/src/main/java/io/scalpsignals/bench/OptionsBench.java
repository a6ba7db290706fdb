package io.scalpsignals.bench;

import io.scalpsignals.executor.Engine;
import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.Replay;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.read.TickFormat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The executor's replay of an option chain (options scalps) against a replay of as many ticks, in
 * the same run on the same disk, each with the transactions it committed (each one fsync). A quote
 * that changes nothing but the clock is committed with the next event that does; the tick replay
 * runs with the store as {@code executor replay} opens it, so both counts are what a user's replay
 * commits, and the figures are compared per line. The chain: {@code contracts} TSLA 0DTE
 * contracts quoted every {@code snapshotSec} over the session from 09:30 New York, a signal every
 * 5 minutes (one scalp open most of the time, exits on its quotes and by the monitor).
 */
public final class OptionsBench {

    /**
     * @param lines chain lines replayed, and as many tick lines
     * @param quoteNanos the chain replay's wall time
     * @param tickNanos the tick replay's wall time
     * @param journal journal lines of the chain replay
     * @param quoteCommits transactions the chain replay committed
     * @param tickCommits transactions the tick replay committed
     */
    public record Result(
            long lines, long quoteNanos, long tickNanos, int journal, long quoteCommits, long tickCommits) {
        public double quotesPerSecond() {
            return lines / (quoteNanos / 1e9);
        }

        public double ticksPerSecond() {
            return lines / (tickNanos / 1e9);
        }
    }

    private OptionsBench() {}

    /** @param dir a fresh directory for the inputs and the two states (on the disk being measured) */
    public static Result run(Path dir, int contracts, int snapshotSec, int sessionSec) throws IOException {
        Files.createDirectories(dir);
        long open = ZonedDateTime.parse("2024-11-22T09:30:00-05:00[America/New_York]")
                .toInstant()
                .toEpochMilli();
        Path chain = dir.resolve("chain.jsonl");
        Path ticks = dir.resolve("ticks.csv");
        Path signals = dir.resolve("signals.jsonl");
        long lines = 0;
        try (BufferedWriter c = Files.newBufferedWriter(chain, StandardCharsets.UTF_8);
                BufferedWriter t = Files.newBufferedWriter(ticks, StandardCharsets.UTF_8)) {
            t.write("symbol,ts,price,size\n");
            for (long s = 0; s < sessionSec; s += snapshotSec) {
                long ts = open + s * 1000;
                double drift = Math.sin(s / 600.0);
                for (int i = 0; i < contracts; i++) {
                    char right = i % 2 == 0 ? 'C' : 'P';
                    double delta = (0.05 + 0.9 * i / contracts) * (right == 'C' ? 1 : -1);
                    double bid = Math.max(0.05, 1 + i * 0.03 + (right == 'C' ? drift : -drift) * 0.4);
                    c.write(String.format(
                            Locale.ROOT,
                            "{\"underlying\":\"TSLA\",\"option_symbol\":\"TSLA241122%c%05d000\","
                                    + "\"expiry\":\"2024-11-22\",\"strike\":%d,\"right\":\"%c\",\"bid\":%.2f,\"ask\":%.2f,\"delta\":%.3f,"
                                    + "\"open_interest\":1000,\"ts\":%d}%n",
                            right,
                            300 + i,
                            300 + i,
                            right,
                            bid,
                            bid * 1.03,
                            delta,
                            ts));
                    t.write(String.format(Locale.ROOT, "TSLA,%d,%.2f,1%n", ts, 340 + drift));
                    lines++;
                }
            }
        }
        StringBuilder s = new StringBuilder();
        for (long at = 60; at < sessionSec; at += 300) {
            s.append(String.format(
                    Locale.ROOT,
                    "{\"intent_id\":\"bench-%d\",\"symbol\":\"TSLA\",\"action\":\"%s\",\"ts\":%d,"
                            + "\"price\":340.0,\"confidence\":72}%n",
                    at,
                    at % 600 == 60 ? "OPEN_LONG" : "OPEN_SHORT",
                    open + at * 1000));
        }
        Files.writeString(signals, s.toString());
        Path empty = Files.writeString(dir.resolve("no-signals.jsonl"), "");

        long quoteStart = System.nanoTime();
        Replayed quotes = replay(
                dir.resolve("chain-state"), new Replay.Inputs(signals, null, TickFormat.AUTO, null, chain), true);
        long quoteNanos = System.nanoTime() - quoteStart;
        long tickStart = System.nanoTime();
        Replayed tickRun =
                replay(dir.resolve("tick-state"), new Replay.Inputs(empty, ticks, TickFormat.AUTO, null, null), false);
        long tickNanos = System.nanoTime() - tickStart;
        return new Result(lines, quoteNanos, tickNanos, quotes.journal(), quotes.commits(), tickRun.commits());
    }

    private record Replayed(int journal, long commits) {}

    private static Replayed replay(Path state, Replay.Inputs in, boolean options) throws IOException {
        ExecutorConfig config = ExecutorConfig.defaults();
        try (StateStore store = StateStore.open(state, StateStore.MAX_GROUP);
                PaperBroker broker = new PaperBroker(
                        state,
                        config.slippagePct(),
                        config.feePct(),
                        OptionsConfig.defaults().contractMultiplier())) {
            Engine engine = new Engine(store, broker, config, null, options ? OptionsConfig.defaults() : null);
            Replay.run(engine, in, w -> {
                throw new IllegalStateException("bench chain line rejected: " + w);
            });
            return new Replayed(store.journal().size(), store.commits());
        }
    }
}
