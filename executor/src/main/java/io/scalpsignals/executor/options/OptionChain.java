package io.scalpsignals.executor.options;

import javax.annotation.Nullable;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The latest quote of every option contract, refreshed as snapshots arrive: a quote replaces the
 * contract's previous one when its {@code ts} is not older. Quotes are kept per underlying; how old
 * a quote may be when a decision uses it is the selector's business ({@link
 * OptionsConfig#maxChainAgeSec()}). Bounded by the contracts quoted that have not expired: {@link
 * #expire} drops the others once a day.
 */
public final class OptionChain {

    private final Map<String, Map<String, OptionQuote>> byUnderlying = new HashMap<>();

    @Nullable
    private LocalDate today;

    /** The day of the last {@link #expire}, or null before the first. */
    @Nullable
    public LocalDate today() {
        return today;
    }

    /**
     * Drops the contracts that expired before {@code day} but those in {@code held}, when it is a
     * new day; else does nothing. Selection ignores expired quotes anyway: this bounds memory.
     *
     * @param held option symbols of the scalps open, still marked at their last quote
     */
    public void expire(LocalDate day, Collection<String> held) {
        if (day.equals(today)) {
            return;
        }
        today = day;
        byUnderlying
                .values()
                .forEach(contracts ->
                        contracts.values().removeIf(q -> q.expiry().isBefore(day) && !held.contains(q.optionSymbol())));
    }

    /** Adds a snapshot's quote; an older quote of the same contract than the one held is ignored. */
    public void add(OptionQuote q) {
        byUnderlying
                .computeIfAbsent(q.underlying(), u -> new HashMap<>())
                .merge(q.optionSymbol(), q, (held, fresh) -> fresh.ts() >= held.ts() ? fresh : held);
    }

    /** The latest quote of {@code contract} on {@code underlying}, if any arrived. */
    public Optional<OptionQuote> latest(String underlying, String contract) {
        return Optional.ofNullable(
                byUnderlying.getOrDefault(underlying, Map.of()).get(contract));
    }

    /** The latest quote of every contract on {@code underlying}, in no particular order. */
    public List<OptionQuote> quotes(String underlying) {
        return new ArrayList<>(byUnderlying.getOrDefault(underlying, Map.of()).values());
    }
}
