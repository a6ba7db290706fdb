package io.scalpsignals.udf.features;

import static io.scalpsignals.testing.Ticks.T0;
import static io.scalpsignals.testing.Ticks.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.udf.config.FeatureConfig;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.time.ZoneId;

/** SPEC.md §2 values worked out by hand. */
class FeatureCalculatorTest {

    @Test
    void firstTickHasNoReferencesAndItsOwnVwap() {
        TickFeatures f = new EngineRun().tick(at(0, 100.0, 2.0));

        assertThat(f.vel5s()).isNaN();
        assertThat(f.vel60s()).isNaN();
        assertThat(f.speed30s()).isNaN();
        assertThat(f.ret5m()).isNaN();
        assertThat(f.volumeRatio()).isNaN();
        assertThat(f.vwap()).isEqualTo(100.0);
        assertThat(f.vwapSigma()).isEqualTo(0.0);
        assertThat(f.vwapUpper2()).isEqualTo(100.0);
    }

    @Test
    void referenceIsTheCloseOfTheLatestBucketAtLeastWSecondsBack() {
        EngineRun run = new EngineRun();
        run.tick(at(0, 100.0, 1.0));
        run.tick(at(999, 101.0, 1.0)); // same bucket 0: its close becomes 101

        // bucket 4: B - 5 = -1 holds no bucket yet
        assertThat(run.tick(at(4_999, 103.0, 1.0)).vel5s()).isNaN();
        // bucket 5: B - 5 = 0, close 101
        TickFeatures f = run.tick(at(5_000, 102.0, 1.0));
        assertThat(f.vel5s()).isCloseTo((102.0 - 101.0) / 101.0, within(1e-15));
        assertThat(f.vel15s()).isNaN();
        // bucket 15: ref(5) = bucket 5 (close 102), ref(15) = bucket 0 (close 101)
        TickFeatures g = run.tick(at(15_500, 104.04, 1.0));
        assertThat(g.vel5s()).isCloseTo((104.04 - 102.0) / 102.0, within(1e-15));
        assertThat(g.vel15s()).isCloseTo((104.04 - 101.0) / 101.0, within(1e-15));
    }

    @Test
    void ticksAtEqualTimestampsAreAllAccepted() {
        EngineRun run = new EngineRun();
        run.tick(at(1_000, 100.0, 1.0));
        TickFeatures second = run.tick(at(1_000, 110.0, 3.0));

        // vwap = (100 + 330) / 4; sigma^2 = (1 * 7.5^2 + 3 * 2.5^2) / 4 = 18.75
        assertThat(second.vwap()).isCloseTo(107.5, within(1e-12));
        assertThat(second.vwapSigma()).isCloseTo(Math.sqrt(18.75), within(1e-12));
        assertThat(second.vwapLower1()).isCloseTo(107.5 - Math.sqrt(18.75), within(1e-12));
    }

    @Test
    void sessionVwapRestartsAtUtcMidnight() {
        EngineRun run = new EngineRun();
        run.tick(at(-1_000, 100.0, 1.0)); // 2024-01-01T23:59:59Z
        TickFeatures midnight = run.tick(at(0, 200.0, 1.0)); // 2024-01-02T00:00:00Z
        TickFeatures next = run.tick(at(1, 100.0, 3.0));

        assertThat(midnight.vwap()).isEqualTo(200.0);
        assertThat(midnight.vwapSigma()).isEqualTo(0.0);
        // (200 + 300) / 4 = 125; sigma^2 = (75^2 + 3 * 25^2) / 4 = 1875
        assertThat(next.vwap()).isCloseTo(125.0, within(1e-12));
        assertThat(next.vwapSigma()).isCloseTo(Math.sqrt(1875.0), within(1e-9));
        assertThat(next.vwapUpper2()).isCloseTo(125.0 + 2 * Math.sqrt(1875.0), within(1e-9));
    }

    @Test
    void sessionCanStartAtAnExchangeOpen() {
        FeatureConfig ny = new FeatureConfig(15, ZoneId.of("America/New_York"), LocalTime.of(9, 30), 300, 3900, 300);
        EngineRun run = new EngineRun(ny);
        // 2024-01-02 14:29:59Z is 09:29:59 in New York: still the previous session
        run.tick(Tick.trade("TSLA", T0 + 14 * 3_600_000L + 29 * 60_000L + 59_000L, 240.0, 10.0));
        TickFeatures open = run.tick(Tick.trade("TSLA", T0 + 14 * 3_600_000L + 30 * 60_000L, 250.0, 10.0));

        assertThat(open.vwap()).isEqualTo(250.0);
    }

    @Test
    void volumeRatioComparesTheLastFiveMinutesWithTheHourBefore() {
        EngineRun run = new EngineRun();
        run.tick(at(0, 100.0, 1.0)); // bucket 0, the symbol's first
        run.tick(at(1_000, 100.0, 60.0)); // bucket 1
        run.tick(at(3_600_000, 100.0, 30.0)); // bucket 3600
        run.tick(at(3_601_000, 100.0, 10.0)); // bucket 3601
        // bucket 3899: the first bucket (0) is later than B - 3900 = -1, baseline not covered
        assertThat(run.tick(at(3_899_000, 100.0, 1.0)).volumeRatio()).isNaN();

        TickFeatures f = run.tick(at(3_900_000, 100.0, 5.0));
        // cur = (3601: 10 + 3899: 1 + 3900: 5) / 5 = 3.2 per minute
        // base = (1: 60 + 3600: 30) / 60 = 1.5 per minute (bucket 0 is outside (0, 3600])
        assertThat(f.volumeRatio()).isCloseTo(3.2 / 1.5, within(1e-12));
    }

    @Test
    void volumeRatioIsNullWhenTheBaselineIsEmpty() {
        EngineRun run = new EngineRun();
        run.tick(at(0, 100.0, 1.0));
        // two hours of silence: (B - 3900, B - 300] holds nothing
        TickFeatures f = run.tick(at(7_200_000, 100.0, 1.0));

        assertThat(f.volumeRatio()).isNaN();
        assertThat(f.vel5s()).isNaN();
        assertThat(f.ret5m()).isNaN();
    }

    @Test
    void crashGuardReturnLooksFiveMinutesBack() {
        EngineRun run = new EngineRun();
        run.tick(at(0, 100.0, 1.0));
        run.tick(at(299_999, 99.0, 1.0)); // bucket 299: not yet 300 s back
        assertThat(run.features.get(1).ret5m()).isNaN();

        TickFeatures f = run.tick(at(300_000, 99.4, 1.0));
        assertThat(f.ret5m()).isCloseTo(-0.006, within(1e-12));
        // bucket 299 is less than 5 s back from bucket 300: every window refers to bucket 0
        assertThat(f.vel5s()).isCloseTo(-0.006, within(1e-12));
        assertThat(f.vel60s()).isCloseTo(-0.006, within(1e-12));
    }

    @Test
    void referencesOlderThanTheHistoryHorizonAreDropped() {
        EngineRun run = new EngineRun();
        run.tick(at(0, 100.0, 1.0));
        TickFeatures f = run.tick(at(3_905_000, 110.0, 1.0)); // B - 3900 = 5 > bucket 0

        assertThat(f.vel5s()).isNaN();
        assertThat(run.store.bucketCount()).isZero();
    }

    @Test
    void bucketStoreNeverHoldsMoreThanTheHistory() {
        EngineRun run = new EngineRun();
        for (int s = 0; s < 10_000; s++) {
            run.tick(at(s * 1_000L, 100.0 + s % 7, 1.0));
        }

        // buckets in (B - 3900, B) are kept; the current bucket is in SymbolState
        assertThat(run.store.bucketCount()).isEqualTo(3899);
        // in chunks of 64: 3,899 buckets span 61 or 62 chunks, every older chunk is removed
        assertThat(run.store.chunks()).hasSizeBetween(61, 62);
    }

    @Test
    void quotesAddSpreadAndImbalance() {
        EngineRun run = new EngineRun();
        TickFeatures quoted = run.tick(new Tick("BTCUSDT", T0, 100.0, 1.0, "buy", 99.95, 100.05, 3.0, 1.0));
        TickFeatures bare = run.tick(at(1, 100.0, 1.0));

        assertThat(quoted.spreadPct()).isCloseTo(0.1 / 100.0, within(1e-15));
        assertThat(quoted.imbalance()).isEqualTo(0.5); // (3 - 1) / (3 + 1)
        assertThat(bare.spreadPct()).isNaN();
        assertThat(bare.imbalance()).isNaN();
        // sizes without a bid and an ask are no quotes (SPEC §4): no imbalance
        TickFeatures sizesOnly =
                run.tick(new Tick("BTCUSDT", T0 + 2, 100.0, 1.0, null, Double.NaN, Double.NaN, 3.0, 1.0));
        assertThat(sizesOnly.imbalance()).isNaN();
        // an empty top of book neither
        TickFeatures empty = run.tick(new Tick("BTCUSDT", T0 + 3, 100.0, 1.0, null, 99.95, 100.05, 0.0, 0.0));
        assertThat(empty.imbalance()).isNaN();
    }

    @Test
    void lateTickIsRefused() {
        EngineRun run = new EngineRun();
        run.tick(at(5_000, 100.0, 1.0));

        assertThatThrownBy(() -> run.tick(at(4_999, 100.0, 1.0))).isInstanceOf(IllegalArgumentException.class);
    }
}
