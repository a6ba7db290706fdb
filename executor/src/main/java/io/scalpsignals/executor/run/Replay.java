package io.scalpsignals.executor.run;

import io.scalpsignals.executor.Engine;
import io.scalpsignals.executor.SignalMessage;
import io.scalpsignals.executor.options.OptionQuote;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.StateException;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.read.MergedTickReader;
import io.scalpsignals.model.read.TickFormat;

import javax.annotation.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The replay of SPEC.md §7: the ticks file, the signals file and, for options scalps, the
 * option-chain file read as streams, each in its own line order, merged by {@code ts} (at equal
 * {@code ts} ticks first, then chain quotes, then signals), so a late signal stays late and a
 * signal sees the quotes of its own millisecond; a line that is no valid signal, tick or quote is
 * handled when it is read. The clock is the largest {@code ts} seen. How far each file was read is
 * committed with every event (a tick or quote that changes nothing but the clock and a last price,
 * with the next event that commits), so a
 * replay restarted on the same state directory, with the same files, resumes where it stopped.
 */
public final class Replay {

    private Replay() {}

    /**
     * What a replay reads, and how.
     *
     * @param signals signals, one JSON object per line
     * @param ticks trades in any format of {@code scalp backfill}, merged by {@code ts} when there
     *     are several (at equal {@code ts} in the order given); empty: none (options scalps need none)
     * @param ticksFormat the ticks' format
     * @param ticksSymbol the symbol of tick records that carry none, or null
     * @param chain option-chain quotes, one JSON object per line, or null; requires an engine with
     *     options configuration
     * @param latencyMs how long a signal takes to reach the executor, ms (0: at its own {@code ts}):
     *     a signal with {@code ts} T arrives at A = T + latency, is merged by A (ticks and quotes at or
     *     before A first) and decided at executor time max(clock, A), so STALE_SIGNAL sees its age
     *     on arrival and an open fills at the last tick at or before A
     * @param untilTs the replay stops before the first event at or after this time, epoch ms
     *     ({@link Long#MAX_VALUE}: at the end of every input); what is open then stays open
     */
    public record Inputs(
            Path signals,
            List<Path> ticks,
            TickFormat ticksFormat,
            @Nullable String ticksSymbol,
            @Nullable Path chain,
            long latencyMs,
            long untilTs) {

        /** @throws IllegalArgumentException for a negative latency */
        public Inputs {
            ticks = List.copyOf(ticks);
            if (latencyMs < 0) {
                throw new IllegalArgumentException("latency: must be >= 0 ms, got " + latencyMs);
            }
        }

        /** One ticks file (or none), signals decided at their own {@code ts}, to the end. */
        public Inputs(
                Path signals,
                @Nullable Path ticks,
                TickFormat ticksFormat,
                @Nullable String ticksSymbol,
                @Nullable Path chain) {
            this(signals, ticks, ticksFormat, ticksSymbol, chain, 0);
        }

        /** One ticks file (or none), to the end. */
        public Inputs(
                Path signals,
                @Nullable Path ticks,
                TickFormat ticksFormat,
                @Nullable String ticksSymbol,
                @Nullable Path chain,
                long latencyMs) {
            this(
                    signals,
                    ticks == null ? List.of() : List.of(ticks),
                    ticksFormat,
                    ticksSymbol,
                    chain,
                    latencyMs,
                    Long.MAX_VALUE);
        }
    }

    /**
     * Runs the replay of a signals and a ticks file to the end of both.
     *
     * @throws IOException when a file cannot be read
     */
    public static void run(Engine engine, Path signals, Path ticks, TickFormat ticksFormat) throws IOException {
        run(engine, new Inputs(signals, ticks, ticksFormat, null, null), w -> {});
    }

    /**
     * Runs the replay to the end of every input.
     *
     * @param warnings told of each chain line that is no quote ({@code file:line: why}); the line is
     *     skipped
     * @throws IOException when a file cannot be read
     */
    public static void run(Engine engine, Inputs in, Consumer<String> warnings) throws IOException {
        Ledger start = engine.ledger();
        if ((in.ticks().isEmpty() && start.ticksRead > 0) || (in.chain() == null && start.chainRead > 0)) {
            throw new StateException(
                    "this state was replayed with " + (in.ticks().isEmpty() ? "a ticks" : "a chain")
                            + " file; resume it with the same inputs",
                    null);
        }
        try (MergedTickReader tickReader = in.ticks().isEmpty()
                        ? null
                        : MergedTickReader.open(in.ticks(), in.ticksFormat(), in.ticksSymbol());
                BufferedReader signalReader = Files.newBufferedReader(in.signals(), StandardCharsets.UTF_8);
                BufferedReader chainReader =
                        in.chain() == null ? null : Files.newBufferedReader(in.chain(), StandardCharsets.UTF_8)) {
            long[] read = {start.ticksRead, start.signalsRead, start.chainRead};
            for (long i = 0; i < read[0] && tickReader != null && tickReader.hasNext(); i++) {
                tickReader.next();
            }
            for (long i = 0; i < read[1] && signalReader.readLine() != null; i++) {
                // skip what a previous run applied
            }
            for (long i = 0; i < read[2]; i++) {
                String applied = chainReader.readLine();
                if (applied == null) {
                    break;
                }
                engine.restoreQuote(OptionQuote.parse(applied));
            }
            engine.recover(); // with the chain as it was: a settled scalp is priced
            ReadResult tick = tickReader != null && tickReader.hasNext() ? tickReader.next() : null;
            String signal = signalReader.readLine();
            SignalMessage.Parsed parsedSignal = signal == null ? null : engine.parseSignal(signal); // once per line
            long latency = in.latencyMs();
            long signalTs = arrival(parsedSignal, latency);
            OptionQuote.Parsed quote = nextQuote(chainReader); // parsed once: for its ts and for the engine
            long quoteTs = quoteTs(quote);
            while (tick != null || signal != null || quote != null) {
                long tickTs = tick == null ? Long.MAX_VALUE : tickTs(tick);
                if (Math.min(
                                tickTs,
                                Math.min(
                                        quote == null ? Long.MAX_VALUE : quoteTs,
                                        signal == null ? Long.MAX_VALUE : signalTs))
                        >= in.untilTs()) {
                    break;
                }
                if (tick != null && (quote == null || tickTs <= quoteTs) && (signal == null || tickTs <= signalTs)) {
                    read[0]++;
                    Engine.LedgerUpdate cursor = cursor(read);
                    if (tick.isAccepted()) {
                        engine.onTick(tick.tick(), cursor);
                    } else {
                        engine.consumed(cursor);
                    }
                    tick = tickReader.hasNext() ? tickReader.next() : null;
                } else if (quote != null && (signal == null || quoteTs <= signalTs)) {
                    read[2]++;
                    String error = engine.onQuote(quote, cursor(read));
                    if (error != null) {
                        warnings.accept(in.chain() + ":" + read[2] + ": " + error);
                    }
                    quote = nextQuote(chainReader);
                    quoteTs = quoteTs(quote);
                } else {
                    read[1]++;
                    engine.onSignal(signal, parsedSignal, signalTs, cursor(read));
                    signal = signalReader.readLine();
                    parsedSignal = signal == null ? null : engine.parseSignal(signal);
                    signalTs = arrival(parsedSignal, latency);
                }
            }
            engine.flush();
        }
    }

    /** Records how far each input was read, with the event that read it. */
    private static Engine.LedgerUpdate cursor(long[] read) {
        long ticks = read[0];
        long signals = read[1];
        long chain = read[2];
        return l -> {
            l.ticksRead = ticks;
            l.signalsRead = signals;
            l.chainRead = chain;
        };
    }

    @Nullable
    private static OptionQuote.Parsed nextQuote(@Nullable BufferedReader chain) throws IOException {
        String line = chain == null ? null : chain.readLine();
        return line == null ? null : OptionQuote.parse(line);
    }

    /** A line that is no quote sorts first: it is handled as soon as it is read. */
    private static long quoteTs(@Nullable OptionQuote.Parsed q) {
        return q == null || q.quote() == null ? Long.MIN_VALUE : q.quote().ts();
    }

    /** A dead letter sorts first: it is handled as soon as it is read. */
    static long tickTs(ReadResult r) {
        return r.isAccepted() ? r.tick().ts() : Long.MIN_VALUE;
    }

    /**
     * When a valid signal reaches the executor: its {@code ts} plus the latency, ms; the smallest
     * value for a line that is no valid signal, which is handled as soon as it is read (SPEC §7: it
     * must not hold back the signals after it).
     */
    private static long arrival(@Nullable SignalMessage.Parsed parsed, long latencyMs) {
        return parsed == null || parsed.signal() == null
                ? Long.MIN_VALUE
                : parsed.signal().ts() + latencyMs;
    }
}
