package io.scalpsignals.job.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.report.Summary;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** --rank-by: best first, undefined figures last. */
class RankingTest {

    @Test
    void higherIsBetterExceptForTheDrawdownAndNaNIsLast() {
        Summary a = summary(100, 0.05, Double.NaN);
        Summary b = summary(-50, 0.02, 1.5);
        Summary c = summary(20, 0.10, 0.5);

        assertThat(sorted(Ranking.PNL, a, b, c)).containsExactly(a, c, b);
        assertThat(sorted(Ranking.MAX_DRAWDOWN, a, b, c)).containsExactly(b, a, c);
        assertThat(sorted(Ranking.SHARPE, a, b, c)).containsExactly(b, c, a);
        assertThat(Ranking.parse("profit_factor")).isEqualTo(Ranking.PROFIT_FACTOR);
        assertThatThrownBy(() -> Ranking.parse("calmar"))
                .hasMessageContaining("--rank-by")
                .hasMessageContaining("sortino");
    }

    private static List<Summary> sorted(Ranking r, Summary... s) {
        List<Summary> out = new ArrayList<>(List.of(s));
        out.sort(r.order());
        return out;
    }

    private static Summary summary(double pnl, double drawdown, double sharpe) {
        return new Summary(10, 0.5, pnl, drawdown, sharpe, sharpe, 1.0, pnl / 10, 1, -1, 1, 0.1, 2, 60, 20, 1);
    }
}
