package io.scalpsignals.udf.signals;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.Trigger;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.testing.SharedData;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.features.FeatureCalculator;
import io.scalpsignals.udf.features.InMemorySymbolStore;
import io.scalpsignals.udf.state.SymbolState;
import io.scalpsignals.udf.triggers.SymbolTick;

import org.apache.flink.cep.pattern.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * {@link KeyedNfa} (the patterns in each symbol's own event time, as the per-symbol operator runs
 * them) finds exactly the matches of Flink's own {@code CepOperator} in event time with a
 * watermark after every tick of a single key ({@link CepRun}), for all six patterns, over every
 * tick and over the reduced feeds, on seeded random streams and on the real trades of {@code
 * ../shared/data}. {@code KeyedNfa} relies on flink-cep classes without a stability annotation;
 * this test is what fails when a Flink upgrade changes them.
 */
class KeyedNfaTest {

    private static final StrategyConfig CONFIG = StrategyConfig.defaults();

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void sameMatchesAsCepOperatorOnRandomStreams(long seed) throws Exception {
        Random r = new Random(seed);
        int matches = sameMatchesAsCepOperator(SignalFixtures.withBook(SignalFixtures.randomTicks(r, 3_000, true), r));

        assertThat(matches)
                .as("matches found, so the comparison means something")
                .isGreaterThan(20);
    }

    @Test
    void sameMatchesAsCepOperatorOnRealBinanceFuturesTrades() throws Exception {
        List<Tick> ticks = SharedData.ticks(SharedData.file(SharedData.TARDIS_BTCUSDT), TickFormat.TARDIS);

        assertThat(sameMatchesAsCepOperator(symbolTicks(ticks))).isPositive();
    }

    @Test
    void sameMatchesAsCepOperatorOnRealBinanceSpotTrades() throws Exception {
        List<Tick> ticks = SharedData.ticks(SharedData.file(SharedData.FREQTRADE_XRP_ETH), TickFormat.FREQTRADE);

        assertThat(sameMatchesAsCepOperator(symbolTicks(ticks))).isGreaterThan(10);
    }

    /**
     * Compares both runners on every pattern, over all ticks and over the feeds.
     *
     * @return the number of matches found over all ticks
     */
    private static int sameMatchesAsCepOperator(List<SymbolTick> ticks) throws Exception {
        PatternFeedTest.Feeds feeds = PatternFeedTest.feeds(ticks);
        int matches = 0;
        for (Action a : Action.values()) {
            for (Trigger trigger : PatternFeedTest.CEP_TRIGGERS) {
                Pattern<SymbolTick, SymbolTick> pattern = PatternFeedTest.pattern(trigger, a);
                List<SymbolTick> fed = feeds.of(trigger, a);
                List<Candidate> all = NfaRun.run(pattern, trigger, a, ticks);

                assertThat(all)
                        .as(trigger + " " + a + " over all ticks")
                        .isEqualTo(CepRun.run(pattern, trigger, a, ticks));
                assertThat(NfaRun.run(pattern, trigger, a, fed))
                        .as(trigger + " " + a + " over the feed")
                        .isEqualTo(CepRun.run(pattern, trigger, a, fed))
                        .isEqualTo(all);
                matches += all.size();
            }
        }
        return matches;
    }

    /** One symbol's ticks with their features and breakout levels, as the per-symbol operator makes them. */
    private static List<SymbolTick> symbolTicks(List<Tick> ticks) {
        FeatureCalculator engine = new FeatureCalculator(CONFIG.features());
        SymbolState s = engine.newState();
        InMemorySymbolStore store = new InMemorySymbolStore();
        List<SymbolTick> out = new ArrayList<>(ticks.size());
        for (Tick t : ticks) {
            if (t.ts() >= s.lastTs) {
                engine.onTick(t, s, store, store);
                out.add(new SymbolTick(engine.features(t, s), s.levelHigh, s.levelLow, s.seq++));
            }
        }
        return out;
    }
}
