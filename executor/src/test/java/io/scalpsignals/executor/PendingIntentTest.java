package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.broker.InstrumentKind;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.config.ExecutorJson;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

/** A PENDING intent as an earlier version recorded it still settles; this version's form reads back as written. */
class PendingIntentTest {

    /** Written by the version before the broker seam: a market order with "option", a signal without "trigger". */
    private static final String EARLIER =
            "{\"signal\":{\"intentId\":\"" + Scenario.id("a") + "\",\"symbol\":\"BTCUSDT\","
                    + "\"action\":\"OPEN_LONG\",\"ts\":1704153600000,\"price\":100.0,\"confidence\":72,\"leverage\":5.0,"
                    + "\"sizePct\":0.15,\"tpPct\":0.02,\"slPct\":0.015,\"timeInTradeLimitSec\":2100,\"cooldownSec\":900,"
                    + "\"trailActivationRoi\":0.01,\"trailDistanceRoi\":0.005},"
                    + "\"order\":{\"clientOrderId\":\"" + Scenario.id("a") + "\",\"symbol\":\"BTCUSDT\",\"side\":1,"
                    + "\"qty\":74.985,\"referencePrice\":100.0,\"ts\":1704153600000,\"option\":false,\"reduceOnly\":false},"
                    + "\"margin\":\"1500.00000000\"}";

    @Test
    void anIntentRecordedByTheEarlierVersionReadsAsAMarketOrderWithoutTrigger() {
        PendingIntent p = PendingIntent.parse(Scenario.id("a"), EARLIER);

        assertThat(p.order())
                .isEqualTo(Order.market(
                        Scenario.id("a"),
                        "BTCUSDT",
                        InstrumentKind.LINEAR,
                        1,
                        74.985,
                        100.0,
                        1_704_153_600_000L,
                        false));
        assertThat(p.order().timeInForce()).isEqualTo(Order.TimeInForce.IOC);
        assertThat(p.signal().trigger()).isNull();
        assertThat(p.margin()).isEqualByComparingTo(new BigDecimal("1500"));
    }

    @Test
    void thisVersionsFormReadsBackAsWrittenWithoutTheEarlierOptionFlag() throws Exception {
        PendingIntent p = PendingIntent.parse(Scenario.id("a"), EARLIER);
        String written = p.toJson();
        JsonNode order = ExecutorJson.MAPPER.readTree(written).get("order");

        assertThat(PendingIntent.parse(Scenario.id("a"), written)).isEqualTo(p);
        assertThat(order.has("option")).isFalse();
        assertThat(order.get("instrument").asText()).isEqualTo("LINEAR");
        assertThat(order.get("type").asText()).isEqualTo("MARKET");
    }
}
