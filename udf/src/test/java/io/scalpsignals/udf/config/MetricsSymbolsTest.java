package io.scalpsignals.udf.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** {@code metrics_symbols}: the symbols exported with a symbol label, a bounded list. */
class MetricsSymbolsTest {

    @Test
    void theListIsParsedInOrderAndBounded() {
        StrategyConfig c = StrategyConfig.defaults();
        c.metricsSymbols = " BTCUSDT, ETHUSDT ,BTCUSDT";
        StrategyConfig none = StrategyConfig.defaults();
        StrategyConfig tooMany = StrategyConfig.defaults();
        tooMany.metricsSymbols = IntStream.range(0, StrategyConfig.MAX_METRICS_SYMBOLS + 1)
                .mapToObj(i -> "S" + i)
                .collect(Collectors.joining(","));
        StrategyConfig bad = StrategyConfig.defaults();
        bad.metricsSymbols = "BTC USDT";

        assertThat(c.validate().metricsSymbolSet()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(none.validate().metricsSymbolSet()).isEmpty();
        assertThatThrownBy(tooMany::validate)
                .hasMessageContaining("metrics_symbols")
                .hasMessageContaining("at most 200");
        assertThatThrownBy(bad::validate)
                .hasMessageContaining("metrics_symbols")
                .hasMessageContaining("BTC USDT");
    }
}
