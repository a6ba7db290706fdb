package io.scalpsignals.executor;

import java.util.List;

/**
 * What an open trades: the signal's own instrument ({@link LinearMode}: perpetuals, spot) or an
 * option contract on it ({@link OptionsMode}: options scalps). A mode names its entry checks, in
 * order, and whether a signal must carry its own risk parameters; the {@link Engine} runs them and
 * everything the two share (clock, monitor, exits, ledger, journal).
 */
sealed interface TradingMode permits LinearMode, OptionsMode {

    /** The checks of a new intent, in the order they are applied (the first that fails decides). */
    List<EntryCheck> checks();

    /** Whether an open signal must carry valid {@code size_pct}, {@code tp_pct}, ... (a scalp takes the options' own). */
    boolean riskParametersRequired();
}
