package io.scalpsignals.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backtest's limit entries (SPEC.md §7 "Limit entries", {@code entry_order: limit}), from its
 * journal: the orders placed, filled (in part, when the OPENED line's detail says less than the
 * decided quantity), timed out and cancelled by a CLOSE; the opens refused for want of a quote;
 * and the fees of the closed trades ({@link Summary#feesPaid()}) split into the maker fees of their
 * limit entries and the taker fees of everything else (their exits).
 *
 * @param placed limit orders that rested: filled + timedOut + cancelled
 * @param filled those that opened a position
 * @param partlyFilled those of {@code filled} that filled less than the decided quantity
 * @param timedOut REJECTED LIMIT_TIMEOUT
 * @param cancelled REJECTED LIMIT_CANCELLED
 * @param noQuote REJECTED NO_QUOTE (data without quotes rejects every limit entry so)
 * @param makerFees the closed trades' entry fees, {@code maker_fee_pct} of their notional, quote units
 * @param takerFees the closed trades' other fees (their exits' market orders), quote units
 */
public record LimitEntryFigures(
        int placed,
        int filled,
        int partlyFilled,
        int timedOut,
        int cancelled,
        int noQuote,
        double makerFees,
        double takerFees) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FILLED = Pattern.compile("limit entry filled (\\S+) of (\\S+)");

    /**
     * The figures of the backtest in {@code dir} ({@code settings.json}, {@code journal.jsonl}), if
     * it ran with {@code entry_order: limit}.
     *
     * @param totalFees both fees of every trade, quote units ({@link Summary#feesPaid()})
     * @throws IOException when a file cannot be read
     */
    public static Optional<LimitEntryFigures> read(Path dir, double totalFees) throws IOException {
        Path settings = dir.resolve("settings.json");
        if (!Files.isRegularFile(settings)) {
            return Optional.empty();
        }
        JsonNode s = JSON.readTree(settings.toFile());
        if (!s.path("entry_order").asText().equals("limit")) {
            return Optional.empty();
        }
        double makerFeePct = s.path("maker_fee_pct").asDouble();
        int filled = 0;
        int partly = 0;
        int timedOut = 0;
        int cancelled = 0;
        int noQuote = 0;
        Map<String, Double> entryFees = new HashMap<>();
        double maker = 0;
        for (String line : Files.readAllLines(dir.resolve("journal.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            String event = n.path("event").asText();
            String reason = n.path("reason").asText();
            Matcher m = FILLED.matcher(n.path("detail").asText());
            if (event.equals("OPENED") && m.matches()) {
                filled++;
                partly += Double.parseDouble(m.group(1)) < Double.parseDouble(m.group(2)) ? 1 : 0;
                entryFees.put(
                        n.get("intent_id").asText(),
                        n.get("price").asDouble() * n.get("qty").asDouble() * makerFeePct);
            } else if (event.equals("CLOSED")) {
                maker += entryFees.getOrDefault(n.path("intent_id").asText(), 0.0);
            } else if (event.equals("REJECTED")) {
                timedOut += reason.equals("LIMIT_TIMEOUT") ? 1 : 0;
                cancelled += reason.equals("LIMIT_CANCELLED") ? 1 : 0;
                noQuote += reason.equals("NO_QUOTE") ? 1 : 0;
            }
        }
        return Optional.of(new LimitEntryFigures(
                filled + timedOut + cancelled, filled, partly, timedOut, cancelled, noQuote, maker, totalFees - maker));
    }

    /** As the backtest prints them, under its summary. */
    public String format() {
        return String.format(
                Locale.ROOT,
                """
                limit entries     %,d placed: %,d filled (%,d in part), %,d timed out, %,d cancelled; fill rate %s
                no quote          %,d opens refused (NO_QUOTE)
                fees by side      maker %,.2f (entries), taker %,.2f
                """,
                placed,
                filled,
                partlyFilled,
                timedOut,
                cancelled,
                Summary.percent(placed == 0 ? Double.NaN : (double) filled / placed),
                noQuote,
                makerFees,
                takerFees);
    }
}
