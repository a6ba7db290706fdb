package io.scalpsignals.executor;

import java.util.List;

/** Trading the signal's own instrument: the checks of SPEC.md §7 exactly. */
record LinearMode() implements TradingMode {

    private static final List<EntryCheck> CHECKS = List.of(EntryCheck.STALE_SIGNAL, EntryCheck.NO_PRICE, EntryCheck.LOW_CONFIDENCE,
            EntryCheck.MAX_DAILY_TRADES, EntryCheck.DRAWDOWN_GUARD, EntryCheck.CONSECUTIVE_LOSSES, EntryCheck.COOLDOWN,
            EntryCheck.ONE_WAY, EntryCheck.MAX_POSITIONS);

    @Override
    public List<EntryCheck> checks() {
        return CHECKS;
    }

    @Override
    public boolean riskParametersRequired() {
        return true;
    }
}
