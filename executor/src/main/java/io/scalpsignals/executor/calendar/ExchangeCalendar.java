package io.scalpsignals.executor.calendar;

import io.scalpsignals.executor.config.ExecutorJson;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An exchange's trading days with their regular session (SPEC.md §7 "Exchange calendar"): a day
 * that is not listed is no trading day (holidays, weekends); an early close shows in its {@code
 * close}. Read from the JSON of Alpaca's {@code GET /v2/calendar}: an array of {@code {"date":
 * "2024-11-29", "open": "09:30", "close": "13:00"}}, times in the exchange's zone (other members are
 * ignored).
 *
 * @param zone the exchange's time zone (America/New_York for US equities and their options)
 * @param days each trading day's regular session, by date
 */
public record ExchangeCalendar(ZoneId zone, NavigableMap<LocalDate, Session> days) {

    /**
     * A trading day's regular session.
     *
     * @param open its opening, epoch ms
     * @param close its closing (early closes included), epoch ms
     */
    public record Session(LocalDate date, long open, long close) {}

    /**
     * Reads {@code file} ({@code /v2/calendar}'s JSON).
     *
     * @throws IllegalArgumentException naming the file and the entry that is not a trading day with
     *     its open before its close
     * @throws IOException when the file cannot be read
     */
    public static ExchangeCalendar read(Path file, ZoneId zone) throws IOException {
        JsonNode days = ExecutorJson.MAPPER.readTree(file.toFile());
        if (days == null || !days.isArray()) {
            throw new IllegalArgumentException(file + ": must be a JSON array of {date, open, close}");
        }
        NavigableMap<LocalDate, Session> out = new TreeMap<>();
        for (JsonNode d : days) {
            try {
                LocalDate date = LocalDate.parse(d.path("date").asText());
                long open = date.atTime(LocalTime.parse(d.path("open").asText()))
                        .atZone(zone)
                        .toInstant()
                        .toEpochMilli();
                long close = date.atTime(LocalTime.parse(d.path("close").asText()))
                        .atZone(zone)
                        .toInstant()
                        .toEpochMilli();
                if (open >= close) {
                    throw new IllegalArgumentException(file + ": " + d + " opens at or after its close");
                }
                out.put(date, new Session(date, open, close));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        file + ": " + d + " is no {\"date\": YYYY-MM-DD, \"open\": HH:MM, \"close\": HH:MM}", e);
            }
        }
        return new ExchangeCalendar(zone, Collections.unmodifiableNavigableMap(out));
    }

    /** The session of the exchange day that {@code ts} (epoch ms) falls on; empty on a day without trading. */
    public Optional<Session> session(long ts) {
        return Optional.ofNullable(
                days.get(Instant.ofEpochMilli(ts).atZone(zone).toLocalDate()));
    }

    /**
     * Whether an open at {@code ts} (epoch ms) is inside a regular session, at least {@code
     * afterOpenMin} minutes after its open and more than {@code beforeCloseMin} before its close.
     */
    public boolean entryAllowed(long ts, long afterOpenMin, long beforeCloseMin) {
        return session(ts)
                .filter(s -> ts >= s.open() + afterOpenMin * 60_000 && ts < s.close() - beforeCloseMin * 60_000)
                .isPresent();
    }

    /**
     * Whether a position still open at {@code ts} must close: from {@code flattenMin} minutes before
     * its day's close, and at any time outside a regular session (before the open, after the close,
     * on a day without trading: a position left over from an earlier session).
     */
    public boolean flattenDue(long ts, long flattenMin) {
        Optional<Session> s = session(ts);
        return s.isEmpty() || ts < s.get().open() || ts >= s.get().close() - flattenMin * 60_000;
    }

    /**
     * The first trading day after {@code day}; past the calendar's last day, the next weekday (the
     * calendar then knows no holiday).
     */
    public LocalDate nextTradingDay(LocalDate day) {
        LocalDate listed = days.higherKey(day);
        if (listed != null) {
            return listed;
        }
        LocalDate next = day.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }
}
