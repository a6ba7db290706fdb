package io.scalpsignals.executor.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    @Test
    void whatANeedAsksForAndTheVenueLacksIsNamed() {
        Capabilities linearOnly = new Capabilities(false, false, true);

        assertThat(linearOnly.lacking(Capabilities.required(false, false))).isEmpty();
        assertThat(linearOnly.lacking(Capabilities.required(true, false))).containsExactly("options");
        assertThat(new Capabilities(false, false, false).lacking(new Capabilities(true, true, true)))
                .containsExactly("options", "limit orders", "reduce-only orders");
        assertThat(new Capabilities(true, true, true).lacking(new Capabilities(true, true, true)))
                .isEmpty();
    }

    @Test
    void everyVenueOnTheClassPathIsFoundByNameAndDeclaresReduceOnlyCloses() {
        assertThat(Brokers.names()).containsExactly("bybit", "paper");
        assertThat(Brokers.named("paper").capabilities().options()).isTrue();
        assertThat(Brokers.named("bybit").capabilities().options()).isFalse();
        assertThat(Brokers.named("BYBIT").name()).isEqualTo("bybit"); // as the enum it replaced, any case
        assertThat(Brokers.factories().values())
                .allSatisfy(f -> assertThat(f.capabilities().lacking(Capabilities.required(false, false)))
                        .isEmpty());
    }
}
