package io.scalpsignals.udf.features;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The VWAP session that contains an instant (SPEC.md §2): sessions start every calendar day of
 * {@code zone} at {@code start} local time (UTC midnight by default; {@code America/New_York}
 * 09:30 for US equities). Daylight-saving gaps follow {@link ZonedDateTime#of}'s rules.
 */
public final class SessionCalendar implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ZoneId zone;
    private final LocalTime start;

    public SessionCalendar(ZoneId zone, LocalTime start) {
        this.zone = zone;
        this.start = start;
    }

    /** Start of the session containing {@code ts}, epoch ms. */
    public long sessionStart(long ts) {
        return startOf(sessionDate(ts));
    }

    /** Start of the session after the one containing {@code ts}, epoch ms. */
    public long nextSessionStart(long ts) {
        return startOf(sessionDate(ts).plusDays(1));
    }

    private LocalDate sessionDate(long ts) {
        ZonedDateTime at = Instant.ofEpochMilli(ts).atZone(zone);
        LocalDate date = at.toLocalDate();
        return at.toLocalTime().isBefore(start) ? date.minusDays(1) : date;
    }

    private long startOf(LocalDate date) {
        return ZonedDateTime.of(date, start, zone).toInstant().toEpochMilli();
    }
}
