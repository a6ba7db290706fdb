package io.scalpsignals.executor;

import io.scalpsignals.executor.options.OptionsConfig;

import javax.annotation.Nullable;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * Options scalps on the signal's underlying (README "Options scalping"): no NO_PRICE (the
 * underlying is not traded) and no per-symbol COOLDOWN (a scalp's cooldown is LOSS_COOLDOWN), and
 * three checks of its own: MAX_DAILY_SCALPS (per exchange day in the options' time zone),
 * LOSS_COOLDOWN and MAX_CONCURRENT_SCALPS. A call and a put on one underlying are opposite views,
 * so ONE_WAY and ALREADY_OPEN apply per underlying.
 */
final class OptionsMode implements TradingMode {

    private final OptionsConfig options;
    private final List<EntryCheck> checks;

    OptionsMode(OptionsConfig options) {
        this.options = options;
        this.checks = List.of(EntryCheck.STALE_SIGNAL, EntryCheck.LOW_CONFIDENCE, EntryCheck.MAX_DAILY_TRADES, this::maxDailyScalps,
                EntryCheck.DRAWDOWN_GUARD, EntryCheck.CONSECUTIVE_LOSSES, this::lossCooldown, this::maxConcurrentScalps,
                EntryCheck.ONE_WAY, EntryCheck.MAX_POSITIONS);
    }

    @Override
    public List<EntryCheck> checks() {
        return checks;
    }

    @Override
    public boolean riskParametersRequired() {
        return false;
    }

    /** The exchange day of {@code ts} in {@code zone}, epoch days (what MAX_DAILY_SCALPS counts per). */
    static long exchangeDay(long ts, ZoneId zone) {
        return Instant.ofEpochMilli(ts).atZone(zone).toLocalDate().toEpochDay();
    }

    @Nullable
    private Decision maxDailyScalps(EntryCheck.Context c) {
        Ledger l = c.ledger();
        return (l.scalpDay == exchangeDay(c.now(), options.zone()) ? l.dayScalps : 0) >= options.maxDailyScalps()
                ? Decision.MAX_DAILY_SCALPS : null;
    }

    @Nullable
    private Decision lossCooldown(EntryCheck.Context c) {
        long until = c.ledger().scalpCooldownUntil;
        return until != Long.MIN_VALUE && c.now() < until ? Decision.LOSS_COOLDOWN : null;
    }

    @Nullable
    private Decision maxConcurrentScalps(EntryCheck.Context c) {
        return c.positions().stream().filter(Position::isOption).count() >= options.maxConcurrentScalps()
                ? Decision.MAX_CONCURRENT_SCALPS : null;
    }
}
