package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.config.Money;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.testing.SignalLine;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options scalps (the {@code options-0dte} profile): contract choice, sizing, fills at the
 * snapshot's ask and bid, exits on the contract's mid, the scalp limits. Friday 2024-11-22 in New
 * York; times are offsets in ms from 10:00.
 */
class OptionsScalpScenarioTest {

    static final long T = ZonedDateTime.parse("2024-11-22T10:00:00-05:00[America/New_York]")
            .toInstant()
            .toEpochMilli();
    static final String TODAY = "2024-11-22";
    static final String MONDAY = "2024-11-25";
    static final double FEE = ExecutorConfig.defaults().feePct();

    @TempDir
    Path dir;

    private Scenario scenario(Map<String, ?> options) {
        return new Scenario(
                dir.resolve("s" + System.nanoTime()),
                ExecutorConfig.defaults(),
                OptionsConfig.defaults().with(options));
    }

    private Scenario scenario() {
        return scenario(Map.of());
    }

    static String quote(
            String underlying,
            String contract,
            String expiry,
            char right,
            double bid,
            double ask,
            double delta,
            long openInterest,
            long offsetMs) {
        return String.format(
                Locale.ROOT,
                "{\"underlying\":\"%s\",\"option_symbol\":\"%s\",\"expiry\":\"%s\",\"strike\":250,"
                        + "\"right\":\"%c\",\"bid\":%s,\"ask\":%s,\"delta\":%s,\"open_interest\":%d,\"ts\":%d}",
                underlying,
                contract,
                expiry,
                right,
                bid,
                ask,
                delta,
                openInterest,
                T + offsetMs);
    }

    /** A TSLA 0DTE call that passes every filter: |delta| 0.35, spread 4 % of mid, open interest 1,200. */
    static String call(String contract, double bid, double ask, long offsetMs) {
        return quote("TSLA", contract, TODAY, 'C', bid, ask, 0.35, 1_200, offsetMs);
    }

    /** A signal as the job's options-0dte profile emits it. */
    static String signal(String id, String symbol, String action, long offsetMs) {
        return SignalLine.open(Scenario.id(id), symbol, action, T + offsetMs, 250.0)
                .withSize(1.0, 0.05)
                .withExits(0.3, 0.15, 900, 900, 0.01, 0.005)
                .json();
    }

    static String signal(String id, String action, long offsetMs) {
        return signal(id, "TSLA", action, offsetMs);
    }

    @Test
    void theOneContractThatPassesEveryFilterIsBoughtAtTheAskInWholeContracts() {
        try (Scenario s = scenario()) {
            s.quote(quote("TSLA", "DELTA", TODAY, 'C', 1.96, 2.04, 0.25, 1_200, 0))
                    .quote(quote("TSLA", "SPREAD", TODAY, 'C', 1.90, 2.10, 0.35, 1_200, 0))
                    .quote(quote("TSLA", "OI", TODAY, 'C', 1.96, 2.04, 0.35, 400, 0))
                    .quote(quote("TSLA", "PRICE", TODAY, 'C', 5.10, 5.30, 0.35, 1_200, 0))
                    .quote(call("PASS", 1.96, 2.04, 0))
                    .quote(call("PASS", 1.46, 1.52, 1_000)) // the newer snapshot is the one traded
                    .signal(signal("a", "OPEN_LONG", 2_000));

            JsonNode opened = s.journal().get(0);
            long contracts = 500 / 152; // 5 % of 10,000 at 1.52 x 100 a contract
            assertThat(s.outcomes()).containsExactly("OPENED");
            assertThat(opened.get("symbol").asText()).isEqualTo("TSLA");
            assertThat(opened.get("contract").asText()).isEqualTo("PASS");
            assertThat(opened.get("price").asDouble()).isEqualTo(1.52);
            assertThat(opened.get("qty").asDouble()).isEqualTo(contracts);
            assertThat(opened.get("delta").asDouble()).isEqualTo(0.35);
            assertThat(opened.get("spread_pct").asDouble()).isEqualTo((1.52 - 1.46) / ((1.46 + 1.52) / 2));
            assertThat(opened.get("balance").decimalValue())
                    .isEqualByComparingTo(Money.of(10_000).subtract(Money.of(1.52 * contracts * 100 * FEE)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "delta;          1.96; 2.04; 0.29; 1200; 0;     0 with |delta| in 0.30-0.40",
                "spread;         1.94; 2.06; 0.35; 1200; 0;     0 with spread < 5.0 % of mid",
                "open interest;  1.96; 2.04; 0.35; 500;  0;     0 with open interest > 500",
                "price;          4.90; 5.00; 0.35; 1200; 0;     0 with ask < 5.00",
                "stale;          1.96; 2.04; 0.35; 1200; -61000; stale chain: the newest call quote is 61 s old (max 60 s)"
            })
    void eachFilterAloneLeavesNoContract(
            String name, double bid, double ask, double delta, long oi, long quotedAt, String why) {
        try (Scenario s = scenario()) {
            s.quote(quote("TSLA", "ONLY", TODAY, 'C', bid, ask, delta, oi, quotedAt))
                    .signal(signal("a", "OPEN_LONG", 0));

            JsonNode rejected = s.journal().get(0);
            assertThat(s.outcomes()).containsExactly("REJECTED NO_CONTRACT");
            assertThat(rejected.get("detail").asText()).contains(why);
            assertThat(rejected.has("contract")).isFalse();
            assertThat(s.store.positions()).isEmpty();
        }
    }

    @Test
    void withoutASameDayContractTheNextTradingDaysIsBoughtAndAShortBuysAPut() {
        try (Scenario s = scenario()) {
            s.quote(quote("TSLA", "P-FRI-WIDE", TODAY, 'P', 1.50, 2.50, -0.35, 1_200, 0))
                    .quote(quote("TSLA", "P-MON", MONDAY, 'P', 2.96, 3.04, -0.36, 900, 0))
                    .quote(call("C-FRI", 1.96, 2.04, 0))
                    .signal(signal("a", "OPEN_SHORT", 0));

            assertThat(s.outcomes()).containsExactly("OPENED");
            assertThat(s.journal().get(0).get("contract").asText()).isEqualTo("P-MON");
            assertThat(s.journal().get(0).get("delta").asDouble()).isEqualTo(-0.36);
        }
    }

    @Test
    void aScalpOfAReversalTriggerClosesAtItsContractsBidWhenItsUnderlyingsBookTurnsAgainstIt() {
        try (Scenario s = new Scenario(
                dir.resolve("reversal"),
                ExecutorConfig.defaults().with(Map.of("reversal_exit_triggers", "breakout")),
                OptionsConfig.defaults())) {
            s.quote(call("C", 1.96, 2.00, 0))
                    .signal(signal("a", "OPEN_LONG", 0)) // a call: long the underlying
                    .quote(call("C", 2.05, 2.09, 1_000))
                    .bookTick("TSLA", T - Scenario.T0 + 1_500, 250.0, 40, 60) // -0.2: not yet
                    .bookTick("TSLA", T - Scenario.T0 + 2_000, 250.0, 20, 80); // -0.6: against the call

            assertThat(s.outcomes()).containsExactly("OPENED", "CLOSED MARKET_REVERSAL");
            JsonNode closed = s.journal().get(1);
            assertThat(closed.get("ts").asLong()).isEqualTo(T + 2_000);
            assertThat(closed.get("price").asDouble()).isEqualTo(2.05); // the contract's bid
            assertThat(closed.get("contract").asText()).isEqualTo("C");
        }
        try (Scenario notListed = scenario()) { // the default list names book_imbalance only
            notListed
                    .quote(call("C", 1.96, 2.00, 0))
                    .signal(signal("a", "OPEN_LONG", 0))
                    .bookTick("TSLA", T - Scenario.T0 + 2_000, 250.0, 20, 80);

            assertThat(notListed.outcomes()).containsExactly("OPENED");
        }
    }

    @Test
    void exitsFollowTheContractsMidAndCloseAtItsBid() {
        try (Scenario tp = scenario()) {
            // entry 2.00; +30 % is a mid of 2.60: 2.58 is not, 2.62 is
            tp.quote(call("C", 1.96, 2.00, 0))
                    .signal(signal("a", "OPEN_LONG", 0))
                    .tickAt("TSLA", T + 500, 400.0) // the underlying's price moves no option exit
                    .quote(call("C", 2.55, 2.61, 1_000))
                    .quote(call("C", 2.59, 2.65, 2_000));

            assertThat(tp.outcomes()).containsExactly("OPENED", "CLOSED TAKE_PROFIT");
            JsonNode closed = tp.journal().get(1);
            double qty = 2; // 500 / 200
            double gross = (2.59 - 2.00) * qty * 100;
            assertThat(closed.get("ts").asLong()).isEqualTo(T + 2_000);
            assertThat(closed.get("price").asDouble()).isEqualTo(2.59);
            assertThat(closed.get("contract").asText()).isEqualTo("C");
            assertThat(closed.get("roi").asDouble()).isEqualTo((2.59 - 2.00) / 2.00);
            assertThat(closed.get("pnl").decimalValue())
                    .isEqualByComparingTo(Money.of(gross)
                            .subtract(Money.of(2.59 * qty * 100 * FEE))
                            .subtract(Money.of(2.00 * qty * 100 * FEE)));
        }
        try (Scenario sl = scenario()) {
            // -15 % of 2.00 is a mid of 1.70
            sl.quote(call("C", 1.96, 2.00, 0))
                    .signal(signal("a", "OPEN_LONG", 0))
                    .quote(call("C", 1.70, 1.74, 1_000))
                    .quote(call("C", 1.66, 1.72, 2_000));
            assertThat(sl.outcomes()).containsExactly("OPENED", "CLOSED STOP_LOSS");
            assertThat(sl.journal().get(1).get("price").asDouble()).isEqualTo(1.66);
        }
        try (Scenario time = scenario()) {
            // no quote after the open: the monitor closes it at the first 30 s boundary after 900 s, at the last bid
            time.quote(call("C", 1.96, 2.00, 0))
                    .signal(signal("a", "OPEN_LONG", 0))
                    .quote(call("C", 2.10, 2.14, 60_000))
                    .tickAt("TSLA", T + 900_000, 250.0);
            assertThat(time.outcomes()).containsExactly("OPENED");
            time.tickAt("TSLA", T + 930_001, 250.0);
            assertThat(time.outcomes()).containsExactly("OPENED", "CLOSED TIME_EXIT");
            assertThat(time.journal().get(1).get("ts").asLong()).isEqualTo(T + 930_000);
            assertThat(time.journal().get(1).get("price").asDouble()).isEqualTo(2.10);
        }
        try (Scenario others = scenario()) {
            // only other contracts are quoted after the open: the monitor still closes it on time
            others.quote(call("C", 1.96, 2.00, 0)).signal(signal("a", "OPEN_LONG", 0));
            for (long at = 10_000; at <= 960_000; at += 10_000) {
                others.quote(call("OTHER", 1.00, 1.04, at));
            }
            assertThat(others.outcomes()).containsExactly("OPENED", "CLOSED TIME_EXIT");
            assertThat(others.journal().get(1).get("ts").asLong()).isEqualTo(T + 930_000);
            assertThat(others.journal().get(1).get("price").asDouble()).isEqualTo(1.96);
        }
    }

    @Test
    void onlyOneScalpAtATimeOnePerUnderlyingAndAtMostFiveADay() {
        try (Scenario s = scenario()) {
            s.quote(call("C", 1.96, 2.00, 0))
                    .quote(quote("NVDA", "N", TODAY, 'C', 0.96, 1.00, 0.35, 1_200, 0))
                    .signal(signal("a", "OPEN_LONG", 0))
                    .signal(signal("b", "NVDA", "OPEN_LONG", 1_000))
                    .signal(signal("c", "OPEN_SHORT", 2_000));
            assertThat(s.outcomes())
                    .containsExactly("OPENED", "REJECTED MAX_CONCURRENT_SCALPS", "REJECTED MAX_CONCURRENT_SCALPS");
        }
        try (Scenario two = scenario(Map.of("max_concurrent_scalps", 2))) {
            two.quote(call("C", 1.96, 2.00, 0))
                    .quote(quote("NVDA", "N", TODAY, 'C', 0.96, 1.00, 0.35, 1_200, 0))
                    .signal(signal("a", "OPEN_LONG", 0))
                    .signal(signal("b", "NVDA", "OPEN_LONG", 1_000))
                    .signal(signal("c", "OPEN_SHORT", 2_000));
            assertThat(two.outcomes()).containsExactly("OPENED", "OPENED", "REJECTED MAX_CONCURRENT_SCALPS");
        }
        try (Scenario perUnderlying = scenario(Map.of("max_concurrent_scalps", 3))) {
            perUnderlying
                    .quote(call("C", 1.96, 2.00, 0))
                    .signal(signal("a", "OPEN_LONG", 0))
                    .signal(signal("b", "OPEN_SHORT", 1_000))
                    .signal(signal("c", "OPEN_LONG", 2_000));
            assertThat(perUnderlying.outcomes()).containsExactly("OPENED", "REJECTED ONE_WAY", "REJECTED ALREADY_OPEN");
        }
        try (Scenario day = scenario()) {
            for (int i = 0; i < 6; i++) { // each opens at 2.00 and takes profit at a bid of 2.70
                long at = i * 60_000L;
                day.quote(call("C", 1.96, 2.00, at))
                        .signal(signal("s" + i, "OPEN_LONG", at))
                        .quote(call("C", 2.70, 2.74, at + 1_000));
            }
            assertThat(day.outcomes())
                    .containsExactly(
                            "OPENED",
                            "CLOSED TAKE_PROFIT",
                            "OPENED",
                            "CLOSED TAKE_PROFIT",
                            "OPENED",
                            "CLOSED TAKE_PROFIT",
                            "OPENED",
                            "CLOSED TAKE_PROFIT",
                            "OPENED",
                            "CLOSED TAKE_PROFIT",
                            "REJECTED MAX_DAILY_SCALPS");
        }
    }

    @Test
    void aLosingScalpStopsOpensForFiveMinutes() {
        try (Scenario s = scenario()) {
            s.quote(call("C", 1.96, 2.00, 0))
                    .signal(signal("a", "OPEN_LONG", 0))
                    .quote(call("C", 1.50, 1.54, 1_000)) // stop loss at T + 1 s
                    .quote(call("C", 1.96, 2.00, 300_000))
                    .signal(signal("b", "OPEN_LONG", 300_000))
                    .quote(call("C", 1.96, 2.00, 301_000))
                    .signal(signal("c", "OPEN_LONG", 301_000));

            assertThat(s.outcomes()).containsExactly("OPENED", "CLOSED STOP_LOSS", "REJECTED LOSS_COOLDOWN", "OPENED");
        }
    }

    @Test
    void aBudgetBelowOneContractIsInsufficientMargin() {
        try (Scenario s = scenario(Map.of("scalp_position_size_pct", "0.01"))) {
            s.quote(call("C", 1.96, 2.04, 0)).signal(signal("a", "OPEN_LONG", 0));

            assertThat(s.outcomes()).containsExactly("REJECTED INSUFFICIENT_MARGIN");
            assertThat(s.journal().get(0).get("detail").asText())
                    .isEqualTo(
                            "1 % of the available 10000.00000000 is 100.00000000: no whole contract of C at 2.04 x 100");
        }
    }

    @Test
    void aSignalWithoutRiskParametersIsAValidScalpAndAChainLineThatIsNoQuoteIsSkipped() {
        try (Scenario s = scenario()) {
            String bare = "{\"intent_id\":\"" + Scenario.id("a")
                    + "\",\"symbol\":\"TSLA\",\"action\":\"OPEN_LONG\",\"ts\":" + T + ",\"confidence\":72}";
            assertThat(s.engine.onQuote("{\"underlying\":\"TSLA\"}", Engine.LedgerUpdate.NONE))
                    .isEqualTo("option_symbol: missing or not a string");
            assertThat(s.engine.onQuote("not json", Engine.LedgerUpdate.NONE)).startsWith("not JSON: ");
            s.quote(call("C", 1.96, 2.00, 0)).signal(bare);

            assertThat(s.outcomes()).containsExactly("OPENED");
            Position p = s.store.positions().get(0);
            assertThat(List.of(p.tpPct(), p.slPct(), (double) p.timeLimitSec())).containsExactly(0.30, 0.15, 900.0);
        }
    }
}
