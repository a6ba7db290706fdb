package io.scalpsignals.job.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

/** The combinations of --sweep (a grid) and --sample (a seeded random search). */
class SweepPlanTest {

    @Test
    void aGridHasEveryCombinationTheFirstKeyVaryingSlowest() {
        List<Map<String, String>> c =
                SweepPlan.combinations(List.of("tp_pct=0.01,0.02", "fee_pct=0.0002,0.00055,0.001"), List.of(), 0, 1);

        assertThat(c).hasSize(6);
        assertThat(c.get(0)).containsExactly(Map.entry("tp_pct", "0.01"), Map.entry("fee_pct", "0.0002"));
        assertThat(c.get(2)).containsExactly(Map.entry("tp_pct", "0.01"), Map.entry("fee_pct", "0.001"));
        assertThat(c.get(3)).containsExactly(Map.entry("tp_pct", "0.02"), Map.entry("fee_pct", "0.0002"));
        assertThat(SweepPlan.combinations(List.of(), List.of(), 0, 1)).containsExactly(Map.of());
    }

    @Test
    void aRandomSearchDrawsWithinTheRangesTheSameForTheSameSeed() {
        List<Map<String, String>> a =
                SweepPlan.combinations(List.of(), List.of("tp_pct=0.005..0.03", "min_interval_sec=30..300"), 50, 7);
        List<Map<String, String>> b =
                SweepPlan.combinations(List.of(), List.of("tp_pct=0.005..0.03", "min_interval_sec=30..300"), 50, 7);
        List<Map<String, String>> other =
                SweepPlan.combinations(List.of(), List.of("tp_pct=0.005..0.03", "min_interval_sec=30..300"), 50, 8);

        assertThat(a).hasSize(50).isEqualTo(b).isNotEqualTo(other);
        assertThat(a).allSatisfy(m -> {
            assertThat(Double.parseDouble(m.get("tp_pct"))).isBetween(0.005, 0.03);
            assertThat(m.get("min_interval_sec")).matches("\\d+");
            assertThat(Long.parseLong(m.get("min_interval_sec"))).isBetween(30L, 300L);
        });
        assertThat(a.stream().map(m -> m.get("min_interval_sec")).distinct().count())
                .isGreaterThan(20);
    }

    @Test
    void aGridTimesARandomSearch() {
        List<Map<String, String>> c =
                SweepPlan.combinations(List.of("fee_pct=0.0002,0.00055"), List.of("tp_pct=0.01..0.02"), 3, 1);

        assertThat(c).hasSize(6);
        assertThat(c.get(0).get("tp_pct")).isEqualTo(c.get(1).get("tp_pct"));
        assertThat(c.get(0).get("fee_pct")).isNotEqualTo(c.get(1).get("fee_pct"));
    }

    @Test
    void malformedArgumentsAreNamed() {
        assertThatThrownBy(() -> SweepPlan.combinations(List.of("tp_pct"), List.of(), 0, 1))
                .hasMessageContaining("--sweep")
                .hasMessageContaining("KEY=V1,V2");
        assertThatThrownBy(() -> SweepPlan.combinations(List.of("tp_pct=0.01,,0.02"), List.of(), 0, 1))
                .hasMessageContaining("empty value");
        assertThatThrownBy(() -> SweepPlan.combinations(List.of(), List.of("tp_pct=0.03..0.01"), 5, 1))
                .hasMessageContaining("LO must not exceed HI");
        assertThatThrownBy(() -> SweepPlan.combinations(List.of(), List.of("tp_pct=a..b"), 5, 1))
                .hasMessageContaining("--sample tp_pct");
        assertThatThrownBy(() -> SweepPlan.combinations(List.of("tp_pct=0.01"), List.of("tp_pct=0.01..0.02"), 5, 1))
                .hasMessageContaining("also swept");
    }
}
