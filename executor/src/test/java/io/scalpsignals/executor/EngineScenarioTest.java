package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.config.Money;
import io.scalpsignals.testing.SignalLine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** SPEC.md §7 as scenario tables: ticks and signals in, journal events and reasons out. */
class EngineScenarioTest {

    private static final ExecutorConfig DEFAULTS = ExecutorConfig.defaults();

    @TempDir
    Path dir;

    private Scenario scenario() {
        return new Scenario(dir, DEFAULTS);
    }

    @Test
    void opensAtTheSlippedPriceAndTakesProfitWithExactFees() {
        try (Scenario s = scenario()) {
            s.tick(0, 100.0).signal(open("i1", "OPEN_LONG", 0)).tick(1_000, 100.5);

            assertThat(s.outcomes()).containsExactly("OPENED", "CLOSED TAKE_PROFIT");
            List<JsonNode> j = s.journal();
            double entry = 100.0 * 1.0002;
            double qty = 1500.0 * 5 / entry; // margin 0.15 of 10,000 at leverage 5
            double exit = 100.5 * (1 - 0.0002);
            BigDecimal entryFee = Money.of(entry * qty * 0.00055);
            BigDecimal exitFee = Money.of(exit * qty * 0.00055);
            BigDecimal gross = Money.of((exit - entry) * qty);
            assertThat(j.get(0).get("price").asDouble()).isEqualTo(entry);
            assertThat(j.get(0).get("qty").asDouble()).isEqualTo(qty);
            assertThat(j.get(0).get("balance").decimalValue())
                    .isEqualByComparingTo(Money.of(10_000).subtract(entryFee));
            assertThat(j.get(1).get("pnl").decimalValue())
                    .isEqualByComparingTo(gross.subtract(exitFee).subtract(entryFee));
            assertThat(j.get(1).get("roi").asDouble()).isEqualTo((exit - entry) / entry * 5);
            assertThat(j.get(1).get("balance").decimalValue())
                    .isEqualByComparingTo(
                            Money.of(10_000).subtract(entryFee).add(gross).subtract(exitFee));
        }
    }

    @Test
    void exitsInPriorityOrder() {
        try (Scenario sl = new Scenario(dir.resolve("sl"), DEFAULTS)) {
            // short: roi = -(p - entry)/entry * 5 <= -0.015 once p rises 0.3 %
            sl.tick(0, 100.0)
                    .signal(open("s", "OPEN_SHORT", 0))
                    .tick(1_000, 100.2)
                    .tick(2_000, 100.3);
            assertThat(sl.outcomes()).containsExactly("OPENED", "CLOSED STOP_LOSS");
        }
        try (Scenario trail = new Scenario(dir.resolve("trail"), DEFAULTS)) {
            // up to roi ~ 1.49 % (armed at 1 %), back to ~ 0.99 %: more than 0.5 % off the top
            trail.tick(0, 100.0)
                    .signal(open("t", "OPEN_LONG", 0))
                    .tick(1_000, 100.32)
                    .tick(2_000, 100.2);
            assertThat(trail.outcomes()).containsExactly("OPENED", "CLOSED TRAILING_STOP");
        }
        try (Scenario time = new Scenario(dir.resolve("time"), DEFAULTS)) {
            // no tick after the open: the monitor (every 30 s) closes it once 2100 s have passed
            time.tick(0, 100.0).signal(open("x", "OPEN_LONG", 0)).tick("ETHUSDT", 2_100_000, 2_000.0);
            assertThat(time.outcomes()).containsExactly("OPENED");
            time.tick("ETHUSDT", 2_130_001, 2_000.0);
            assertThat(time.outcomes()).containsExactly("OPENED", "CLOSED TIME_EXIT");
            assertThat(time.journal().get(1).get("ts").asLong()).isEqualTo(Scenario.T0 + 2_130_000);
        }
    }

    @Test
    void checksInOrder() {
        try (Scenario s = scenario()) {
            s.signal(open("no-price", "OPEN_LONG", 0))
                    .tick(0, 100.0)
                    .signal(open("low", "BTCUSDT", "OPEN_LONG", 0, 49))
                    .signal(open("a", "OPEN_LONG", 0))
                    .signal(open("a", "OPEN_LONG", 0))
                    .signal(open("b", "OPEN_LONG", 10))
                    .signal(open("c", "OPEN_SHORT", 20))
                    .tick(31_000, 100.0)
                    .signal(open("stale", "OPEN_LONG", 0));

            assertThat(s.outcomes())
                    .containsExactly(
                            "REJECTED NO_PRICE",
                            "REJECTED LOW_CONFIDENCE",
                            "OPENED",
                            "DUPLICATE",
                            "REJECTED ALREADY_OPEN",
                            "REJECTED ONE_WAY",
                            "REJECTED STALE_SIGNAL");
        }
    }

    @Test
    void cooldownAfterACloseAndMaxPositions() {
        try (Scenario s = scenario()) {
            s.tick(0, 100.0)
                    .signal(open("a", "OPEN_LONG", 0))
                    .tick(1_000, 98.0) // stop loss
                    .signal(open("b", "OPEN_LONG", 899_000)) // clock 899 s: still in the 900 s cooldown
                    .signal(open("c", "OPEN_SHORT", 899_000)) // the other direction is free
                    .tick("ETHUSDT", 899_000, 2_000.0)
                    .tick("SOLUSDT", 899_000, 20.0)
                    .tick("XRPUSDT", 899_000, 0.5)
                    .signal(open("d", "ETHUSDT", "OPEN_LONG", 899_000, 80))
                    .signal(open("e", "SOLUSDT", "OPEN_LONG", 899_000, 80))
                    .signal(open("f", "XRPUSDT", "OPEN_LONG", 899_000, 80));

            assertThat(s.outcomes())
                    .containsExactly(
                            "OPENED",
                            "CLOSED STOP_LOSS",
                            "REJECTED COOLDOWN",
                            "OPENED",
                            "OPENED",
                            "OPENED",
                            "REJECTED MAX_POSITIONS");
        }
    }

    @Test
    void threeLossesInARowPauseOpens() {
        try (Scenario s = scenario()) {
            s.tick(0, 100.0);
            for (int i = 0; i < 3; i++) {
                long t = i * 1_000_000L;
                String action = i % 2 == 0 ? "OPEN_LONG" : "OPEN_SHORT";
                s.tick(t, 100.0).signal(open("l" + i, action, t)).tick(t + 1_000, i % 2 == 0 ? 98.0 : 102.0);
            }
            // the third loss closed at 2,001 s: no opens for 300 s
            s.tick("ETHUSDT", 2_300_000, 10.0).signal(open("after", "ETHUSDT", "OPEN_LONG", 2_300_000, 80));
            s.tick("ETHUSDT", 2_301_000, 10.0).signal(open("later", "ETHUSDT", "OPEN_LONG", 2_301_000, 80));

            assertThat(s.outcomes()).endsWith("CLOSED STOP_LOSS", "REJECTED CONSECUTIVE_LOSSES", "OPENED");
        }
    }

    @Test
    void closeHoldReverseAndInvalidSignals() {
        try (Scenario s = scenario()) {
            s.tick(0, 100.0)
                    .signal("{\"intent_id\":\"" + Scenario.id("h")
                            + "\",\"symbol\":\"BTCUSDT\",\"action\":\"HOLD\",\"ts\":" + Scenario.T0 + "}")
                    .signal("{\"intent_id\":\"" + Scenario.id("c0")
                            + "\",\"symbol\":\"BTCUSDT\",\"action\":\"CLOSE\",\"ts\":" + Scenario.T0 + "}")
                    .signal(open("a", "OPEN_LONG", 0))
                    .signal("{\"intent_id\":\"" + Scenario.id("r")
                            + "\",\"symbol\":\"BTCUSDT\",\"action\":\"REVERSE\",\"ts\":" + Scenario.T0 + "}")
                    .signal("not json")
                    .signal("{\"intent_id\":\"" + Scenario.id("bad")
                            + "\",\"symbol\":\"BTCUSDT\",\"action\":\"OPEN_LONG\",\"ts\":" + Scenario.T0
                            + ",\"size_pct\":-0.1,\"leverage\":5,\"tp_pct\":0.02,\"sl_pct\":0.01}")
                    .signal("{\"intent_id\":\"" + Scenario.id("odd")
                            + "\",\"symbol\":\"BTCUSDT\",\"action\":\"SELL_EVERYTHING\",\"ts\":" + Scenario.T0 + "}");

            assertThat(s.outcomes())
                    .containsExactly(
                            "REJECTED HOLD",
                            "REJECTED NO_POSITION",
                            "OPENED",
                            "CLOSED CLOSE_SIGNAL",
                            "REJECTED INVALID_SIGNAL",
                            "REJECTED INVALID_SIGNAL",
                            "REJECTED INVALID_SIGNAL");
            assertThat(s.journal().get(4).get("raw").asText()).isEqualTo("not json");
        }
    }

    @Test
    void drawdownGuardDailyLimitAndMargin() {
        ExecutorConfig oneTradeADay = DEFAULTS.with(Map.of("max_daily_trades", 1));
        try (Scenario s = new Scenario(dir.resolve("daily"), oneTradeADay)) {
            s.tick(0, 100.0)
                    .signal(open("a", "OPEN_LONG", 0))
                    .tick("ETHUSDT", 0, 10.0)
                    .signal(open("b", "ETHUSDT", "OPEN_LONG", 0, 80));
            assertThat(s.outcomes()).containsExactly("OPENED", "REJECTED MAX_DAILY_TRADES");
        }
        ExecutorConfig poor = DEFAULTS.with(Map.of("min_available_balance", "20000"));
        try (Scenario s = new Scenario(dir.resolve("poor"), poor)) {
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0));
            assertThat(s.outcomes()).containsExactly("REJECTED INSUFFICIENT_MARGIN");
        }
        try (Scenario s = new Scenario(dir.resolve("drawdown"), DEFAULTS)) {
            // a gap through the stop loss loses ~ 15 % of the margin-weighted wallet
            s.tick(0, 100.0)
                    .signal(open("a", "OPEN_LONG", 0))
                    .tick(1_000, 85.0)
                    .tick("ETHUSDT", 1_000_000, 10.0)
                    .signal(open("b", "ETHUSDT", "OPEN_LONG", 1_000_000, 80));
            assertThat(s.outcomes()).containsExactly("OPENED", "CLOSED STOP_LOSS", "REJECTED DRAWDOWN_GUARD");
        }
    }

    @Test
    void theEquityPeakFollowsUnrealizedGains() {
        try (Scenario s = scenario()) {
            String wide = open("a", "OPEN_LONG", 0)
                    .replace("\"tp_pct\":0.02", "\"tp_pct\":5.0")
                    .replace("\"sl_pct\":0.015", "\"sl_pct\":0.9")
                    .replace("\"trail_activation_roi\":0.01", "\"trail_activation_roi\":100");
            // +10 %: equity about 10,750 (the peak); -5 %: about 9,620, more than 10 % below it
            s.tick(0, 100.0)
                    .signal(wide)
                    .tick(1_000, 110.0)
                    .tick(2_000, 95.0)
                    .tick("ETHUSDT", 2_000, 10.0)
                    .signal(open("b", "ETHUSDT", "OPEN_LONG", 2_000, 80));

            assertThat(s.outcomes()).containsExactly("OPENED", "REJECTED DRAWDOWN_GUARD");
        }
    }

    @Test
    void aPositionOfAReversalTriggerClosesOnABookAgainstItAfterTheOtherExits() {
        ExecutorConfig config = DEFAULTS.with(Map.of("reversal_exit_triggers", "breakout, book_imbalance"));
        try (Scenario s = new Scenario(dir, config)) {
            s.tick("BTCUSDT", 0, 100.0).tick("ETHUSDT", 0, 100.0).tick("SOLUSDT", 0, 100.0);
            s.signal(open("btc", "BTCUSDT", "OPEN_LONG", 0, 72)) // breakout, as every open() signal
                    .signal(SignalLine.open(Scenario.id("eth"), "ETHUSDT", "OPEN_LONG", Scenario.T0, 100.0)
                            .withTrigger("momentum_burst")
                            .json())
                    .signal(open("sol", "SOLUSDT", "OPEN_SHORT", 0, 72));

            s.tick("BTCUSDT", 1_000, 100.01); // no quotes: no imbalance
            s.bookTick("BTCUSDT", 2_000, 100.01, 20.5, 79.5); // -0.59: not yet
            s.bookTick("ETHUSDT", 2_000, 100.01, 10, 90); // -0.8, but momentum_burst is not listed
            s.bookTick("BTCUSDT", 3_000, 100.01, 20, 80); // -0.6: against the long
            s.bookTick("SOLUSDT", 3_000, 100.4, 95, 5); // +0.9 against the short, and its stop loss first

            assertThat(s.outcomes())
                    .containsExactly("OPENED", "OPENED", "OPENED", "CLOSED MARKET_REVERSAL", "CLOSED STOP_LOSS");
            assertThat(s.journal().get(3).get("symbol").asText()).isEqualTo("BTCUSDT");
            assertThat(s.store.positionOf("ETHUSDT")).isNotNull();
        }
    }

    @Test
    void aShortClosesAtAnImbalanceOfPlusTheThresholdAndALongStaysOpenThere() {
        ExecutorConfig config = DEFAULTS.with(Map.of("reversal_exit_triggers", "breakout"));
        try (Scenario s = new Scenario(dir, config)) {
            s.tick("BTCUSDT", 0, 100.0).tick("ETHUSDT", 0, 100.0);
            s.signal(open("short", "BTCUSDT", "OPEN_SHORT", 0, 72)).signal(open("long", "ETHUSDT", "OPEN_LONG", 0, 72));

            s.bookTick("ETHUSDT", 1_000, 100.0, 95, 5); // +0.9: for the long, not against it
            s.bookTick("BTCUSDT", 1_000, 100.0, 59.5, 40.5); // +0.19: not yet
            s.bookTick("BTCUSDT", 2_000, 100.0, 80, 20); // +0.6: against the short

            assertThat(s.outcomes()).containsExactly("OPENED", "OPENED", "CLOSED MARKET_REVERSAL");
            assertThat(s.journal().get(2).get("symbol").asText()).isEqualTo("BTCUSDT");
            assertThat(s.store.positionOf("ETHUSDT")).isNotNull();
        }
    }

    @Test
    void reversalSettingsOutsideTheirDomainAreNamed() {
        assertThatThrownBy(() -> DEFAULTS.with(Map.of("reversal_imbalance", "1.5")))
                .hasMessageContaining("reversal_imbalance");
        assertThatThrownBy(() -> DEFAULTS.with(Map.of("reversal_exit_triggers", "Breakout;x")))
                .hasMessageContaining("reversal_exit_triggers");
        assertThatThrownBy(() -> DEFAULTS.with(Map.of("reversal_exit_triggers", "book_imbalnce")))
                .hasMessageContaining("reversal_exit_triggers")
                .hasMessageContaining("book_imbalnce");
        assertThat(DEFAULTS.with(Map.of("reversal_exit_triggers", "")).reversalTriggerSet())
                .isEmpty();
        assertThat(DEFAULTS.reversalTriggerSet()).containsExactly("book_imbalance");
    }
}
