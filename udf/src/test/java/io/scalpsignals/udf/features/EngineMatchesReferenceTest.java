package io.scalpsignals.udf.features;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Bar;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.testing.ReferenceBars;
import io.scalpsignals.testing.ReferenceFeatures;
import io.scalpsignals.testing.Ticks;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The engine's cursors and running sums against the plain reference implementation, tick by
 * tick, on seeded random sequences with bursts, equal timestamps, bucket and bar boundaries,
 * gaps longer than the history, and session rollovers. Tolerances of SPEC.md §2.
 */
class EngineMatchesReferenceTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void everyFeatureAndBarMatchesTheReference(long seed) {
        List<Tick> ticks = randomTicks(new Random(seed), 2_500);
        EngineRun run = EngineRun.of(ticks);
        run.end();

        for (int i = 0; i < ticks.size(); i++) {
            TickFeatures want = ReferenceFeatures.at(ticks, i);
            TickFeatures got = run.features.get(i);
            String at = "tick " + i + " ts " + ticks.get(i).ts();
            assertClose(at + " vel_5s", got.vel5s(), want.vel5s(), 1e-9);
            assertClose(at + " vel_15s", got.vel15s(), want.vel15s(), 1e-9);
            assertClose(at + " vel_30s", got.vel30s(), want.vel30s(), 1e-9);
            assertClose(at + " vel_60s", got.vel60s(), want.vel60s(), 1e-9);
            assertClose(at + " speed_30s", got.speed30s(), want.speed30s(), 1e-9);
            assertClose(at + " ret_5m", got.ret5m(), want.ret5m(), 1e-9);
            assertClose(at + " volume_ratio", got.volumeRatio(), want.volumeRatio(), 1e-6);
            assertClose(at + " vwap", got.vwap(), want.vwap(), 1e-9);
            // sigma is a difference of prices: near 0 compare at the precision of the prices
            assertThat(Math.abs(got.vwapSigma() - want.vwapSigma()))
                    .as(at + " vwap_sigma got " + got.vwapSigma() + " want " + want.vwapSigma())
                    .isLessThanOrEqualTo(1e-6 * Math.max(want.vwapSigma(), 1e-6 * want.vwap()));
        }

        List<Bar> wantBars = ReferenceBars.of(ticks, 15_000);
        assertThat(run.bars).hasSize(wantBars.size());
        for (int i = 0; i < wantBars.size(); i++) {
            Bar w = wantBars.get(i);
            Bar g = run.bars.get(i);
            String at = "bar " + i;
            assertThat(g.barStart()).as(at).isEqualTo(w.barStart());
            assertThat(g.trades()).as(at).isEqualTo(w.trades());
            assertClose(at + " open", g.open(), w.open(), 1e-12);
            assertClose(at + " high", g.high(), w.high(), 1e-12);
            assertClose(at + " low", g.low(), w.low(), 1e-12);
            assertClose(at + " close", g.close(), w.close(), 1e-12);
            assertClose(at + " volume", g.volume(), w.volume(), 1e-9);
            assertClose(at + " vwap_20", g.vwap20(), w.vwap20(), 1e-9);
            assertClose(at + " vwap_50", g.vwap50(), w.vwap50(), 1e-9);
            assertClose(at + " rsi_7", g.rsi7(), w.rsi7(), 1e-6);
            assertClose(at + " willr_7", g.willr7(), w.willr7(), 1e-6);
            assertClose(at + " ema_3", g.ema3(), w.ema3(), 1e-9);
            assertClose(at + " ema_5", g.ema5(), w.ema5(), 1e-9);
            assertClose(at + " ema_8", g.ema8(), w.ema8(), 1e-9);
            assertClose(at + " donchian_high_20", g.donchianHigh20(), w.donchianHigh20(), 1e-12);
            assertClose(at + " donchian_low_20", g.donchianLow20(), w.donchianLow20(), 1e-12);
        }
    }

    /** Relative tolerance; NaN (null) must match NaN. */
    static void assertClose(String what, double got, double want, double rel) {
        if (Double.isNaN(want)) {
            assertThat(got).as(what).isNaN();
        } else {
            assertThat(got).as(what).isNotNaN();
            assertThat(Math.abs(got - want))
                    .as(what + " got " + got + " want " + want)
                    .isLessThanOrEqualTo(rel * Math.max(Math.abs(want), 1e-300));
        }
    }

    private static List<Tick> randomTicks(Random r, int n) {
        List<Tick> out = new ArrayList<>(n);
        long ts = Ticks.T0 - 3_000_000L; // crosses UTC midnight
        double price = 100.0;
        for (int i = 0; i < n; i++) {
            double gap = r.nextDouble();
            if (gap < 0.15) {
                ts += 0; // equal timestamps
            } else if (gap < 0.6) {
                ts += r.nextInt(1_500);
            } else if (gap < 0.95) {
                ts += r.nextInt(20_000);
            } else if (gap < 0.99) {
                ts += 200_000 + r.nextInt(400_000);
            } else {
                ts += 3_800_000 + r.nextInt(400_000); // around the history horizon
            }
            price = Math.max(1.0, price * (1 + (r.nextGaussian() * 0.002)));
            double rounded = Math.round(price * 100) / 100.0;
            double size = r.nextDouble() < 0.1 ? 50 * r.nextDouble() : 0.001 + r.nextDouble();
            out.add(Tick.trade("BTCUSDT", ts, rounded, size));
        }
        return out;
    }
}
