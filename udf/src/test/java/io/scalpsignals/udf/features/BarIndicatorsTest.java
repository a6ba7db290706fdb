package io.scalpsignals.udf.features;

import static io.scalpsignals.testing.Ticks.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.scalpsignals.model.Bar;

import org.junit.jupiter.api.Test;

import java.util.List;

/** SPEC.md §3 indicators on bar sequences worked out by hand (15 s bars). */
class BarIndicatorsTest {

    /** One single-trade bar per close, 15 s apart, size 1; the last bar closed at the end. */
    private static List<Bar> bars(double... closes) {
        EngineRun run = new EngineRun();
        for (int i = 0; i < closes.length; i++) {
            run.tick(at(i * 15_000L, closes[i], 1.0));
        }
        run.end();
        return run.bars;
    }

    @Test
    void barClosesWhenATickOfALaterBarArrivesAndAtTheEnd() {
        EngineRun run = new EngineRun();
        run.tick(at(0, 100.0, 1.0));
        run.tick(at(14_999, 102.0, 2.0));
        assertThat(run.bars).isEmpty();
        run.tick(at(45_000, 101.0, 1.0)); // bars without ticks do not exist
        assertThat(run.bars).hasSize(1);
        run.end();

        Bar first = run.bars.get(0);
        assertThat(first.barStart()).isEqualTo(io.scalpsignals.testing.Ticks.T0);
        assertThat(first.open()).isEqualTo(100.0);
        assertThat(first.high()).isEqualTo(102.0);
        assertThat(first.low()).isEqualTo(100.0);
        assertThat(first.close()).isEqualTo(102.0);
        assertThat(first.volume()).isEqualTo(3.0);
        assertThat(first.trades()).isEqualTo(2);
        assertThat(run.bars.get(1).barStart()).isEqualTo(io.scalpsignals.testing.Ticks.T0 + 45_000);
    }

    @Test
    void rsiStartsOnBarEightWithSimpleMeansThenWilderSmoothing() {
        List<Bar> b = bars(1, 2, 3, 4, 5, 6, 7, 8, 7);

        assertThat(b.get(6).rsi7()).isNaN(); // bar 7: 6 changes
        assertThat(b.get(7).rsi7()).isEqualTo(100.0); // bar 8: 7 gains, average loss 0
        // bar 9: gain (6*1 + 0)/7, loss (6*0 + 1)/7, RS = 6, RSI = 100 - 100/7
        assertThat(b.get(8).rsi7()).isCloseTo(100.0 - 100.0 / 7.0, within(1e-12));
    }

    @Test
    void emaIsSeededWithTheMeanOfTheFirstCloses() {
        List<Bar> b = bars(1, 2, 3, 4, 5);

        assertThat(b.get(1).ema3()).isNaN();
        assertThat(b.get(2).ema3()).isEqualTo(2.0); // (1+2+3)/3
        assertThat(b.get(3).ema3()).isEqualTo(3.0); // 0.5*4 + 0.5*2
        assertThat(b.get(3).ema5()).isNaN();
        assertThat(b.get(4).ema5()).isEqualTo(3.0); // (1+2+3+4+5)/5
        assertThat(b.get(4).ema8()).isNaN();
    }

    @Test
    void williamsRIsNullOnFlatHighsAndLows() {
        List<Bar> flat = bars(5, 5, 5, 5, 5, 5, 5);
        List<Bar> moving = bars(5, 5, 5, 5, 5, 5, 9, 6);

        assertThat(flat.get(5).willr7()).isNaN(); // window not full
        assertThat(flat.get(6).willr7()).isNaN(); // HH7 == LL7
        assertThat(moving.get(6).willr7()).isEqualTo(0.0); // close at the high
        // bar 8: HH 9, LL 5 over bars 2..8, close 6: -100 * 3 / 4
        assertThat(moving.get(7).willr7()).isEqualTo(-75.0);
    }

    @Test
    void donchianLevelsComeFromTheTwentyBarsBefore() {
        double[] closes = new double[22];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = 100 + i; // bar i+1 closes at 100+i
        }
        closes[21] = 50; // bar 22 falls far below: its own low is not in its levels
        List<Bar> b = bars(closes);

        assertThat(b.get(19).donchianHigh20()).isNaN(); // bar 20: 19 bars before it
        assertThat(b.get(20).donchianHigh20()).isEqualTo(119.0); // bar 21: bars 1..20
        assertThat(b.get(20).donchianLow20()).isEqualTo(100.0);
        assertThat(b.get(21).donchianHigh20()).isEqualTo(120.0); // bar 22: bars 2..21
        assertThat(b.get(21).donchianLow20()).isEqualTo(101.0);
    }

    @Test
    void vwap20WeighsTheTradesOfTheLastTwentyBars() {
        EngineRun run = new EngineRun();
        for (int i = 0; i < 20; i++) {
            // bar i: one trade at 100 size 1, and in bar 19 a second trade at 200 size 3
            run.tick(at(i * 15_000L, 100.0, 1.0));
        }
        run.tick(at(19 * 15_000L + 1, 200.0, 3.0));
        run.end();

        assertThat(run.bars.get(18).vwap20()).isNaN();
        // (20 * 100 + 3 * 200) / 23
        assertThat(run.bars.get(19).vwap20()).isCloseTo(2600.0 / 23.0, within(1e-12));
        assertThat(run.bars.get(19).vwap50()).isNaN();
    }
}
