package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.model.Tick;
import io.scalpsignals.testing.SignalLine;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * SPEC.md §7 "Limit entries" worked out by hand on short tick sequences: an open of 1,000 quote
 * units of notional (leverage 1, 10 % of the 10,000 balance) rests at the touch of 100, so 10
 * units; the queue ahead is the touch's size; {@code limit_timeout_ms} 3000 from the decision at
 * {@code T0 + 100}; the maker fee 0.0002 of what filled. Each case checks the journal's lines
 * (event, reason, ts, qty, price) and the balance after them.
 */
class LimitEntryScenarioTest {

    private static final ExecutorConfig LIMIT = ExecutorConfig.defaults().with(Map.of("entry_order", "limit"));

    /** The decision: a signal at this offset, after the quote. */
    private static final long DECISION = 100;

    @TempDir
    Path dir;

    @Test
    void aTradeThroughTheLimitFillsAllOfTheOrder() {
        try (Scenario s = new Scenario(dir, LIMIT)) {
            quoted(s, 0, 100.0, 100.02, 4, 6);
            s.signal(open("long", "OPEN_LONG"));
            trade(s, 500, 99.99, 0.5, "sell");

            assertThat(lines(s)).containsExactly(tuple("OPENED", null, T0 + 500, 10.0, 100.0));
            // the maker fee: 1,000 x 0.0002
            assertThat(balance(s)).isEqualTo(9_999.8);
        }
    }

    @Test
    void tradesAtTheLimitFirstUseUpTheQueueAhead() {
        try (Scenario s = new Scenario(dir, LIMIT)) {
            quoted(s, 0, 100.0, 100.02, 4, 6);
            s.signal(open("long", "OPEN_LONG"));
            trade(s, 400, 100.0, 6, "sell"); // 4 of the queue ahead, then 2 fill
            trade(s, 600, 100.0, 50, "buy"); // a buyer at the bid: the order gets nothing
            trade(s, 800, 100.01, 50, null); // above the limit: nothing
            trade(s, 900, 100.0, 9, null); // unknown side at the limit: 8 fill, the order is full

            assertThat(lines(s)).containsExactly(tuple("OPENED", null, T0 + 900, 10.0, 100.0));
            assertThat(balance(s)).isEqualTo(9_999.8);
        }
    }

    @Test
    void aPartFilledOrderOpensWhatFilledAtItsTimeout() {
        try (Scenario s = new Scenario(dir, LIMIT)) {
            quoted(s, 0, 100.0, 100.02, 4, 6);
            s.signal(open("long", "OPEN_LONG"));
            trade(s, 1_000, 100.0, 7, "sell"); // 4 of the queue, then 3 fill
            trade(s, DECISION + 3_000, 100.0, 20, "sell"); // at the deadline: too late, the order ended

            assertThat(lines(s)).containsExactly(tuple("OPENED", null, T0 + DECISION + 3_000, 3.0, 100.0));
            // 300 of notional: its share of the margin, the maker fee on it
            assertThat(balance(s)).isEqualTo(9_999.94);
            assertThat(s.store.position("BTCUSDT").orElseThrow().margin()).isEqualByComparingTo("300");
            assertThat(s.journal().get(0).get("detail").asText()).isEqualTo("limit entry filled 3 of 10");
        }
    }

    @Test
    void anOrderNothingFilledIsRejectedAtItsTimeout() {
        try (Scenario s = new Scenario(dir, LIMIT)) {
            quoted(s, 0, 100.0, 100.02, 4, 6);
            s.signal(open("long", "OPEN_LONG"));
            trade(s, 1_000, 100.0, 3, "sell"); // the queue ahead only: 1 of it left
            trade(s, 2_000, 100.05, 5, "buy");
            trade(s, 5_000, 99.0, 5, "sell"); // after the deadline: the order ended before it

            assertThat(lines(s))
                    .containsExactly(tuple("REJECTED", "LIMIT_TIMEOUT", T0 + DECISION + 3_000, null, 100.0));
            assertThat(balance(s)).isEqualTo(10_000.0);
        }
    }

    @Test
    void aSellMirrorsABuyAtTheAsk() {
        try (Scenario s = new Scenario(dir, LIMIT)) {
            quoted(s, 0, 99.98, 100.0, 6, 5);
            s.signal(open("short", "OPEN_SHORT"));
            trade(s, 300, 100.0, 8, "buy"); // 5 of the queue at the ask, then 3 fill
            trade(s, 400, 100.0, 8, "sell"); // a seller at the ask: nothing
            trade(s, 700, 100.01, 0.1, "buy"); // above the limit: the 7 left fill

            assertThat(lines(s)).containsExactly(tuple("OPENED", null, T0 + 700, 10.0, 100.0));
            assertThat(s.store.position("BTCUSDT").orElseThrow().direction()).isEqualTo(-1);
            assertThat(balance(s)).isEqualTo(9_999.8);
        }
    }

    @Test
    void aCloseSignalEndsARestingOrderAndClosesWhatFilled() {
        try (Scenario s = new Scenario(dir, LIMIT)) {
            quoted(s, 0, 100.0, 100.02, 4, 6);
            s.signal(open("long", "OPEN_LONG"));
            trade(s, 1_000, 100.0, 7, "sell"); // 3 fill
            s.signal(close("close", 1_500));

            assertThat(lines(s))
                    .containsExactly(
                            tuple("OPENED", null, T0 + 1_500, 3.0, 100.0),
                            tuple("CLOSED", "CLOSE_SIGNAL", T0 + 1_500, 3.0, 99.98));
        }
    }

    @Test
    void aCloseSignalWithNothingFilledCancelsTheOrder() {
        try (Scenario s = new Scenario(dir, LIMIT)) {
            quoted(s, 0, 100.0, 100.02, 4, 6);
            s.signal(open("long", "OPEN_LONG"));
            s.signal(close("close", 1_500));

            assertThat(s.outcomes()).containsExactly("REJECTED LIMIT_CANCELLED", "REJECTED NO_POSITION");
        }
    }

    @Test
    void aRestingOrderCountsAsItsPositionAndAnOpenNeedsAQuote() {
        try (Scenario s = new Scenario(dir, LIMIT)) {
            s.tick(0, 100.0); // no quotes
            s.signal(open("none", "OPEN_LONG", 100));
            quoted(s, 150, 100.0, 100.02, 4, 6);
            s.signal(open("long", "OPEN_LONG", 200));
            s.signal(open("again", "OPEN_LONG", 300));
            s.signal(open("other way", "OPEN_SHORT", 400));

            assertThat(s.outcomes()).containsExactly("REJECTED NO_QUOTE", "REJECTED ALREADY_OPEN", "REJECTED ONE_WAY");
        }
    }

    @Test
    void aTickWithABidAndAnAskButNoSizesIsNoTouch() {
        try (Scenario s = new Scenario(dir, LIMIT)) {
            s.engine.onTick(
                    new Tick("BTCUSDT", T0, 100.0, 1.0, "sell", 100.0, 100.02, Double.NaN, Double.NaN),
                    Engine.LedgerUpdate.NONE);
            s.signal(open("long", "OPEN_LONG"));

            assertThat(s.outcomes()).containsExactly("REJECTED NO_QUOTE");
        }
    }

    @Test
    void aRestartWhileAnOrderRestsResumesItWhereTheLastCommitLeftIt() {
        List<String> straight;
        try (Scenario s = new Scenario(dir.resolve("straight"), LIMIT)) {
            restartCase(s, true);
            restartCase(s, false);
            straight = s.store.journal();
        }
        Path state = dir.resolve("restarted");
        try (Scenario s = new Scenario(state, LIMIT)) {
            restartCase(s, true);
            s.engine.flush();
        }
        try (Scenario s = new Scenario(state, LIMIT)) {
            s.engine.recover();
            restartCase(s, false);

            assertThat(s.store.journal()).isEqualTo(straight);
            assertThat(lines(s)).containsExactly(tuple("OPENED", null, T0 + 2_000, 10.0, 100.0));
        }
    }

    /** Before the restart: a quote, the open, 3 filled; after: the rest fills. */
    private static void restartCase(Scenario s, boolean before) {
        if (before) {
            quoted(s, 0, 100.0, 100.02, 4, 6);
            s.signal(open("long", "OPEN_LONG"));
            trade(s, 1_000, 100.0, 7, "sell");
        } else {
            trade(s, 2_000, 100.0, 8, "sell");
        }
    }

    /** A trade at the bid with a top of book. */
    private static void quoted(Scenario s, long offsetMs, double bid, double ask, double bidSize, double askSize) {
        s.engine.onTick(
                new Tick("BTCUSDT", T0 + offsetMs, bid, 1.0, "sell", bid, ask, bidSize, askSize),
                Engine.LedgerUpdate.NONE);
    }

    /** A trade without quotes. */
    private static void trade(Scenario s, long offsetMs, double price, double size, String side) {
        s.engine.onTick(
                new Tick("BTCUSDT", T0 + offsetMs, price, size, side, Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                Engine.LedgerUpdate.NONE);
    }

    private static String open(String id, String action) {
        return open(id, action, DECISION);
    }

    /** Leverage 1, 10 % of the available balance. */
    private static String open(String id, String action, long offsetMs) {
        return SignalLine.open(Scenario.id(id), "BTCUSDT", action, T0 + offsetMs, 100.0)
                .withSize(1.0, 0.1)
                .json();
    }

    private static String close(String id, long offsetMs) {
        return SignalLine.open(Scenario.id(id), "BTCUSDT", "CLOSE", T0 + offsetMs, 100.0)
                .json();
    }

    /** The journal as (event, reason, ts, qty, price); null where a line has none. */
    private static List<Tuple> lines(Scenario s) {
        return s.journal().stream()
                .map(n -> tuple(
                        n.get("event").asText(),
                        n.get("reason").isNull() ? null : n.get("reason").asText(),
                        n.get("ts").asLong(),
                        number(n, "qty"),
                        number(n, "price")))
                .toList();
    }

    private static Double number(JsonNode n, String field) {
        return n.path(field).isNumber() ? n.get(field).asDouble() : null;
    }

    private static double balance(Scenario s) {
        List<JsonNode> journal = s.journal();
        return journal.get(journal.size() - 1).get("balance").asDouble();
    }
}
