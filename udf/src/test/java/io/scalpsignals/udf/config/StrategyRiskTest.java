package io.scalpsignals.udf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.model.Trigger;

import org.junit.jupiter.api.Test;

/** SPEC.md §5's risk parameters as strategy keys: the profile's unless set, per band or for all. */
class StrategyRiskTest {

    @Test
    void unsetKeysKeepTheProfilesValues() {
        StrategyConfig c = StrategyConfig.defaults().validate();

        for (int confidence : new int[] {50, 69, 70, 84, 85, 100}) {
            assertThat(c.risk(confidence)).isEqualTo(RiskProfile.CRYPTO_PERP.forConfidence(confidence));
        }
    }

    @Test
    void aBandKeyWinsOverTheAllBandKeyOnlyInItsBand() {
        StrategyConfig c = StrategyConfig.defaults();
        c.tpPct = 0.03;
        c.tpPctHigh = 0.05;
        c.leverage = 3.0;
        c.timeInTradeLimitSecLow = 600L;
        c.validate();

        assertThat(c.risk(90).tpPct()).isEqualTo(0.05);
        assertThat(c.risk(75).tpPct()).isEqualTo(0.03);
        assertThat(c.risk(60).tpPct()).isEqualTo(0.03);
        assertThat(c.risk(60).timeInTradeLimitSec()).isEqualTo(600);
        assertThat(c.risk(75).timeInTradeLimitSec()).isEqualTo(2100);
        assertThat(c.risk(75).slPct()).isEqualTo(0.015);
        assertThat(c.risk(75).leverage()).isEqualTo(3.0);
        assertThat(c.risk(75).sizePct()).isEqualTo(0.15);
    }

    @Test
    void aTakeProfitThatDoesNotPayForTheRoundTripIsNamedWithItsNumbers() {
        double roundTrip = 2 * 0.00055 + 2 * 0.0002; // 0.0015 of the notional
        StrategyConfig bps = StrategyConfig.defaults();
        bps.profile = "scalp-bps";
        bps.validate();
        StrategyConfig perp = StrategyConfig.defaults().validate();
        StrategyConfig lowBand = StrategyConfig.defaults();
        lowBand.tpPctLow = 0.0075; // exactly 0.0015 x leverage 5
        lowBand.validate();

        assertThat(bps.unprofitableBands(roundTrip))
                .containsExactly(
                        "confidence 85..100, 70..84, 0..69: take profit 0.0005 ROI <= round-trip cost 0.0015 ROI"
                                + " (0.0015 of the notional x leverage 1)");
        assertThat(perp.unprofitableBands(roundTrip)).isEmpty();
        assertThat(lowBand.unprofitableBands(roundTrip))
                .containsExactly(
                        "confidence 0..69: take profit 0.0075 ROI <= round-trip cost 0.0075 ROI (0.0015 of the notional x leverage 5)");
    }

    @Test
    void outOfDomainValuesAreNamed() {
        StrategyConfig size = StrategyConfig.defaults();
        size.sizePct = 1.5;
        StrategyConfig sl = StrategyConfig.defaults();
        sl.slPctMid = 0.0;

        assertThatThrownBy(size::validate).hasMessageContaining("size_pct").hasMessageContaining("1.5");
        assertThatThrownBy(sl::validate).hasMessageContaining("sl_pct_mid");
        StrategyConfig window = StrategyConfig.defaults();
        window.bookImbalancePersistMs = 10_000;
        assertThatThrownBy(window::validate)
                .hasMessage("book_imbalance_window_sec: must be longer than book_imbalance_persist_ms"
                        + " (else nothing can confirm within it), got 10");
        StrategyConfig min = StrategyConfig.defaults();
        min.bookImbalanceMin = 1.2;
        assertThatThrownBy(min::validate)
                .hasMessageContaining("book_imbalance_min")
                .hasMessageContaining("1.2");
    }

    @Test
    void aTriggersOwnKeysWinForItsSignalsOnly() {
        StrategyConfig c = StrategyConfig.defaults();
        c.tpPct = 0.03;
        c.tpPctHigh = 0.05;
        c.tpPctBreakout = 0.006;
        c.sizePctBreakout = 0.02;
        c.timeInTradeLimitSecBreakout = 900L;
        c.validate();

        // breakout: its own tp, size and time limit in every band; its stop loss and leverage the profile's
        assertThat(c.risk(Trigger.BREAKOUT, 90))
                .isEqualTo(new RiskProfile.Params(0.006, 0.015, 900, 5.0, 0.02, 900, 0.01, 0.005));
        assertThat(c.risk(Trigger.BREAKOUT, 60).tpPct()).isEqualTo(0.006);
        // the other triggers as before: the band key, then the all-band key
        assertThat(c.risk(Trigger.MOMENTUM_BURST, 90)).isEqualTo(c.risk(90));
        assertThat(c.risk(Trigger.VWAP_REJECTION, 90).tpPct()).isEqualTo(0.05);
        assertThat(c.risk(Trigger.MEAN_REVERSION, 60).tpPct()).isEqualTo(0.03);
        assertThat(c.risk(Trigger.MEAN_REVERSION, 60).sizePct()).isEqualTo(0.15);
        c.slPctMeanReversion = 0.004;
        assertThat(c.validate().risk(Trigger.MEAN_REVERSION, 90).slPct()).isEqualTo(0.004);
        assertThat(c.risk(Trigger.BREAKOUT, 90).slPct()).isEqualTo(0.015);
    }

    @Test
    void aTriggersTakeProfitUnderTheRoundTripAndItsBadValuesAreNamedWithTheTrigger() {
        double roundTrip = 2 * 0.00055 + 2 * 0.0002;
        StrategyConfig c = StrategyConfig.defaults();
        c.tpPctMeanReversion = 0.005; // under 0.0015 x leverage 5
        c.validate();
        StrategyConfig size = StrategyConfig.defaults();
        size.sizePctVwapRejection = 0.0;

        assertThat(c.unprofitableBands(roundTrip))
                .containsExactly("confidence 85..100, 70..84, 0..69: take profit (mean_reversion) 0.005 ROI"
                        + " <= round-trip cost 0.0075 ROI (0.0015 of the notional x leverage 5)");
        assertThatThrownBy(size::validate).hasMessageContaining("size_pct_vwap_rejection");
    }
}
