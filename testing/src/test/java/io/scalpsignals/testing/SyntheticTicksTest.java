package io.scalpsignals.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.Tick;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The generator the benchmarks rest on: seeded, ordered, many symbols, bursts and gaps. */
class SyntheticTicksTest {

    /** Generated once for the class, not once per test. */
    private static final List<Tick> ticks = new SyntheticTicks(100, 200, 42, 1_700_000_000_000L).list(200_000);

    @Test
    void theSameSeedGivesTheSameTicksInTsOrder() {
        assertThat(new SyntheticTicks(100, 200, 42, 1_700_000_000_000L).list(200_000))
                .isEqualTo(ticks);
        assertThat(new SyntheticTicks(100, 200, 43, 1_700_000_000_000L).list(1_000))
                .isNotEqualTo(ticks.subList(0, 1_000));
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i).ts())
                    .isGreaterThanOrEqualTo(ticks.get(i - 1).ts());
        }
    }

    @Test
    void pricesSpanVenueScalesWithFiveSignificantDigits() {
        double min = ticks.stream().mapToDouble(Tick::price).min().orElseThrow();
        double max = ticks.stream().mapToDouble(Tick::price).max().orElseThrow();
        assertThat(min).isLessThan(1.0);
        assertThat(max).isGreaterThan(1_000.0);
        assertThat(ticks)
                .allSatisfy(t -> assertThat(SyntheticTicks.round(t.price())).isEqualTo(t.price()));
        assertThat(SyntheticTicks.round(12_345.678)).isEqualTo(12_346.0);
        assertThat(SyntheticTicks.round(0.0123456)).isEqualTo(0.012346);
    }

    @Test
    void symbolsHaveBurstsOfFastMovesAndGapsOfSilence() {
        Map<String, Tick> last = new HashMap<>();
        Set<String> moved = new HashSet<>();
        long longestGap = 0;
        Set<String> symbols = new HashSet<>();
        for (Tick t : ticks) {
            symbols.add(t.symbol());
            Tick before = last.put(t.symbol(), t);
            if (before != null) {
                longestGap = Math.max(longestGap, t.ts() - before.ts());
            }
        }
        // a 0.5 % move within 5 s: the momentum_burst velocity (SPEC §4)
        Map<String, Integer> previous = new HashMap<>(); // the index of each symbol's previous tick
        for (int i = 0; i < ticks.size(); i++) {
            Tick t = ticks.get(i);
            Integer j = previous.get(t.symbol());
            previous.put(t.symbol(), i);
            if (j != null) {
                for (int k = j; k >= 0 && ticks.get(k).ts() >= t.ts() - 5_000; k--) {
                    Tick ref = ticks.get(k);
                    if (ref.symbol().equals(t.symbol()) && Math.abs(t.price() / ref.price() - 1) >= 0.005) {
                        moved.add(t.symbol());
                        break;
                    }
                }
            }
        }
        assertThat(symbols).hasSize(100);
        assertThat(moved).hasSizeGreaterThan(10);
        assertThat(longestGap).isGreaterThan(60_000);
    }
}
