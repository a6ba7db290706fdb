package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.executor.broker.FillReport;
import io.scalpsignals.executor.broker.InstrumentKind;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.broker.OrderRefused;
import io.scalpsignals.executor.broker.bybit.BybitBroker;
import io.scalpsignals.executor.broker.bybit.BybitBrokerFactory;
import io.scalpsignals.executor.broker.bybit.FakeBybit;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.Tick;
import io.scalpsignals.testing.SignalLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Bybit v5 adapter against a local fake that behaves as Bybit documents. */
class BybitBrokerTest {

    private static final String KEY = "test-key-1234";
    private static final String SECRET = "test-secret-abcd";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(Scenario.T0), ZoneOffset.UTC);

    @TempDir
    Path dir;

    @Test
    void placesASignedMarketOrderAndReadsItsFill() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                BybitBroker bybit = new BybitBroker(fake.base(), KEY, SECRET, CLOCK)) {
            fake.price("BTCUSDT", 50_010.5);

            FillReport fill = bybit.place(Order.market(
                    "28f2c045-7890-526a-89f6-73f2f2b80cbc",
                    "BTCUSDT",
                    InstrumentKind.LINEAR,
                    1,
                    0.015,
                    50_000,
                    Scenario.T0,
                    false));

            assertThat(fill)
                    .isEqualTo(new FillReport(
                            "28f2c045-7890-526a-89f6-73f2f2b80cbc", 0.015, 50_010.5, 0.412586625, "USDT", true));
            assertThat(fake.orderCount()).isEqualTo(1);
        }
    }

    @Test
    void aDuplicateOrderLinkIdIsTreatedAsPlacedAndQueried() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                BybitBroker bybit = new BybitBroker(fake.base(), KEY, SECRET, CLOCK)) {
            fake.price("BTCUSDT", 100.0);
            Order order = Order.market("intent-1", "BTCUSDT", InstrumentKind.LINEAR, -1, 2.0, 100, Scenario.T0, false);
            FillReport first = bybit.place(order);
            fake.price("BTCUSDT", 200.0);

            FillReport again = bybit.place(order); // Bybit answers 110072

            assertThat(again).isEqualTo(first);
            assertThat(fake.orderCount()).isEqualTo(1);
            assertThat(bybit.query("intent-1")).contains(first);
            assertThat(bybit.query("never-sent")).isEmpty();
        }
    }

    @Test
    void aBadSignatureIsRefusedWithoutShowingTheKeys() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                BybitBroker wrong = new BybitBroker(fake.base(), KEY, "wrong-secret-xyz", CLOCK)) {
            assertThatThrownBy(() -> wrong.place(
                            Order.market("i", "BTCUSDT", InstrumentKind.LINEAR, 1, 1.0, 100, Scenario.T0, false)))
                    .hasMessageContaining("retCode 10004")
                    .hasMessageNotContaining(KEY)
                    .hasMessageNotContaining("wrong-secret-xyz");
            assertThat(wrong.toString()).doesNotContain(KEY).doesNotContain("wrong-secret-xyz");
        }
    }

    @Test
    void theEngineTradesThroughBybit() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                Scenario s = new Scenario(
                        dir,
                        ExecutorConfig.defaults(),
                        BybitBrokerFactory.fromEnvironment(
                                Map.of(
                                        "BYBIT_API_KEY",
                                        KEY,
                                        "BYBIT_API_SECRET",
                                        SECRET,
                                        "BYBIT_BASE_URL",
                                        fake.base().toString()),
                                CLOCK))) {
            fake.price("BTCUSDT", 100.03);
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0));

            assertThat(s.outcomes()).containsExactly("OPENED");
            assertThat(s.journal().get(0).get("price").asDouble()).isEqualTo(100.03);
            assertThat(fake.orderCount()).isEqualTo(1);
        }
        assertThatThrownBy(() -> BybitBrokerFactory.fromEnvironment(Map.of("BYBIT_API_KEY", KEY), CLOCK))
                .hasMessage("BYBIT_API_SECRET is not set");
        assertThatThrownBy(() -> BybitBrokerFactory.fromEnvironment(
                        Map.of("BYBIT_API_KEY", KEY, "BYBIT_API_SECRET", SECRET, "BYBIT_FILL_TIMEOUT_SEC", "soon"),
                        CLOCK))
                .hasMessage("BYBIT_FILL_TIMEOUT_SEC: must be a whole number of seconds > 0, got 'soon'");
    }

    @Test
    void aQuantityIsRoundedDownToTheStepAndSentAsAPlainDecimalAndOneUnderTheMinimumIsNotSent() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                BybitBroker bybit = new BybitBroker(fake.base(), KEY, SECRET, CLOCK)) {
            fake.price("BTCUSDT", 50_000.0);

            FillReport fill = bybit.place(Order.market(
                    Scenario.id("q"), "BTCUSDT", InstrumentKind.LINEAR, 1, 0.0123456, 50_000, Scenario.T0, false));

            assertThat(fake.requests())
                    .singleElement()
                    .satisfies(r -> assertThat(r.get("qty").asText()).isEqualTo("0.012"));
            assertThat(fill.filledQty()).isEqualTo(0.012);
            assertThatThrownBy(() -> bybit.place(Order.market(
                            Scenario.id("tiny"),
                            "BTCUSDT",
                            InstrumentKind.LINEAR,
                            1,
                            0.0001,
                            50_000,
                            Scenario.T0,
                            false)))
                    .isInstanceOfSatisfying(
                            OrderRefused.class, e -> assertThat(e.kind()).isEqualTo(OrderRefused.Kind.BELOW_MIN_QTY))
                    .hasMessageContaining("qty 0.0001 rounded down to 0 (step 0.001)");
            assertThatThrownBy(() -> bybit.place(Order.market(
                            Scenario.id("small"),
                            "BTCUSDT",
                            InstrumentKind.LINEAR,
                            1,
                            0.002,
                            2_000,
                            Scenario.T0,
                            false)))
                    .isInstanceOfSatisfying(
                            OrderRefused.class, e -> assertThat(e.kind()).isEqualTo(OrderRefused.Kind.BELOW_MIN_QTY))
                    .hasMessageContaining("under minOrderQty 0.001 or its notional 4 under minNotionalValue 5");
            assertThat(fake.requests()).hasSize(1);
        }
    }

    @Test
    void rateLimitsAndServerErrorsAreRetriedUnderTheSameOrderLinkIdAndTradeOnce() throws Exception {
        List<String> calls = new ArrayList<>();
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                BybitBroker bybit = new BybitBroker(fake.base(), KEY, SECRET, CLOCK)) {
            bybit.reportTo((endpoint, outcome, nanos) -> calls.add(endpoint + " " + outcome));
            fake.price("BTCUSDT", 100.0);
            fake.failNext(BybitBroker.RATE_LIMIT, 2);
            fake.failNext(503, 1);
            fake.failNext(BybitBroker.SERVER_TIMEOUT, 1);

            FillReport fill = bybit.place(
                    Order.market(Scenario.id("r"), "BTCUSDT", InstrumentKind.LINEAR, -1, 1.0, 100, Scenario.T0, false));

            assertThat(fill).isEqualTo(new FillReport(Scenario.id("r"), 1.0, 100.0, 0.055, "USDT", true));
            assertThat(fake.orderCount()).isEqualTo(1);
            assertThat(fake.position("BTCUSDT")).isEqualByComparingTo("-1");
            assertThat(calls)
                    .containsExactly(
                            "/v5/market/instruments-info ok",
                            "/v5/order/create retCode_10006",
                            "/v5/order/create retCode_10006",
                            "/v5/order/create http_503",
                            "/v5/order/create retCode_10016",
                            "/v5/order/create ok",
                            "/v5/order/realtime ok");
        }
    }

    @Test
    void aFillThatTakesSixSecondsIsWaitedFor() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                BybitBroker bybit = new BybitBroker(fake.base(), KEY, SECRET, CLOCK)) {
            fake.price("BTCUSDT", 100.0);
            fake.fillAfter(6_000); // past the 5 s the adapter used to wait

            FillReport fill = bybit.place(Order.market(
                    Scenario.id("slow"), "BTCUSDT", InstrumentKind.LINEAR, 1, 1.0, 100, Scenario.T0, false));

            assertThat(fill.filledQty()).isEqualTo(1.0);
            assertThat(fake.orderCount()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedOpenIsRejectedOnceAndTheExecutorGoesOn() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                Scenario s = new Scenario(
                        dir, ExecutorConfig.defaults(), new BybitBroker(fake.base(), KEY, SECRET, CLOCK))) {
            fake.price("BTCUSDT", 100.0);
            fake.failNext(110007, 1); // insufficient balance: final
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0)).signal(open("b", "OPEN_LONG", 1_000));

            assertThat(s.outcomes()).containsExactly("REJECTED VENUE_REJECTED", "OPENED");
            assertThat(s.journal().get(0).get("detail").asText()).isEqualTo("retCode 110007 injected failure 110007");
            assertThat(s.store.unsettledIntents()).isEmpty();
            s.engine.recover(); // a restart sends nothing again
            assertThat(fake.orderCount()).isEqualTo(1);
        }
    }

    @Test
    void anOpenTheVenueCancelsEmptyIsRejectedAndOneItFillsInPartHoldsWhatFilled() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                Scenario s = new Scenario(
                        dir, ExecutorConfig.defaults(), new BybitBroker(fake.base(), KEY, SECRET, CLOCK))) {
            fake.price("BTCUSDT", 100.0);
            fake.liquidity("BTCUSDT", BigDecimal.ZERO); // the book takes nothing: Cancelled, cumExecQty 0
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0));
            fake.liquidity("BTCUSDT", new BigDecimal("0.25")); // a quarter of what is asked for, or less
            s.signal(open("b", "OPEN_LONG", 1_000));

            assertThat(s.outcomes()).containsExactly("REJECTED VENUE_REJECTED", "OPENED");
            assertThat(s.journal().get(0).get("detail").asText())
                    .isEqualTo("cancelled by the venue with nothing filled");
            assertThat(s.journal().get(1).get("qty").asDouble()).isEqualTo(0.25);
            assertThat(s.store.positionOf("BTCUSDT").qty()).isEqualTo(0.25);
            assertThat(fake.position("BTCUSDT")).isEqualByComparingTo("0.25");
            assertThat(s.store.unsettledIntents()).isEmpty();
        }
    }

    @Test
    void aReversalCloseTheVenueRefusesIsAskedForAgainAfterTheMonitorIntervalWithoutQuotes() throws Exception {
        ExecutorConfig config = ExecutorConfig.defaults().with(Map.of("reversal_exit_triggers", "breakout"));
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                Scenario s = new Scenario(dir, config, new BybitBroker(fake.base(), KEY, SECRET, CLOCK))) {
            fake.price("BTCUSDT", 100.0);
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0));
            fake.failNext(10001, 1); // the close is refused once (params error: final)
            s.bookTick("BTCUSDT", 1_000, 100.0, 10, 90); // -0.8: MARKET_REVERSAL, refused
            s.tick(20_000, 100.0); // no quotes, and before the retry is due (1 s + monitor_interval_sec)
            s.tick(31_000, 100.0); // no quotes: the refused reversal is asked for again

            assertThat(s.outcomes()).containsExactly("OPENED", "CLOSED MARKET_REVERSAL");
            assertThat(s.journal().get(1).get("ts").asLong()).isEqualTo(Scenario.T0 + 31_000);
            assertThat(fake.position("BTCUSDT")).isEqualByComparingTo("0");
        }
    }

    @Test
    void closesAreReduceOnlyAndAPositionGoneAtTheVenueIsClosedWithoutAnOrder() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                Scenario s = new Scenario(
                        dir, ExecutorConfig.defaults(), new BybitBroker(fake.base(), KEY, SECRET, CLOCK))) {
            fake.price("BTCUSDT", 100.0);
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0));
            fake.price("BTCUSDT", 103.0);
            s.tick(1_000, 103.0); // take profit: a reduce-only sell of the whole position
            fake.price("BTCUSDT", 100.0);
            s.tick(2_000, 100.0).signal(open("b", "ETHUSDT", "OPEN_LONG", 2_000, 72)); // no ETHUSDT price: NO_PRICE
            s.signal(open("c", "OPEN_LONG", 950_000)).tick(950_500, 100.0);
            fake.flatten("BTCUSDT"); // liquidated, or closed by hand at the venue
            s.tick(951_000, 97.0); // stop loss: the venue holds nothing to reduce

            assertThat(s.outcomes())
                    .containsExactly(
                            "OPENED", "CLOSED TAKE_PROFIT", "REJECTED NO_PRICE", "OPENED", "CLOSED VENUE_CLOSED");
            List<JsonNode> sent = fake.requests();
            assertThat(sent)
                    .extracting(r -> r.path("reduceOnly").asBoolean(false))
                    .containsExactly(false, true, false, true);
            assertThat(fake.position("BTCUSDT")).isEqualByComparingTo("0"); // no close ever opened a short
            assertThat(s.journal().get(4).get("price").asDouble()).isEqualTo(97.0);
        }
    }

    @Test
    void opensAreSizedFromTheVenuesBalanceAndTheBookIsReconciledWithItsPositions() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                Scenario s = new Scenario(
                        dir, ExecutorConfig.defaults(), new BybitBroker(fake.base(), KEY, SECRET, CLOCK))) {
            fake.price("BTCUSDT", 100.02);
            fake.available(new BigDecimal("1000")); // not the ledger's 10,000
            s.engine.recover(); // at start: reads the wallet
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0));

            // 15 % of 1,000 at 5x, at 100.0 plus the slippage: 7.4985..., rounded down to the 0.001 step
            assertThat(s.journal().get(0).get("qty").asDouble()).isEqualTo(7.498);
            assertThat(s.engine.reconcile()).isEmpty();

            fake.positionAtVenue("ETHUSDT", new BigDecimal("-2")); // opened by hand at the venue
            fake.flatten("BTCUSDT"); // liquidated
            assertThat(s.engine.reconcile())
                    .containsExactly(
                            "BTCUSDT: the executor holds 7.498, the venue nothing",
                            "ETHUSDT: the venue holds -2, unknown to the executor (left alone)");
            assertThat(fake.position("ETHUSDT")).isEqualByComparingTo("-2");
        }
    }

    @Test
    void aPostOnlyLimitOrderRestsFillsInPartAndIsCancelledAtTheLimitTimeout() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                BybitBroker bybit = new BybitBroker(
                        fake.base(), KEY, SECRET, CLOCK, BybitBroker.FILL_TIMEOUT, Duration.ofMillis(300))) {
            fake.touch("BTCUSDT", 49_999.5, 50_000.0);
            fake.restingFill(new BigDecimal("0.005"));

            FillReport fill = bybit.place(postOnly("a", 1, 49_999.5));

            // what filled at the limit, the maker fee on it; the rest cancelled by orderLinkId
            assertThat(fill).isEqualTo(new FillReport(Scenario.id("a"), 0.005, 49_999.5, 0.0499995, "USDT", true));
            assertThat(fake.cancels()).containsExactly(Scenario.id("a"));
            JsonNode sent = fake.requests().get(0);
            assertThat(sent.get("orderType").asText()).isEqualTo("Limit");
            assertThat(sent.get("timeInForce").asText()).isEqualTo("PostOnly");
            assertThat(sent.get("price").asText()).isEqualTo("49999.5");
            assertThat(fake.position("BTCUSDT")).isEqualByComparingTo("0.005");
        }
    }

    @Test
    void aPostOnlyOrderPlacedAgainPastItsDeadlineIsCancelledAtOnce() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                BybitBroker bybit = new BybitBroker(
                        fake.base(), KEY, SECRET, CLOCK, BybitBroker.FILL_TIMEOUT, Duration.ofMillis(300))) {
            fake.touch("BTCUSDT", 49_999.5, 50_000.0);
            fake.restingFill(new BigDecimal("0.005"));
            Order decided10sAgo = postOnly("old", 1, 49_999.5, Scenario.T0 - 10_000);

            // as after a restart: the venue has it from before, its deadline has passed
            assertThat(bybit.place(decided10sAgo).filledQty()).isEqualTo(0.005);
            assertThat(bybit.place(decided10sAgo).filledQty())
                    .as("asked again: the same")
                    .isEqualTo(0.005);
            assertThat(fake.cancels()).as("the second finds it final").containsExactly(Scenario.id("old"));
            assertThat(fake.orderCount()).isEqualTo(1);
        }
    }

    @Test
    void aPostOnlyOrderFilledWhileRestingIsNotCancelledAndOneThatWouldCrossIsRefused() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                BybitBroker bybit = new BybitBroker(
                        fake.base(), KEY, SECRET, CLOCK, BybitBroker.FILL_TIMEOUT, Duration.ofMillis(300))) {
            fake.touch("BTCUSDT", 49_999.5, 50_000.0);
            fake.restingFill(BigDecimal.ONE);

            assertThat(bybit.place(postOnly("filled", -1, 50_000.0)).filledQty())
                    .isEqualTo(0.015);
            // a buy at the ask would take liquidity: Bybit cancels it at once
            assertThatThrownBy(() -> bybit.place(postOnly("crosses", 1, 50_000.0)))
                    .isInstanceOfSatisfying(
                            OrderRefused.class, e -> assertThat(e.kind()).isEqualTo(OrderRefused.Kind.WOULD_CROSS));
            assertThat(fake.cancels()).isEmpty();
            assertThat(fake.position("BTCUSDT")).isEqualByComparingTo("-0.015");
        }
    }

    @Test
    void aLimitEntryOnBybitOpensWhatFilledAndOneThatWouldCrossIsRejectedWithItsOwnReason() throws Exception {
        ExecutorConfig config = ExecutorConfig.defaults().with(Map.of("entry_order", "limit", "limit_timeout_ms", 300));
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                Scenario s = new Scenario(
                        dir,
                        config,
                        new BybitBroker(
                                fake.base(), KEY, SECRET, CLOCK, BybitBroker.FILL_TIMEOUT, Duration.ofMillis(300)))) {
            fake.touch("BTCUSDT", 99.99, 100.01);
            fake.restingFill(new BigDecimal("30"));
            s.bookTick("BTCUSDT", 0, 100.0, 5, 5); // bid 99.99, ask 100.01
            s.signal(open("a", "OPEN_LONG", 0));

            assertThat(s.outcomes()).containsExactly("OPENED");
            assertThat(fake.cancels()).containsExactly(Scenario.id("a"));
            JsonNode opened = s.journal().get(0);
            assertThat(opened.get("qty").asDouble()).isEqualTo(30.0);
            assertThat(opened.get("price").asDouble()).isEqualTo(99.99);
            // 15 % of 10,000 at 5x at the bid: 75.0075..., of which 30 filled
            assertThat(opened.get("detail").asText()).startsWith("limit entry filled 30 of 75.0075");
            // the maker fee on 30 x 99.99
            assertThat(opened.get("balance").asDouble()).isEqualTo(10_000 - 0.59994);
        }
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                Scenario s = new Scenario(
                        dir.resolve("crossing"),
                        config,
                        new BybitBroker(
                                fake.base(), KEY, SECRET, CLOCK, BybitBroker.FILL_TIMEOUT, Duration.ofMillis(300)))) {
            fake.touch("BTCUSDT", 99.98, 99.99); // the market moved since the tick: a buy at 99.99 would cross
            s.bookTick("BTCUSDT", 0, 100.0, 5, 5); // bid 99.99
            s.signal(open("a", "OPEN_LONG", 0));

            assertThat(s.outcomes()).containsExactly("REJECTED POST_ONLY_WOULD_CROSS");
            assertThat(fake.position("BTCUSDT")).isEqualByComparingTo("0");
        }
    }

    @Test
    void liveALimitEntryOnBybitOpensWhenItsRestEnds() throws Exception {
        ExecutorConfig config = ExecutorConfig.defaults().with(Map.of("entry_order", "limit", "limit_timeout_ms", 300));
        Clock wall = Clock.systemUTC();
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                StateStore store = StateStore.open(dir);
                BybitBroker bybit = new BybitBroker(
                        fake.base(), KEY, SECRET, wall, BybitBroker.FILL_TIMEOUT, Duration.ofMillis(300))) {
            Engine engine = new Engine(store, bybit, config, wall);
            fake.touch("BTCUSDT", 99.99, 100.01);
            fake.restingFill(new BigDecimal("30"));
            long decided = wall.millis();
            engine.onTick(
                    new Tick("BTCUSDT", decided, 100.0, 1.0, null, 99.99, 100.01, 5, 5), Engine.LedgerUpdate.NONE);
            engine.onSignal(
                    SignalLine.open(Scenario.id("a"), "BTCUSDT", "OPEN_LONG", decided, 100.0)
                            .json(),
                    Engine.LedgerUpdate.NONE);
            engine.flush();

            // partly filled, cancelled once limit_timeout_ms had passed: opened then, not at the decision
            assertThat(store.journal()).singleElement().satisfies(line -> {
                JsonNode opened = new ObjectMapper().readTree(line);
                assertThat(opened.get("event").asText()).isEqualTo("OPENED");
                assertThat(opened.get("ts").asLong()).isGreaterThanOrEqualTo(decided + 300);
            });
            assertThat(fake.cancels()).containsExactly(Scenario.id("a"));
        }
    }

    /** A post-only limit order of 0.015 BTCUSDT on {@code side} at {@code price}, decided at {@link Scenario#T0}. */
    private static Order postOnly(String id, int side, double price) {
        return postOnly(id, side, price, Scenario.T0);
    }

    /** As {@link #postOnly(String, int, double)}, decided at {@code ts} (epoch ms). */
    private static Order postOnly(String id, int side, double price, long ts) {
        return new Order(
                Scenario.id(id),
                "BTCUSDT",
                InstrumentKind.LINEAR,
                side,
                0.015,
                Order.Type.LIMIT,
                price,
                Order.TimeInForce.POST_ONLY,
                price,
                ts,
                false);
    }
}
