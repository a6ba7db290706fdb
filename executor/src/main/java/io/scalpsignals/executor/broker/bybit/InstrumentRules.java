package io.scalpsignals.executor.broker.bybit;

import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.broker.OrderRefused;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Bybit checks of an order's quantity, checked first: the instrument's lot rules ({@code GET
 * /v5/market/instruments-info}: {@code lotSizeFilter.qtyStep}, {@code minOrderQty}, {@code
 * minNotionalValue}), cached per symbol and read again after a day. The quantity is rounded
 * <b>down</b> to the step; an open under the minimum quantity or notional is not sent.
 */
final class InstrumentRules {

    private static final long DAY_MS = 86_400_000L;

    /**
     * An instrument's lot rules ({@code lotSizeFilter}).
     *
     * @param qtyStep quantities are multiples of it, base units
     * @param minOrderQty the smallest quantity, base units
     * @param minNotional the smallest {@code qty * price}, quote units (0 when the venue gives none)
     * @param readAt when they were read, epoch ms (read again a day later)
     */
    record Rules(BigDecimal qtyStep, BigDecimal minOrderQty, BigDecimal minNotional, long readAt) {}

    private final BybitHttp http;
    private final Clock clock;
    private final Map<String, Rules> rules = new ConcurrentHashMap<>();

    /** @param clock the time of the cache */
    InstrumentRules(BybitHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * The order's quantity rounded down to the instrument's step, as a plain decimal ({@code
     * 0.0001}, never {@code 1.0E-4}).
     *
     * @throws OrderRefused {@link OrderRefused.Kind#BELOW_MIN_QTY} for an open under the minimum
     *     quantity or notional, {@link OrderRefused.Kind#REJECTED} for a symbol Bybit does not list
     */
    BigDecimal quantity(Order order) {
        Rules r = rules(order.symbol());
        BigDecimal qty = BigDecimal.valueOf(order.qty())
                .divide(r.qtyStep(), 0, RoundingMode.FLOOR)
                .multiply(r.qtyStep());
        qty = qty.signum() == 0 ? BigDecimal.ZERO : qty.stripTrailingZeros();
        if (!order.reduceOnly()) {
            BigDecimal notional = qty.multiply(BigDecimal.valueOf(order.referencePrice()));
            if (qty.compareTo(r.minOrderQty()) < 0 || notional.compareTo(r.minNotional()) < 0) {
                throw new OrderRefused(
                        OrderRefused.Kind.BELOW_MIN_QTY,
                        String.format(
                                "qty %s rounded down to %s (step %s) is under"
                                        + " minOrderQty %s or its notional %s under minNotionalValue %s",
                                BigDecimal.valueOf(order.qty())
                                        .stripTrailingZeros()
                                        .toPlainString(),
                                qty.toPlainString(),
                                r.qtyStep().toPlainString(),
                                r.minOrderQty().toPlainString(),
                                notional.stripTrailingZeros().toPlainString(),
                                r.minNotional().toPlainString()));
            }
        }
        return qty;
    }

    /** The symbol's rules, read once a day. */
    Rules rules(String symbol) {
        Rules cached = rules.get(symbol);
        if (cached != null && clock.millis() - cached.readAt() < DAY_MS) {
            return cached;
        }
        String query = "category=linear&symbol=" + URLEncoder.encode(symbol, StandardCharsets.UTF_8);
        JsonNode response = http.call("GET", "/v5/market/instruments-info", query, "");
        JsonNode list = response.path("result").path("list");
        if (response.path("retCode").asInt(-1) != 0 || !list.isArray() || list.isEmpty()) {
            throw new OrderRefused(
                    OrderRefused.Kind.REJECTED,
                    "no linear instrument " + symbol + " at Bybit: retCode "
                            + response.path("retCode").asText() + " "
                            + response.path("retMsg").asText());
        }
        JsonNode lot = list.get(0).path("lotSizeFilter");
        Rules r = new Rules(
                new BigDecimal(lot.path("qtyStep").asText("0")),
                new BigDecimal(lot.path("minOrderQty").asText("0")),
                new BigDecimal(lot.path("minNotionalValue").asText("0")),
                clock.millis());
        if (r.qtyStep().signum() <= 0) {
            throw new IllegalStateException("Bybit gave " + symbol + " no qtyStep");
        }
        rules.put(symbol, r);
        return r;
    }
}
