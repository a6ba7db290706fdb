package io.scalpsignals.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Golden intent ids, computed independently with Python's {@code uuid.uuid5}. */
class IntentIdsTest {

    @Test
    void matchesRfc4122Version5InTheIntentNamespace() {
        assertThat(IntentIds.of("BTCUSDT", Trigger.BREAKOUT, Action.OPEN_LONG, 1_700_000_000_123L, "1"))
                .isEqualTo("28f2c045-7890-526a-89f6-73f2f2b80cbc");
        assertThat(IntentIds.of("ETHUSDT", Trigger.VWAP_REJECTION, Action.OPEN_SHORT, 1_700_000_000_000L, "1"))
                .isEqualTo("2bf305ac-9386-5634-9b6e-3aa9cdbdb8d8");
        assertThat(IntentIds.of("BTCUSD", Trigger.MEAN_REVERSION, Action.OPEN_LONG, 1_385_338_306_000L, "1"))
                .isEqualTo("2296da7d-7e30-5868-895f-aff4f7c81052");
        assertThat(IntentIds.of("XRP_ETH", Trigger.MOMENTUM_BURST, Action.OPEN_SHORT, 1_570_752_011_620L, "2"))
                .isEqualTo("50663bbc-7641-52dc-93af-fc80034dc12b");
    }

    @Test
    void isAValidClientOrderId() {
        String id = IntentIds.of("BTCUSDT|breakout|OPEN_LONG|1700000000123|1");

        assertThat(id).hasSize(36).matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
