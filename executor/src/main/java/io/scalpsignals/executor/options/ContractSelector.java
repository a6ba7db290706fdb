package io.scalpsignals.executor.options;

import io.scalpsignals.executor.calendar.ExchangeCalendar;

import javax.annotation.Nullable;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Chooses the contract for a signal on the underlying (the options-0dte scalp): a call for
 * {@code OPEN_LONG}, a put for {@code OPEN_SHORT}; expiry today (in {@link OptionsConfig#zone()})
 * or the next trading day (the calendar's when the executor has one, else Monday to Friday): with {@link
 * OptionsConfig#prefer0dte()} the next day's only when no same-day contract passes, without it both
 * compete; |delta| within [min, max]; spread
 * under {@code max_spread_pct} of mid; open interest over {@code min_open_interest}; ask under
 * {@code max_contract_price}; among those the |delta| closest to the target, then the lower ask,
 * then the option symbol. Quotes older than {@code max_chain_age_sec} are not used.
 */
public final class ContractSelector {

    /**
     * The choice: a contract, or why there is none (for the journal's NO_CONTRACT).
     *
     * @param contract the chosen contract, or empty
     * @param reason why no contract passed, or empty
     */
    public record Selection(Optional<OptionQuote> contract, Optional<String> reason) {
        static Selection of(OptionQuote q) {
            return new Selection(Optional.of(q), Optional.empty());
        }

        static Selection none(String reason) {
            return new Selection(Optional.empty(), Optional.of(reason));
        }
    }

    private final OptionsConfig config;

    @Nullable
    private final ExchangeCalendar calendar;

    public ContractSelector(OptionsConfig config) {
        this(config, null);
    }

    /** @param calendar the exchange's trading days, which give a 1DTE expiry's date; null: weekdays */
    public ContractSelector(OptionsConfig config, @Nullable ExchangeCalendar calendar) {
        this.config = config;
        this.calendar = calendar;
    }

    /**
     * @param call true for a call (OPEN_LONG), false for a put (OPEN_SHORT)
     * @param now the executor's clock, epoch ms
     * @return the contract, or the reason there is none: no unexpired quotes of that right, a
     *     stale chain, or per expiry the count each filter left
     */
    public Selection select(OptionChain chain, String underlying, boolean call, long now) {
        char right = call ? 'C' : 'P';
        String kind = call ? "call" : "put";
        LocalDate today = Instant.ofEpochMilli(now).atZone(config.zone()).toLocalDate();
        List<OptionQuote> quotes = chain.quotes(underlying).stream()
                .filter(q -> q.right() == right && !q.expiry().isBefore(today))
                .toList();
        if (quotes.isEmpty()) {
            return Selection.none("no " + kind + " quotes for " + underlying);
        }
        long maxAgeMs = config.maxChainAgeSec() * 1000L;
        List<OptionQuote> fresh =
                quotes.stream().filter(q -> now - q.ts() <= maxAgeMs).toList();
        if (fresh.isEmpty()) {
            long newest = quotes.stream().mapToLong(OptionQuote::ts).max().orElseThrow();
            return Selection.none(String.format(
                    Locale.ROOT,
                    "stale chain: the newest %s quote is %d s old (max %d s)",
                    kind,
                    (now - newest) / 1000,
                    config.maxChainAgeSec()));
        }
        LocalDate next = calendar != null ? calendar.nextTradingDay(today) : nextTradingDay(today);
        List<List<LocalDate>> rounds =
                config.prefer0dte() ? List.of(List.of(today), List.of(next)) : List.of(List.of(today, next));
        StringBuilder why = new StringBuilder();
        for (List<LocalDate> expiries : rounds) {
            String label = expiries.stream()
                    .map(e -> (e.equals(today) ? "0DTE " : "1DTE ") + e)
                    .collect(Collectors.joining(" or "));
            Optional<OptionQuote> chosen = choose(
                    fresh.stream().filter(q -> expiries.contains(q.expiry())).toList(), label, kind, why);
            if (chosen.isPresent()) {
                return Selection.of(chosen.get());
            }
        }
        return Selection.none(why.toString());
    }

    /** The best contract of one expiry, or empty with the count left after each filter appended to {@code why}. */
    private Optional<OptionQuote> choose(List<OptionQuote> quotes, String label, String kind, StringBuilder why) {
        if (why.length() > 0) {
            why.append("; ");
        }
        why.append(label)
                .append(": ")
                .append(quotes.size())
                .append(' ')
                .append(kind)
                .append(quotes.size() == 1 ? "" : "s");
        List<Filter> filters = List.of(
                new Filter(
                        String.format(Locale.ROOT, "|delta| in %.2f-%.2f", config.minDelta(), config.maxDelta()),
                        q -> Math.abs(q.delta()) >= config.minDelta() && Math.abs(q.delta()) <= config.maxDelta()),
                new Filter(
                        String.format(Locale.ROOT, "spread < %.1f %% of mid", 100 * config.maxSpreadPct()),
                        q -> q.spreadPct() < config.maxSpreadPct()),
                new Filter(
                        "open interest > " + config.minOpenInterest(),
                        q -> q.openInterest() > config.minOpenInterest()),
                new Filter(
                        String.format(Locale.ROOT, "ask < %.2f", config.maxContractPrice()),
                        q -> q.ask() < config.maxContractPrice()));
        List<OptionQuote> left = quotes;
        for (Filter f : filters) {
            if (left.isEmpty()) {
                break;
            }
            left = left.stream().filter(f.test()).toList();
            why.append(", ").append(left.size()).append(" with ").append(f.name());
        }
        return left.stream()
                .min(Comparator.comparingDouble((OptionQuote q) -> Math.abs(Math.abs(q.delta()) - config.targetDelta()))
                        .thenComparingDouble(OptionQuote::ask)
                        .thenComparing(OptionQuote::optionSymbol));
    }

    private record Filter(String name, Predicate<OptionQuote> test) {}

    /** The next weekday after {@code day} (without a calendar). */
    static LocalDate nextTradingDay(LocalDate day) {
        LocalDate next = day.plusDays(1);
        while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
            next = next.plusDays(1);
        }
        return next;
    }
}
