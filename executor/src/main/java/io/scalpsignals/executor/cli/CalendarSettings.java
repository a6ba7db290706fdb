package io.scalpsignals.executor.cli;

import io.scalpsignals.executor.calendar.ExchangeCalendar;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.io.IOException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;

/** The exchange calendar of {@code run} and {@code replay} (SPEC.md §7 "Exchange calendar"). */
final class CalendarSettings {

    @Option(
            names = "--calendar",
            paramLabel = "FILE",
            description = "The exchange's trading days, the JSON of Alpaca's /v2/calendar ([{date, open, close}]):"
                    + " opens outside a session's window are REJECTED MARKET_CLOSED, positions close SESSION_CLOSE"
                    + " before the close, a 1DTE expiry is the next listed day. Without it, none of that applies.")
    Path file;

    @Option(
            names = "--calendar-zone",
            defaultValue = "America/New_York",
            paramLabel = "ZONE",
            description = "The time zone of the calendar's open and close (default: ${DEFAULT-VALUE}).")
    String zone;

    /**
     * The calendar, or null without {@code --calendar}.
     *
     * @throws CommandLine.ParameterException naming the option and why the file or zone is refused
     */
    @Nullable
    ExchangeCalendar load(CommandLine cli) {
        if (file == null) {
            return null;
        }
        ZoneId id;
        try {
            id = ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new CommandLine.ParameterException(cli, "--calendar-zone: no time zone '" + zone + "'");
        }
        try {
            return ExchangeCalendar.read(file, id);
        } catch (IOException | IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--calendar: " + e.getMessage());
        }
    }
}
