package io.scalpsignals.udf.signals;

import static io.scalpsignals.udf.signals.SignalFixtures.NAN;
import static io.scalpsignals.udf.signals.SignalFixtures.features;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Bar;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.udf.config.RiskProfile;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.triggers.SymbolTick;
import io.scalpsignals.udf.triggers.Triggers;

import org.junit.jupiter.api.Test;

/** momentum_burst, mean_reversion and the confidence formula (SPEC.md §4–§5). */
class TriggersTest {

    private static final StrategyConfig CONFIG = StrategyConfig.defaults();

    private static Bar bar(double close, double rsi, double willr, double high20, double low20) {
        return new Bar(
                "BTCUSDT", 0, close, close, close, close, 1, 1, NAN, NAN, rsi, willr, NAN, NAN, NAN, high20, low20);
    }

    @Test
    void momentumBurstAtTheThresholdsInTheDirectionOfVelocity() {
        assertThat(Triggers.momentumBurst(features(0, 100, 100, 2.0, 0.005, NAN, NAN), CONFIG))
                .isEqualTo(Action.OPEN_LONG);
        assertThat(Triggers.momentumBurst(features(0, 100, 100, 2.0, -0.005, NAN, NAN), CONFIG))
                .isEqualTo(Action.OPEN_SHORT);
    }

    @Test
    void momentumBurstNearMisses() {
        assertThat(Triggers.momentumBurst(features(0, 100, 100, 2.0, 0.0049999, NAN, NAN), CONFIG))
                .isNull();
        assertThat(Triggers.momentumBurst(features(0, 100, 100, 1.9999, 0.01, NAN, NAN), CONFIG))
                .isNull();
        assertThat(Triggers.momentumBurst(features(0, 100, 100, NAN, 0.01, NAN, NAN), CONFIG))
                .isNull();
        assertThat(Triggers.momentumBurst(features(0, 100, 100, 5.0, NAN, NAN, NAN), CONFIG))
                .isNull();
    }

    @Test
    void meanReversionLongAtOversoldNearTheLow() {
        assertThat(Triggers.meanReversion(bar(90.089, 25, -85, 100, 90), CONFIG))
                .isEqualTo(Action.OPEN_LONG);
        assertThat(Triggers.meanReversion(bar(90.089, 25.01, -85, 100, 90), CONFIG))
                .isNull();
        assertThat(Triggers.meanReversion(bar(90.089, 25, -84.99, 100, 90), CONFIG))
                .isNull();
        assertThat(Triggers.meanReversion(bar(90.0901, 25, -85, 100, 90), CONFIG))
                .isNull();
        assertThat(Triggers.meanReversion(bar(90, NAN, -90, 100, 90), CONFIG)).isNull();
    }

    @Test
    void meanReversionShortAtOverboughtNearTheHigh() {
        assertThat(Triggers.meanReversion(bar(99.9, 75, -15, 100, 90), CONFIG)).isEqualTo(Action.OPEN_SHORT);
        assertThat(Triggers.meanReversion(bar(99.89, 75, -15, 100, 90), CONFIG)).isNull();
        assertThat(Triggers.meanReversion(bar(99.9, 74.99, -15, 100, 90), CONFIG))
                .isNull();
        assertThat(Triggers.meanReversion(bar(99.9, 80, -10, NAN, NAN), CONFIG)).isNull();
    }

    @Test
    void confidenceAddsRoundedVolumeAndVelocityTerms() {
        // 60 + round(10 * 1.0) + round(5.4) = 75
        assertThat(Triggers.confidence(Trigger.MOMENTUM_BURST, features(0, 1, 1, 2.0, 0.0054, NAN, NAN), CONFIG))
                .isEqualTo(75);
        // 55 + round(2.5) half up = 3 + round(0.5) = 1
        assertThat(Triggers.confidence(Trigger.BREAKOUT, features(0, 1, 1, 1.25, -0.0005, NAN, NAN), CONFIG))
                .isEqualTo(59);
        // a volume ratio below 1 adds 0, an undefined one too
        assertThat(Triggers.confidence(Trigger.VWAP_REJECTION, features(0, 1, 1, 0.5, NAN, NAN, NAN), CONFIG))
                .isEqualTo(55);
        assertThat(Triggers.confidence(Trigger.MEAN_REVERSION, features(0, 1, 1, NAN, NAN, NAN, NAN), CONFIG))
                .isEqualTo(50);
        // each term is capped at 20, the total at 100
        assertThat(Triggers.confidence(Trigger.MOMENTUM_BURST, features(0, 1, 1, 9.0, 0.1, NAN, NAN), CONFIG))
                .isEqualTo(100);
        assertThat(Triggers.confidence(Trigger.MEAN_REVERSION, features(0, 1, 1, 9.0, 0.1, NAN, NAN), CONFIG))
                .isEqualTo(90);
        // book_imbalance: 55 + round(10 * 0.5) + round(1.5) half up = 2
        assertThat(Triggers.confidence(Trigger.BOOK_IMBALANCE, features(0, 1, 1, 1.5, -0.0015, NAN, NAN), CONFIG))
                .isEqualTo(62);
    }

    @Test
    void bookImbalanceHoldsSetsUpAndConfirmsAtItsThresholds() {
        // imbalance -0.6, spread 0.0005, volume ratio 1.5: each at its limit, a short confirms
        SymbolTick edge = SignalFixtures.bookTick(0, -0.6, 0.0005, 1.5, 0);
        assertThat(Triggers.confirmsImbalance(edge, Action.OPEN_SHORT, CONFIG)).isTrue();
        assertThat(Triggers.holdsImbalance(edge, Action.OPEN_LONG, CONFIG)).isFalse();
        assertThat(Triggers.confirmsImbalance(
                        SignalFixtures.bookTick(0, 0.6, 0.0005, 1.5, 0), Action.OPEN_LONG, CONFIG))
                .isTrue();
        // just short of each threshold
        SymbolTick weak = SignalFixtures.bookTick(0, -0.5999, 0.0002, 2.5, 0);
        assertThat(Triggers.holdsImbalance(weak, Action.OPEN_SHORT, CONFIG)).isFalse();
        SymbolTick wide = SignalFixtures.bookTick(0, -0.9, 0.00051, 2.5, 0);
        assertThat(Triggers.holdsImbalance(wide, Action.OPEN_SHORT, CONFIG)).isTrue();
        assertThat(Triggers.isImbalanceSetup(wide, Action.OPEN_SHORT, CONFIG)).isFalse();
        SymbolTick quiet = SignalFixtures.bookTick(0, -0.9, 0.0002, 1.4999, 0);
        assertThat(Triggers.isImbalanceSetup(quiet, Action.OPEN_SHORT, CONFIG)).isTrue();
        assertThat(Triggers.confirmsImbalance(quiet, Action.OPEN_SHORT, CONFIG)).isFalse();
        // a tick without quotes holds nothing
        SymbolTick none = SignalFixtures.bookTick(0, NAN, NAN, 2.5, 0);
        assertThat(Triggers.holdsImbalance(none, Action.OPEN_SHORT, CONFIG)).isFalse();
        assertThat(Triggers.holdsImbalance(none, Action.OPEN_LONG, CONFIG)).isFalse();
    }

    @Test
    void cryptoPerpRiskByConfidence() {
        assertThat(RiskProfile.CRYPTO_PERP.forConfidence(85))
                .isEqualTo(new RiskProfile.Params(0.025, 0.015, 1500, 5.0, 0.15, 900, 0.01, 0.005));
        assertThat(RiskProfile.CRYPTO_PERP.forConfidence(84).tpPct()).isEqualTo(0.020);
        assertThat(RiskProfile.CRYPTO_PERP.forConfidence(70).timeInTradeLimitSec())
                .isEqualTo(2100);
        assertThat(RiskProfile.CRYPTO_PERP.forConfidence(69))
                .isEqualTo(new RiskProfile.Params(0.0125, 0.0125, 3000, 5.0, 0.15, 900, 0.01, 0.005));
        assertThat(RiskProfile.SCALP_BPS.forConfidence(99))
                .isEqualTo(new RiskProfile.Params(0.0005, 0.0002, 300, 1.0, 0.005, 900, 0.01, 0.005));
        assertThat(RiskProfile.OPTIONS_0DTE.forConfidence(50))
                .isEqualTo(new RiskProfile.Params(0.30, 0.15, 900, 1.0, 0.05, 900, 0.01, 0.005));
    }
}
