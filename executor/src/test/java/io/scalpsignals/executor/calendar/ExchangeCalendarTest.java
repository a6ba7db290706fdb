package io.scalpsignals.executor.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** The calendar read from /v2/calendar's JSON: sessions, the window for opens, the flatten time, the next trading day. */
public class ExchangeCalendarTest {

    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** Thanksgiving week 2024 (the 28th closed, the 29th closing at 13:00) and the Monday after. */
    public static final String THANKSGIVING = "[{\"date\":\"2024-11-27\",\"open\":\"09:30\",\"close\":\"16:00\"},"
            + "{\"date\":\"2024-11-29\",\"open\":\"09:30\",\"close\":\"13:00\",\"session_open\":\"0400\"},"
            + "{\"date\":\"2024-12-02\",\"open\":\"09:30\",\"close\":\"16:00\"}]";

    @TempDir
    Path dir;

    /** {@code 2024-11-dd hh:mm} in New York, epoch ms. */
    public static long at(int day, int hour, int minute) {
        return LocalDateTime.of(2024, 11, day, hour, minute)
                .atZone(NEW_YORK)
                .toInstant()
                .toEpochMilli();
    }

    @Test
    void opensAreAllowedFiveMinutesAfterTheOpenUntilThirtyBeforeTheCloseEarlyClosesIncluded() throws IOException {
        ExchangeCalendar c = ExchangeCalendar.read(Files.writeString(dir.resolve("c.json"), THANKSGIVING), NEW_YORK);

        assertThat(c.entryAllowed(at(27, 9, 34), 5, 30)).isFalse();
        assertThat(c.entryAllowed(at(27, 9, 35), 5, 30)).isTrue();
        assertThat(c.entryAllowed(at(27, 15, 29), 5, 30)).isTrue();
        assertThat(c.entryAllowed(at(27, 15, 30), 5, 30)).isFalse();
        assertThat(c.entryAllowed(at(28, 12, 0), 5, 30)).as("a holiday").isFalse();
        assertThat(c.entryAllowed(at(29, 12, 29), 5, 30))
                .as("the early close at 13:00")
                .isTrue();
        assertThat(c.entryAllowed(at(29, 12, 30), 5, 30)).isFalse();
        assertThat(c.entryAllowed(at(30, 12, 0), 5, 30)).as("a Saturday").isFalse();
        assertThat(c.flattenDue(at(29, 12, 44), 15)).isFalse();
        assertThat(c.flattenDue(at(29, 12, 45), 15)).isTrue();
        assertThat(c.flattenDue(at(28, 15, 50), 15))
                .as("no session that day: a leftover closes")
                .isTrue();
        assertThat(c.flattenDue(at(29, 9, 0), 15))
                .as("before the open: a leftover closes")
                .isTrue();
        assertThat(c.flattenDue(at(29, 9, 30), 15)).isFalse();
        assertThat(c.session(at(29, 10, 0)).orElseThrow().close()).isEqualTo(at(29, 13, 0));
    }

    @Test
    void theNextTradingDaySkipsHolidaysAndWeekendsAndPastTheCalendarWeekendsOnly() throws IOException {
        ExchangeCalendar c = ExchangeCalendar.read(Files.writeString(dir.resolve("c.json"), THANKSGIVING), NEW_YORK);

        assertThat(c.nextTradingDay(LocalDate.of(2024, 11, 27))).isEqualTo(LocalDate.of(2024, 11, 29));
        assertThat(c.nextTradingDay(LocalDate.of(2024, 11, 29))).isEqualTo(LocalDate.of(2024, 12, 2));
        assertThat(c.nextTradingDay(LocalDate.of(2024, 12, 6))).isEqualTo(LocalDate.of(2024, 12, 9));
    }

    /**
     * The shipped NYSE calendar against the exchange's own announcements (NYSE Group's holiday and
     * early-closing calendars of 2021-12-27 and 2024-11-08, and the closing of 2025-01-09).
     */
    @Test
    void theShippedNyseCalendarHasTheExchangesHolidaysAndEarlyCloses() throws IOException {
        Path file = Path.of(System.getProperty("scalp.root", "../.."), "deploy/config/nyse-calendar-2024-2027.json");
        ExchangeCalendar c = ExchangeCalendar.read(file, NEW_YORK);

        assertThat(c.days().keySet().stream().filter(d -> d.getYear() == 2024)).hasSize(252);
        assertThat(c.days().keySet().stream().filter(d -> d.getYear() == 2025)).hasSize(250);
        assertThat(c.days())
                .doesNotContainKeys(
                        LocalDate.of(2025, 1, 9), // the National Day of Mourning for President Carter
                        LocalDate.of(2026, 4, 3), // Good Friday
                        LocalDate.of(2026, 7, 3), // Independence Day observed
                        LocalDate.of(2027, 6, 18), // Juneteenth observed
                        LocalDate.of(2027, 12, 24)); // Christmas observed
        assertThat(c.days().get(LocalDate.of(2026, 11, 27)).close())
                .as("the day after Thanksgiving closes at 13:00")
                .isEqualTo(LocalDateTime.of(2026, 11, 27, 13, 0)
                        .atZone(NEW_YORK)
                        .toInstant()
                        .toEpochMilli());
        assertThat(c.days().get(LocalDate.of(2025, 12, 24)).close())
                .isEqualTo(LocalDateTime.of(2025, 12, 24, 13, 0)
                        .atZone(NEW_YORK)
                        .toInstant()
                        .toEpochMilli());
        assertThat(c.nextTradingDay(LocalDate.of(2026, 4, 2))).isEqualTo(LocalDate.of(2026, 4, 6));
    }

    @Test
    void aFileThatIsNoCalendarIsNamedWithTheEntry() throws IOException {
        Path notArray = Files.writeString(dir.resolve("a.json"), "{\"date\":\"2024-11-27\"}");
        Path badTime = Files.writeString(
                dir.resolve("b.json"), "[{\"date\":\"2024-11-27\",\"open\":\"9.30\",\"close\":\"16:00\"}]");
        Path inverted = Files.writeString(
                dir.resolve("c.json"), "[{\"date\":\"2024-11-27\",\"open\":\"16:00\",\"close\":\"09:30\"}]");

        assertThatThrownBy(() -> ExchangeCalendar.read(notArray, NEW_YORK)).hasMessageContaining("a JSON array");
        assertThatThrownBy(() -> ExchangeCalendar.read(badTime, NEW_YORK)).hasMessageContaining("9.30");
        assertThatThrownBy(() -> ExchangeCalendar.read(inverted, NEW_YORK))
                .hasMessageContaining("opens at or after its close");
    }
}
