package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.FillReport;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.config.ExecutorJson;
import io.scalpsignals.executor.config.Money;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.annotation.Nullable;

import java.math.BigDecimal;

/**
 * What an intent records, as PENDING, before its order leaves (the {@code intents.signal} column,
 * JSON): everything needed to settle it from its fill alone, after a crash too.
 *
 * @param signal the signal as the position will follow it (a scalp: with the options' exits)
 * @param order the exact order sent (or about to be)
 * @param margin quote units the position ties up
 * @param contract the option contract chosen, or null for a linear open
 * @param multiplier shares per contract, 1 for a linear open
 */
record PendingIntent(
        SignalMessage signal,
        Order order,
        BigDecimal margin,
        @Nullable JournalEntry.Contract contract,
        int multiplier) {

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;

    /** {@code {"signal":..., "order":..., "margin":"..."}}, then {@code "contract"} and {@code "multiplier"} for a scalp. */
    String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.set("signal", JSON.valueToTree(signal));
        n.set("order", JSON.valueToTree(order));
        n.put("margin", margin.toPlainString());
        if (contract != null) {
            n.set("contract", JSON.valueToTree(contract));
            n.put("multiplier", multiplier);
        }
        return n.toString();
    }

    /** The position its fill opens at executor time {@code openedTs}, before the entry fee. */
    Position position(FillReport fill, long openedTs) {
        return new Position(
                signal.symbol(),
                signal.direction(),
                signal.intentId(),
                fill.avgPrice(),
                fill.filledQty(),
                fill.filledQty() < order.qty() // a partial fill ties up its share of the margin
                        ? Money.scaled(margin.multiply(BigDecimal.valueOf(fill.filledQty() / order.qty())))
                        : margin,
                BigDecimal.ZERO,
                signal.leverage(),
                openedTs,
                signal.tpPct(),
                signal.slPct(),
                signal.timeInTradeLimitSec(),
                signal.cooldownSec(),
                signal.trailActivationRoi(),
                signal.trailDistanceRoi(),
                0.0,
                contract == null ? null : contract.symbol(),
                multiplier,
                signal.trigger());
    }

    /**
     * Reads what {@link #toJson()} wrote.
     *
     * @throws StateException when the text is not such a record
     */
    static PendingIntent parse(String intentId, String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return new PendingIntent(
                    JSON.treeToValue(n.get("signal"), SignalMessage.class),
                    JSON.treeToValue(n.get("order"), Order.class),
                    new BigDecimal(n.get("margin").asText()),
                    n.has("contract") ? JSON.treeToValue(n.get("contract"), JournalEntry.Contract.class) : null,
                    n.path("multiplier").asInt(1));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StateException("unreadable pending intent " + intentId, e);
        }
    }
}
