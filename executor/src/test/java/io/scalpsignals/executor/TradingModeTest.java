package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionChain;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateStore;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.annotation.Nullable;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The entry checks both trading modes share, run through each mode's own list: a context in which
 * exactly the named rule is broken gives that rule's reason in both modes, and a context in which
 * nothing is broken passes in both. (The mode-specific checks have their scenarios in {@code
 * EngineScenarioTest} and {@code OptionsScalpScenarioTest}.)
 */
class TradingModeTest {

    private static final long NOW = Scenario.T0 + 60_000;
    private static final ExecutorConfig CONFIG = ExecutorConfig.defaults();

    @TempDir
    Path dir;

    static Stream<Arguments> sharedRules() {
        List<Arguments> out = new ArrayList<>();
        for (TradingMode mode : List.of(
                new LinearMode(CONFIG), new OptionsMode(OptionsConfig.defaults(), CONFIG, new OptionChain(), null))) {
            out.add(Arguments.of(mode, null, (Consumer<Setup>) s -> {}));
            out.add(Arguments.of(mode, RejectReason.PAUSED, (Consumer<Setup>) s -> {
                s.ledger.paused = true;
                s.signalTs = NOW - 31_000; // a pause decides before any other rule
            }));
            out.add(Arguments.of(mode, RejectReason.STALE_SIGNAL, (Consumer<Setup>) s -> s.signalTs = NOW - 31_000));
            out.add(Arguments.of(mode, RejectReason.LOW_CONFIDENCE, (Consumer<Setup>) s -> s.confidence = 49));
            out.add(Arguments.of(mode, RejectReason.MAX_DAILY_TRADES, (Consumer<Setup>) s -> {
                s.ledger.day = Math.floorDiv(NOW, 86_400_000L);
                s.ledger.dayTrades = CONFIG.maxDailyTrades();
            }));
            out.add(Arguments.of(mode, RejectReason.DRAWDOWN_GUARD, (Consumer<Setup>)
                    s -> s.ledger.peakEquity = new BigDecimal("20000")));
            out.add(Arguments.of(mode, RejectReason.CONSECUTIVE_LOSSES, (Consumer<Setup>)
                    s -> s.ledger.lossCooldownUntil = NOW + 1));
            out.add(Arguments.of(
                    mode, RejectReason.ONE_WAY, (Consumer<Setup>) s -> s.positions.add(position("TSLA", -1))));
            out.add(Arguments.of(
                    mode, RejectReason.ALREADY_OPEN, (Consumer<Setup>) s -> s.positions.add(position("TSLA", 1))));
            out.add(Arguments.of(mode, RejectReason.MAX_POSITIONS, (Consumer<Setup>) s -> {
                for (int i = 0; i < CONFIG.maxPositions(); i++) {
                    s.positions.add(position("OTHER" + i, 1));
                }
            }));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("sharedRules")
    void aSharedRuleDecidesAlikeInBothModes(
            TradingMode mode, @Nullable RejectReason expected, Consumer<Setup> breakRule) {
        try (StateStore store = StateStore.open(dir)) {
            store.setLastPrice("TSLA", 250.0); // NO_PRICE passes in the linear mode
            Setup s = new Setup();
            breakRule.accept(s);
            SignalMessage signal = new SignalMessage(
                    Scenario.id("a"),
                    "TSLA",
                    SignalMessage.Action.OPEN_LONG,
                    s.signalTs,
                    250.0,
                    s.confidence,
                    1.0,
                    0.05,
                    0.3,
                    0.15,
                    900,
                    900,
                    0.0,
                    0.0,
                    null);
            EntryCheck.Context c = new EntryCheck.Context(
                    signal, s.ledger, NOW, s.positions, Map.of(), null, store, CONFIG, s.ledger.balance);

            assertThat(firstFailed(mode, c)).isEqualTo(expected);
        }
    }

    @Nullable
    private static RejectReason firstFailed(TradingMode mode, EntryCheck.Context c) {
        for (EntryCheck check : mode.checks()) {
            RejectReason d = check.check(c);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static Position position(String symbol, int direction) {
        return new Position(
                symbol,
                direction,
                Scenario.id(symbol),
                250.0,
                1.0,
                new BigDecimal("100"),
                BigDecimal.ZERO,
                1.0,
                NOW - 1_000,
                0.3,
                0.15,
                900,
                900,
                0.0,
                0.0,
                0.0);
    }

    /** What a test breaks: the signal's time and confidence, the ledger, the open positions. */
    static final class Setup {
        long signalTs = NOW - 1_000;
        int confidence = 72;
        final Ledger ledger = new Ledger(CONFIG.startingBalance());
        final List<Position> positions = new ArrayList<>();
    }
}
