package io.scalpsignals.executor.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.executor.calendar.ExchangeCalendar;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/** Contract selection scenarios: Friday 2024-11-22, 15:00 in New York; the next trading day is Monday the 25th. */
class ContractSelectorTest {

    static final long NOW = ZonedDateTime.parse("2024-11-22T15:00:00-05:00[America/New_York]")
            .toInstant()
            .toEpochMilli();
    static final LocalDate TODAY = LocalDate.of(2024, 11, 22);
    static final LocalDate MONDAY = LocalDate.of(2024, 11, 25);

    private final ContractSelector selector = new ContractSelector(OptionsConfig.defaults());

    /** A call that passes every filter: |delta| 0.35, spread 4 % of mid, open interest 1,200, ask 2.04. */
    static OptionQuote call(
            String symbol, LocalDate expiry, double delta, double bid, double ask, long oi, long ageSec) {
        return new OptionQuote("TSLA", symbol, expiry, 250, 'C', bid, ask, delta, oi, NOW - ageSec * 1000);
    }

    static OptionQuote good(String symbol) {
        return call(symbol, TODAY, 0.35, 1.96, 2.04, 1_200, 5);
    }

    static OptionChain chain(OptionQuote... quotes) {
        OptionChain chain = new OptionChain();
        List.of(quotes).forEach(chain::add);
        return chain;
    }

    @Test
    void theOneContractThatPassesEveryFilterIsChosen() {
        OptionChain chain = chain(
                call("DELTA", TODAY, 0.25, 1.96, 2.04, 1_200, 5),
                call("SPREAD", TODAY, 0.35, 1.90, 2.10, 1_200, 5),
                call("OI", TODAY, 0.35, 1.96, 2.04, 400, 5),
                call("PRICE", TODAY, 0.35, 5.10, 5.30, 1_200, 5),
                good("PASS"));

        ContractSelector.Selection s = selector.select(chain, "TSLA", true, NOW);

        assertThat(s.contract()).map(OptionQuote::optionSymbol).contains("PASS");
        assertThat(s.reason()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = ';',
            value = {
                "delta below the band;  0.29; 1.96; 2.04; 1200; 0 with |delta| in 0.30-0.40",
                "delta above the band;  0.41; 1.96; 2.04; 1200; 0 with |delta| in 0.30-0.40",
                "spread of 6 % of mid;  0.35; 1.94; 2.06; 1200; 0 with spread < 5.0 % of mid",
                "open interest 500;     0.35; 1.96; 2.04; 500;  0 with open interest > 500",
                "ask of 5.00;           0.35; 4.90; 5.00; 1200; 0 with ask < 5.00"
            })
    void eachFilterAloneRejects(String name, double delta, double bid, double ask, long oi, String expected) {
        OptionChain chain = chain(call("ONLY", TODAY, delta, bid, ask, oi, 5));

        ContractSelector.Selection s = selector.select(chain, "TSLA", true, NOW);

        assertThat(s.contract()).isEmpty();
        assertThat(s.reason())
                .get()
                .asString()
                .startsWith("0DTE 2024-11-22: 1 call, ")
                .contains(expected)
                .contains("; 1DTE 2024-11-25: 0 calls");
    }

    @Test
    void anExpiryOtherThanTodayOrTheNextTradingDayIsNotConsidered() {
        ContractSelector.Selection s = selector.select(
                chain(call("TUESDAY", MONDAY.plusDays(1), 0.35, 1.96, 2.04, 1_200, 5)), "TSLA", true, NOW);

        assertThat(s.reason()).contains("0DTE 2024-11-22: 0 calls; 1DTE 2024-11-25: 0 calls");
    }

    @Test
    void withoutASameDayContractTheNextTradingDaysIsTaken() {
        OptionChain chain = chain(
                call("TODAY-WIDE", TODAY, 0.35, 1.50, 2.50, 1_200, 5),
                call("MONDAY", MONDAY, 0.36, 2.96, 3.04, 900, 5));

        assertThat(selector.select(chain, "TSLA", true, NOW).contract())
                .map(OptionQuote::optionSymbol)
                .contains("MONDAY");
    }

    @Test
    void withACalendarTheNextTradingDaySkipsAHoliday(@TempDir Path dir) throws Exception {
        // Monday 2024-11-25 made a holiday: the calendar lists the 22nd and then the 26th
        ExchangeCalendar calendar = ExchangeCalendar.read(
                Files.writeString(
                        dir.resolve("calendar.json"),
                        "[{\"date\":\"2024-11-22\",\"open\":\"09:30\",\"close\":\"16:00\"},"
                                + "{\"date\":\"2024-11-26\",\"open\":\"09:30\",\"close\":\"16:00\"}]"),
                OptionsConfig.defaults().zone());
        OptionChain chain = chain(
                call("MONDAY", MONDAY, 0.35, 1.96, 2.04, 1_200, 5),
                call("TUESDAY", MONDAY.plusDays(1), 0.35, 1.96, 2.04, 1_200, 5));

        assertThat(new ContractSelector(OptionsConfig.defaults(), calendar)
                        .select(chain, "TSLA", true, NOW)
                        .contract())
                .map(OptionQuote::optionSymbol)
                .contains("TUESDAY");
        assertThat(selector.select(chain, "TSLA", true, NOW).contract())
                .as("without a calendar: the next weekday")
                .map(OptionQuote::optionSymbol)
                .contains("MONDAY");
    }

    @Test
    void prefer0dteTakesASameDayContractOverACloserDeltaNextDayAndWithoutItBothCompete() {
        OptionChain chain = chain(
                call("TODAY-31", TODAY, 0.31, 1.96, 2.04, 1_200, 5),
                call("MONDAY-35", MONDAY, 0.35, 2.96, 3.04, 900, 5));
        ContractSelector noPreference =
                new ContractSelector(OptionsConfig.defaults().with(Map.of("prefer_0dte", false)));

        assertThat(selector.select(chain, "TSLA", true, NOW).contract())
                .map(OptionQuote::optionSymbol)
                .contains("TODAY-31");
        assertThat(noPreference.select(chain, "TSLA", true, NOW).contract())
                .map(OptionQuote::optionSymbol)
                .contains("MONDAY-35");
        assertThat(noPreference
                        .select(chain(call("FRIDAY", TODAY.plusDays(7), 0.35, 1.96, 2.04, 1_200, 5)), "TSLA", true, NOW)
                        .reason())
                .contains("0DTE 2024-11-22 or 1DTE 2024-11-25: 0 calls");
    }

    @Test
    void theDeltaClosestToTheTargetWinsAndAShortGetsAPut() {
        OptionChain chain = chain(
                good("C35"),
                call("C31", TODAY, 0.31, 1.96, 2.04, 1_200, 5),
                new OptionQuote("TSLA", "P33", TODAY, 240, 'P', 1.96, 2.04, -0.33, 1_200, NOW),
                new OptionQuote("TSLA", "P38", TODAY, 245, 'P', 1.96, 2.04, -0.38, 1_200, NOW));

        assertThat(selector.select(chain, "TSLA", true, NOW).contract())
                .map(OptionQuote::optionSymbol)
                .contains("C35");
        assertThat(selector.select(chain, "TSLA", false, NOW).contract())
                .map(OptionQuote::optionSymbol)
                .contains("P33");
    }

    @Test
    void aStaleChainIsNotUsed() {
        assertThat(selector.select(chain(call("FRESH", TODAY, 0.35, 1.96, 2.04, 1_200, 60)), "TSLA", true, NOW)
                        .contract())
                .isPresent();

        ContractSelector.Selection stale =
                selector.select(chain(call("OLD", TODAY, 0.35, 1.96, 2.04, 1_200, 61)), "TSLA", true, NOW);

        assertThat(stale.contract()).isEmpty();
        assertThat(stale.reason()).contains("stale chain: the newest call quote is 61 s old (max 60 s)");
        assertThat(selector.select(chain(), "TSLA", true, NOW).reason()).contains("no call quotes for TSLA");
    }

    @Test
    void aNewerSnapshotReplacesAContractsQuoteAndAnOlderOneDoesNot() {
        OptionChain chain = chain(call("X", TODAY, 0.35, 1.96, 2.04, 1_200, 10));
        chain.add(call("X", TODAY, 0.50, 3.00, 3.10, 1_200, 5));
        chain.add(call("X", TODAY, 0.20, 0.50, 0.60, 1_200, 30));

        assertThat(chain.quotes("TSLA"))
                .singleElement()
                .extracting(OptionQuote::delta)
                .isEqualTo(0.50);
    }

    @Test
    void aNewDayDropsTheContractsThatExpiredAndSelectionNeverSeesThem() {
        OptionChain chain = chain(good("FRIDAY"), call("MONDAY", MONDAY, 0.35, 1.96, 2.04, 1_200, 5));

        chain.expire(TODAY, List.of());
        assertThat(chain.quotes("TSLA")).hasSize(2);
        chain.expire(MONDAY, List.of());
        assertThat(chain.quotes("TSLA")).extracting(OptionQuote::optionSymbol).containsExactly("MONDAY");
        OptionChain holding = chain(good("FRIDAY"), good("OTHER"));
        holding.expire(MONDAY, List.of("FRIDAY")); // a scalp holds it: still marked at its last quote
        assertThat(holding.latest("TSLA", "FRIDAY")).isPresent();
        assertThat(holding.latest("TSLA", "OTHER")).isEmpty();
        assertThat(selector.select(
                                chain(good("FRIDAY")),
                                "TSLA",
                                true,
                                ZonedDateTime.parse("2024-11-25T10:00:00-05:00[America/New_York]")
                                        .toInstant()
                                        .toEpochMilli())
                        .reason())
                .contains("no call quotes for TSLA");
    }

    @Test
    void aChainLineIsReadWithItsFieldsAndABadOneNamesTheField() throws Exception {
        ObjectMapper json = new ObjectMapper();
        OptionQuote q =
                OptionQuote.of(json.readTree("{\"underlying\":\"TSLA\",\"option_symbol\":\"TSLA241122C00250000\","
                        + "\"expiry\":\"2024-11-22\",\"strike\":250,\"right\":\"c\",\"bid\":1.2,\"ask\":1.3,\"delta\":0.36,"
                        + "\"open_interest\":1200,\"ts\":1732305600000}"));

        assertThat(q)
                .isEqualTo(new OptionQuote(
                        "TSLA", "TSLA241122C00250000", TODAY, 250, 'C', 1.2, 1.3, 0.36, 1_200, 1_732_305_600_000L));
        assertThat(q.mid()).isEqualTo(1.25);
        assertThat(
                        OptionQuote.of(
                                json.readTree(
                                        "{\"underlying\":\"TSLA\",\"option_symbol\":\"P\",\"expiry\":\"20241122\","
                                                + "\"strike\":240,\"right\":\"Put\",\"bid\":1,\"ask\":1.1,\"delta\":-0.3,\"open_interest\":1,\"ts\":1}")))
                .extracting(OptionQuote::expiry, OptionQuote::right)
                .containsExactly(TODAY, 'P');
        assertThatThrownBy(
                        () -> OptionQuote.of(
                                json.readTree(
                                        "{\"underlying\":\"TSLA\",\"option_symbol\":\"X\",\"expiry\":\"2024-11-22\","
                                                + "\"strike\":250,\"right\":\"X\",\"bid\":1,\"ask\":2,\"delta\":0.3,\"open_interest\":1,\"ts\":1}")))
                .hasMessage("right: must be C or P, got 'X'");
        assertThatThrownBy(
                        () -> OptionQuote.of(
                                json.readTree(
                                        "{\"underlying\":\"TSLA\",\"option_symbol\":\"X\",\"expiry\":\"22/11/2024\","
                                                + "\"strike\":250,\"right\":\"C\",\"bid\":1,\"ask\":2,\"delta\":0.3,\"open_interest\":1,\"ts\":1}")))
                .hasMessage("expiry: not a yyyy-MM-dd date: '22/11/2024'");
    }
}
