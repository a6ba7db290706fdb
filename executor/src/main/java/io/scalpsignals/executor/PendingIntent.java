package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.FillReport;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.config.ExecutorJson;
import io.scalpsignals.executor.config.Money;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateException;

import com.fasterxml.jackson.annotation.JsonProperty;
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
 * @param rest a resting limit entry's progress ({@link LimitEntries}), or null: the order is sent
 *     as it stands (a market order, or a limit entry that ended with {@code order.qty()} filled)
 */
record PendingIntent(
        SignalMessage signal,
        Order order,
        BigDecimal margin,
        @Nullable JournalEntry.Contract contract,
        int multiplier,
        @Nullable Rest rest) {

    /**
     * A limit entry's progress.
     *
     * @param queueAhead what still trades at the limit before the order, base units
     * @param filledQty what filled so far, base units, at most the order's quantity
     * @param ended whether it ended (filled, timed out or cancelled with {@code filledQty > 0}):
     *     then what filled is sent to the broker ({@link #sent()}); else it rests
     */
    record Rest(
            @JsonProperty("queue_ahead") double queueAhead,
            @JsonProperty("filled_qty") double filledQty,
            @JsonProperty("ended") boolean ended) {

        /** A resting order's progress. */
        Rest(double queueAhead, double filledQty) {
            this(queueAhead, filledQty, false);
        }

        /** This progress, ended. */
        Rest end() {
            return new Rest(queueAhead, filledQty, true);
        }
    }

    /** This intent with {@code next} as its progress (null: not a paper limit entry, sent as it stands). */
    PendingIntent resting(@Nullable Rest next) {
        return new PendingIntent(signal, order, margin, contract, multiplier, next);
    }

    /** Whether it is a limit entry still resting (its progress not ended). */
    boolean rests() {
        return rest != null && !rest.ended();
    }

    /**
     * The order to send: the decided one, or for an ended limit entry the same for what filled (the
     * position then ties up its share of the margin, {@link #position}).
     */
    Order sent() {
        if (rest == null) {
            return order;
        }
        return new Order(
                order.clientOrderId(),
                order.symbol(),
                order.instrument(),
                order.side(),
                rest.filledQty(),
                order.type(),
                order.limitPrice(),
                order.timeInForce(),
                order.referencePrice(),
                order.ts(),
                order.reduceOnly());
    }

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;

    /**
     * {@code {"signal":..., "order":..., "margin":"..."}}, then {@code "contract"} and {@code
     * "multiplier"} for a scalp, {@code "rest"} for a resting limit entry.
     */
    String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.set("signal", JSON.valueToTree(signal));
        n.set("order", JSON.valueToTree(order));
        n.put("margin", margin.toPlainString());
        if (contract != null) {
            n.set("contract", JSON.valueToTree(contract));
            n.put("multiplier", multiplier);
        }
        if (rest != null) {
            n.set("rest", JSON.valueToTree(rest));
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
                    n.path("multiplier").asInt(1),
                    n.has("rest") ? JSON.treeToValue(n.get("rest"), Rest.class) : null);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new StateException("unreadable pending intent " + intentId, e);
        }
    }
}
