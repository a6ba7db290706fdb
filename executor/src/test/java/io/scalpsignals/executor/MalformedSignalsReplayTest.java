package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.Replay;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.testing.SharedData;
import io.scalpsignals.testing.SignalLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/**
 * SPEC §7: a line that is no valid signal is journaled REJECTED / INVALID_SIGNAL and changes
 * nothing else. A replay of real trades (the Binance BTCUSDT futures file of {@code
 * ../shared/data}) with valid signals, then the same replay with thousands of malformed lines of
 * many kinds mixed into the signals: the journal without its INVALID_SIGNAL lines is
 * byte-identical, and every malformed line has its INVALID_SIGNAL line.
 */
class MalformedSignalsReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void malformedSignalLinesChangeNothingButTheirOwnJournalLine() throws IOException {
        Path ticks = SharedData.file(SharedData.TARDIS_BTCUSDT);
        List<Tick> trades = SharedData.ticks(ticks, TickFormat.TARDIS);
        Random random = new Random(17);
        List<String> valid = validSignals(trades, random);
        long afterTheLastTick = trades.get(trades.size() - 1).ts() + 3_600_000L;

        List<String> mixed = new ArrayList<>();
        int malformed = 0;
        for (String signal : valid) {
            for (int k = random.nextInt(30); k > 0; k--) {
                mixed.add(malformed(random, signal, afterTheLastTick));
                malformed++;
            }
            mixed.add(signal);
        }

        List<String> clean = replay("clean", ticks, valid);
        List<String> withMalformed = replay("mixed", ticks, mixed);

        assertThat(malformed).isGreaterThan(2_000);
        assertThat(clean).hasSizeGreaterThan(valid.size()); // opens, rejections and exits
        assertThat(clean.stream().filter(l -> l.contains("\"OPENED\"")).count()).isGreaterThan(5);
        assertThat(withMalformed.stream().filter(l -> l.contains("\"INVALID_SIGNAL\"")))
                .hasSize(malformed);
        assertThat(withMalformed.stream()
                        .filter(l -> !l.contains("\"INVALID_SIGNAL\""))
                        .toList())
                .isEqualTo(clean);
    }

    /** A signal every 50 ticks at its tick's {@code ts}, long or short; one in ten arrives 40 s late. */
    private static List<String> validSignals(List<Tick> trades, Random random) {
        List<String> out = new ArrayList<>();
        for (int i = 100; i < trades.size(); i += 50) {
            long ts = trades.get(i).ts() - (random.nextInt(10) == 0 ? 40_000 : 0);
            out.add(signal(
                    UUID.nameUUIDFromBytes(("s" + i).getBytes(StandardCharsets.UTF_8))
                            .toString(),
                    "BTCUSDT",
                    random.nextBoolean() ? "OPEN_LONG" : "OPEN_SHORT",
                    ts,
                    trades.get(i).price(),
                    60 + random.nextInt(30),
                    5.0));
        }
        return out;
    }

    private static String signal(
            String id, String symbol, String action, long ts, double price, int confidence, double leverage) {
        return SignalLine.open(id, symbol, action, ts, price)
                .withConfidence(confidence)
                .withSize(leverage, 0.15)
                .withExits(0.004, 0.004, 600, 60, 0.002, 0.001)
                .json();
    }

    /**
     * One malformed line of a random kind; most carry a {@code ts} after every tick, which must
     * not hold back the valid signals after them.
     */
    private static String malformed(Random r, String valid, long late) {
        String id = UUID.randomUUID().toString();
        long ts = r.nextBoolean() ? late : 1_582_329_600_000L;
        List<Function<Random, String>> kinds = List.of(
                x -> randomBytes(x, 1 + x.nextInt(200)),
                x -> valid.substring(0, x.nextInt(valid.length() - 1)),
                x -> "[".repeat(5_000) + "]".repeat(5_000),
                x -> "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000),
                x -> signal(id, "B".repeat(1 << 20), "OPEN_LONG", ts, 100.0, 70, 5.0),
                x -> "\"" + "x".repeat(1 << 20) + "\"",
                x -> signal(id, "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, -5.0),
                x -> signal(id, "BTCUSDT", "OPEN_SHORT", ts, -1.0, 70, 5.0),
                x -> signal(id, "BTCUSDT", "OPEN_SHORT", ts, 100.0, 500, 5.0),
                x -> signal(id, "BTCUSDT", "BUY_EVERYTHING", ts, 100.0, 70, 5.0),
                x -> signal(id, "", "OPEN_LONG", ts, 100.0, 70, 5.0),
                x -> signal(id, "BTC USDT", "OPEN_LONG", ts, 100.0, 70, 5.0),
                x -> signal("not-a-uuid", "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, 5.0),
                x -> signal(id.toUpperCase(), "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, 5.0),
                x -> signal(id + "0", "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, 5.0),
                x -> signal(id, "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, 5.0)
                        .replace("\"ts\":" + ts, "\"ts\":\"" + ts + "\""),
                x -> signal(id, "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, 5.0).replace("\"ts\":" + ts, "\"ts\":-" + ts),
                x -> signal(id, "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, 5.0)
                        .replace("\"leverage\":5.0", "\"leverage\":\"5\""),
                x -> signal(id, "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, 5.0)
                        .replace("\"size_pct\":0.15", "\"size_pct\":1.5"),
                x -> signal(id, "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, 5.0)
                        .replace("\"intent_id\":\"" + id + "\",", ""),
                x -> signal(id, "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, 5.0)
                        .replace("\"leverage\":5.0", "\"leverage\":1e400"),
                x -> "[" + signal(id, "BTCUSDT", "OPEN_LONG", ts, 100.0, 70, 5.0) + "]",
                x -> "null",
                x -> "");
        return kinds.get(r.nextInt(kinds.size())).apply(r);
    }

    /** Printable and non-ASCII characters, never a line break. */
    private static String randomBytes(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = (char) (r.nextBoolean() ? 32 + r.nextInt(95) : 0xA0 + r.nextInt(0x2000));
            b.append(c);
        }
        return b.toString();
    }

    private List<String> replay(String name, Path ticks, List<String> signals) throws IOException {
        Path state = dir.resolve(name);
        Path signalsFile = dir.resolve(name + "-signals.jsonl");
        Files.write(signalsFile, signals, StandardCharsets.UTF_8);
        try (StateStore store = StateStore.open(state);
                PaperBroker broker = new PaperBroker(
                        state,
                        ExecutorConfig.defaults().slippagePct(),
                        ExecutorConfig.defaults().feePct(),
                        OptionsConfig.defaults().contractMultiplier())) {
            Replay.run(new Engine(store, broker, ExecutorConfig.defaults()), signalsFile, ticks, TickFormat.TARDIS);
            List<String> journal = store.journal();
            for (String line : journal) {
                JsonNode n = JSON.readTree(line);
                assertThat(n.get("event").asText()).isIn("OPENED", "REJECTED", "DUPLICATE", "CLOSED");
            }
            return journal;
        }
    }
}
