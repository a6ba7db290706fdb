package io.scalpsignals.executor;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.annotation.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The replay of SPEC.md §7: the ticks file and the signals file read as two streams, each in its
 * own line order, merged by {@code ts} like a two-way merge (at equal {@code ts} ticks first), so a
 * late signal stays late; a signal line that cannot be parsed is handled when it is read. The
 * clock is the largest {@code ts} seen. How far each file was read is committed with every event,
 * so a replay restarted on the same state directory resumes where it stopped.
 */
public final class Replay {

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;

    private Replay() {}

    /**
     * Runs the replay to the end of both files.
     *
     * @throws IOException when a file cannot be read
     */
    public static void run(Engine engine, Path signals, Path ticks, TickFormat ticksFormat) throws IOException {
        run(engine, signals, ticks, ticksFormat, null);
    }

    /**
     * As {@link #run(Engine, Path, Path, TickFormat)}, with the symbol of tick records that carry
     * none (as {@code scalp backfill --symbol}).
     */
    public static void run(Engine engine, Path signals, Path ticks, TickFormat ticksFormat, @Nullable String ticksSymbol)
            throws IOException {
        engine.recover();
        Ledger start = engine.ledger();
        try (InputStream tickIn = Files.newInputStream(ticks);
                TickReader tickReader = TickReader.open(tickIn, ticks.toString(), ticksFormat, ticksSymbol);
                BufferedReader signalReader = Files.newBufferedReader(signals, StandardCharsets.UTF_8)) {
            long ticksRead = start.ticksRead;
            long signalsRead = start.signalsRead;
            for (long i = 0; i < ticksRead && tickReader.hasNext(); i++) {
                tickReader.next();
            }
            for (long i = 0; i < signalsRead && signalReader.readLine() != null; i++) {
                // skip what a previous run applied
            }
            ReadResult tick = tickReader.hasNext() ? tickReader.next() : null;
            String signal = signalReader.readLine();
            long signalTs = signalTs(signal); // parsed once per line, not once per tick it waits behind
            while (tick != null || signal != null) {
                boolean signalFirst = signal != null && (tick == null || signalTs < tickTs(tick));
                if (signalFirst) {
                    long read = ++signalsRead;
                    engine.onSignal(signal, l -> l.signalsRead = read);
                    signal = signalReader.readLine();
                    signalTs = signalTs(signal);
                } else {
                    long read = ++ticksRead;
                    if (tick.isAccepted()) {
                        engine.onTick(tick.tick().symbol(), tick.tick().ts(), tick.tick().price(), l -> l.ticksRead = read);
                    } else {
                        engine.consumed(l -> l.ticksRead = read);
                    }
                    tick = tickReader.hasNext() ? tickReader.next() : null;
                }
            }
        }
    }

    /** A dead letter sorts first: it is handled as soon as it is read. */
    private static long tickTs(ReadResult r) {
        return r.isAccepted() ? r.tick().ts() : Long.MIN_VALUE;
    }

    /** The signal's {@code ts}, or the smallest value for a line that is no signal (or none). */
    private static long signalTs(@Nullable String line) {
        if (line == null) {
            return Long.MIN_VALUE;
        }
        try {
            JsonNode ts = JSON.readTree(line).path("ts");
            return ts.canConvertToLong() ? ts.asLong() : Long.MIN_VALUE;
        } catch (IOException | RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }
}
