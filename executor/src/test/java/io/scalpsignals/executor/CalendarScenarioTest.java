package io.scalpsignals.executor;

import static io.scalpsignals.executor.calendar.ExchangeCalendarTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.calendar.ExchangeCalendar;
import io.scalpsignals.executor.calendar.ExchangeCalendarTest;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.model.Tick;
import io.scalpsignals.testing.SignalLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * SPEC.md §7 "Exchange calendar" through the engine: MARKET_CLOSED outside the window for opens
 * (checked right after STALE_SIGNAL), SESSION_CLOSE {@code flatten_before_close_min} before the
 * day's close (an early close included, the monitor doing it without ticks), and nothing of it
 * without a calendar.
 */
class CalendarScenarioTest {

    @TempDir
    Path dir;

    @Test
    void opensOutsideTheSessionsWindowAreRejectedAndPositionsCloseBeforeAnEarlyClose() throws IOException {
        ExchangeCalendar calendar = ExchangeCalendar.read(
                Files.writeString(dir.resolve("calendar.json"), ExchangeCalendarTest.THANKSGIVING),
                ExchangeCalendarTest.NEW_YORK);
        try (Scenario s = new Scenario(dir.resolve("state"), ExecutorConfig.defaults(), calendar)) {
            trade(s, at(29, 9, 31), 250.0);
            s.signal(open("early", at(29, 9, 32))); // in the first 5 minutes
            s.signal(open("opens", at(29, 10, 0)));
            trade(s, at(29, 12, 40), 250.5);
            // no tick after 12:40: the monitor (every 30 s) closes it at 12:45, 15 min before 13:00
            trade(s, at(29, 12, 50), 250.5);

            assertThat(s.outcomes()).containsExactly("REJECTED MARKET_CLOSED", "OPENED", "CLOSED SESSION_CLOSE");
            assertThat(s.journal().get(2).get("ts").asLong()).isEqualTo(at(29, 12, 45));
            s.signal(open("late", at(29, 12, 50))); // in the last 30 minutes
            s.signal(open("holiday", at(28, 12, 50) + 86_400_000L * 3)); // Sunday Dec 1: no session
            assertThat(s.outcomes()).endsWith("REJECTED MARKET_CLOSED", "REJECTED MARKET_CLOSED");
        }
    }

    @Test
    void withoutACalendarNoSessionRuleApplies() {
        try (Scenario s = new Scenario(dir.resolve("state"), ExecutorConfig.defaults())) {
            trade(s, at(28, 12, 0), 250.0); // Thanksgiving
            s.signal(open("holiday", at(28, 12, 0)));
            trade(s, at(28, 15, 55), 250.1);

            assertThat(s.outcomes()).containsExactly("OPENED");
        }
    }

    private static void trade(Scenario s, long ts, double price) {
        s.engine.onTick(Tick.trade("TSLA", ts, price, 1.0), Engine.LedgerUpdate.NONE);
    }

    /** A long of TSLA with wide exits, so that only the session closes it. */
    private static String open(String id, long ts) {
        return SignalLine.open(Scenario.id(id), "TSLA", "OPEN_LONG", ts, 250.0)
                .withExits(0.5, 0.5, 86_400, 0, 0.5, 0.1)
                .json();
    }
}
