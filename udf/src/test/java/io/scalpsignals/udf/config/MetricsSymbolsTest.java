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
        StrategyConfig most = StrategyConfig.defaults();
        most.metricsSymbols = IntStream.range(0, 200).mapToObj(i -> "S" + i).collect(Collectors.joining(","));
        tooMany.metricsSymbols = IntStream.range(0, 201).mapToObj(i -> "S" + i).collect(Collectors.joining(","));
        StrategyConfig bad = StrategyConfig.defaults();
        bad.metricsSymbols = "BTC USDT";

        assertThat(c.validate().metricsSymbolSet()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(none.validate().metricsSymbolSet()).isEmpty();
        assertThat(most.validate().metricsSymbolSet()).hasSize(200);
        assertThatThrownBy(tooMany::validate)
                .hasMessageContaining("metrics_symbols")
                .hasMessageContaining("at most 200");
        assertThatThrownBy(bad::validate)
                .hasMessageContaining("metrics_symbols")
                .hasMessageContaining("BTC USDT");
    }
}
