package io.scalpsignals.udf.config;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The windows of SPEC.md §2–§3, with their defaults. Immutable; validated on construction, so a
 * bad value fails at job start naming its option.
 *
 * @param barSec bar length in seconds ({@code bar_sec}, default 15, at most a day), bars aligned
 *     to the epoch
 * @param sessionZone time zone of the VWAP session ({@code session_time_zone}, default UTC)
 * @param sessionStart local start time of the session ({@code session_start}, default 00:00)
 * @param volumeWindowSec the "current" volume window ({@code volume_window_sec}, default 300)
 * @param historySec the state horizon: reference prices and the volume baseline look back at
 *     most this far ({@code history_sec}, default 3900)
 * @param crashGuardSec the crash-guard return's window ({@code crash_guard_window_sec}, 300)
 */
public record FeatureConfig(
        int barSec, ZoneId sessionZone, LocalTime sessionStart, int volumeWindowSec, int historySec, int crashGuardSec)
        implements Serializable {

    /** The velocity windows of the feature record, seconds: {@code vel_5s ... vel_60s}. */
    public static final int[] VELOCITY_WINDOWS_SEC = {5, 15, 30, 60};

    /** Bars kept for the longest indicator window ({@code vwap_50}). */
    public static final int BAR_HISTORY = 50;

    public FeatureConfig {
        require(barSec > 0 && barSec <= 86_400, "bar_sec", barSec, "between 1 and 86400");
        require(
                volumeWindowSec >= 60 && volumeWindowSec % 60 == 0,
                "volume_window_sec",
                volumeWindowSec,
                "a whole number of minutes");
        require(
                historySec > volumeWindowSec && (historySec - volumeWindowSec) % 60 == 0,
                "history_sec",
                historySec,
                "longer than volume_window_sec by a whole number of minutes");
        require(
                crashGuardSec > 0 && crashGuardSec < historySec,
                "crash_guard_window_sec",
                crashGuardSec,
                "between 1 and history_sec");
        if (sessionZone == null || sessionStart == null) {
            throw new IllegalArgumentException("session_time_zone and session_start must be set");
        }
    }

    /** The defaults of SPEC.md: 15 s bars, UTC-day sessions, 300 s / 3900 s volume windows. */
    public static FeatureConfig defaults() {
        return new FeatureConfig(15, ZoneId.of("UTC"), LocalTime.MIDNIGHT, 300, 3900, 300);
    }

    /**
     * Parses a time zone option.
     *
     * @throws IllegalArgumentException naming {@code session_time_zone}
     */
    public static ZoneId zone(String id) {
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("session_time_zone: unknown time zone '" + id + "'");
        }
    }

    /** Bar length in milliseconds. */
    public long barMs() {
        return barSec * 1000L;
    }

    private static void require(boolean ok, String key, Object value, String expected) {
        if (!ok) {
            throw new IllegalArgumentException(key + ": must be " + expected + ", got " + value);
        }
    }
}
