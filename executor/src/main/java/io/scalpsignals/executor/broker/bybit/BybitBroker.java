package io.scalpsignals.executor.broker.bybit;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.BrokerMetrics;
import io.scalpsignals.executor.broker.Capabilities;
import io.scalpsignals.executor.broker.FillReport;
import io.scalpsignals.executor.broker.InstrumentKind;
import io.scalpsignals.executor.broker.Order;
import io.scalpsignals.executor.broker.OrderRefused;
import io.scalpsignals.executor.broker.OutcomeUnknown;
import io.scalpsignals.executor.broker.PositionReport;
import io.scalpsignals.executor.config.ExecutorJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bybit v5 (linear perpetuals settled in USDT) as a {@link Broker}: market orders with {@code
 * orderLinkId} = the intent id ({@code POST /v5/order/create}), fills read with {@code GET
 * /v5/order/realtime} ({@code cumExecQty}, {@code avgPrice}, {@code cumExecFee} in USDT). Requests
 * go through {@link BybitHttp} (signing, retries by kind) and quantities through {@link
 * InstrumentRules} (rounded down to the step; an open under the minimum is not sent).
 *
 * <p>Every close is {@code reduceOnly}, so it can never open a position the other way; a close the
 * venue refuses because the position is gone ({@value #REDUCE_ONLY_NO_POSITION}) is {@link
 * OrderRefused.Kind#POSITION_GONE}. {@value #DUPLICATE_ORDER_LINK_ID} ("duplicate orderLinkId")
 * means an attempt was placed before: the order is queried, never sent twice; any other retCode is
 * final ({@link OrderRefused.Kind#REJECTED}, the code and message in the journal's {@code
 * detail}). A fill is polled with backoff up to {@code fillTimeout} (30 s) until the order is
 * final ({@code Filled}, or cancelled with what was filled); past it, or past the retry budget, the
 * outcome is unknown ({@link OutcomeUnknown}): the intent stays PENDING, and a restart asks the
 * venue by {@code orderLinkId}.
 *
 * <p>A limit entry ({@code entry_order: limit}) is a {@code Limit} order with {@code timeInForce}
 * {@code PostOnly} at the executor's limit price: polled until it is final or {@code
 * limitTimeout} has passed since the decision (at once after a restart past it), then cancelled ({@code POST /v5/order/cancel} by
 * orderLinkId) and read until final, so the position holds its {@code cumExecQty} at its {@code
 * avgPrice}. One the venue cancels at once because it would take liquidity ({@code rejectReason}
 * {@value #POST_ONLY_WILL_TAKE_LIQUIDITY}) is {@link OrderRefused.Kind#WOULD_CROSS}. The executor
 * waits while it rests (at most {@code limitTimeout} plus the cancel's round trip).
 */
public final class BybitBroker implements Broker {

    /** Bybit's code for an orderLinkId it has seen already. */
    public static final int DUPLICATE_ORDER_LINK_ID = 110072;
    /** Too many visits: the rate limit (retried). */
    public static final int RATE_LIMIT = BybitHttp.RATE_LIMIT;
    /** Server timeout or internal error (retried). */
    public static final int SERVER_TIMEOUT = BybitHttp.SERVER_TIMEOUT;
    /** A reduce-only order with no position to reduce (the position is gone at the venue). */
    public static final int REDUCE_ONLY_NO_POSITION = 110017;
    /** How long the fill of a placed order is polled for, by default. */
    public static final Duration FILL_TIMEOUT = Duration.ofSeconds(30);
    /** How long a limit entry rests before it is cancelled, by default ({@code limit_timeout_ms}). */
    public static final Duration LIMIT_TIMEOUT = Duration.ofMillis(3_000);
    /** The {@code rejectReason} of a post-only order cancelled because it would have crossed the book. */
    public static final String POST_ONLY_WILL_TAKE_LIQUIDITY = "EC_PostOnlyWillTakeLiquidity";
    /** Bybit's code for a cancel of an order that is already final ("order not exists or too late to cancel"). */
    public static final int TOO_LATE_TO_CANCEL = 110001;
    /** Linear contracts, market and post-only limit orders, reduce-only closes. */
    public static final Capabilities CAPABILITIES = new Capabilities(false, true, true);
    /** Linear perpetuals settle, and pay their fees, in USDT. */
    public static final String SETTLE_COIN = "USDT";

    /**
     * Order statuses after which nothing more is executed (Bybit v5 "Enum definitions", orderStatus):
     * a linear market order the book cannot fill in full ends {@code Cancelled} with what it filled.
     */
    private static final Set<String> FINAL =
            Set.of("Filled", "Cancelled", "PartiallyFilledCanceled", "Rejected", "Deactivated");

    private final BybitHttp http;
    private final InstrumentRules instruments;
    private final RetryPolicy<Optional<FillReport>> untilFinal;
    private final Duration limitTimeout;
    private final Clock clock;

    /**
     * @param base e.g. {@code https://api.bybit.com}
     * @param apiKey the API key
     * @param apiSecret the API secret
     * @param clock the time of the {@code X-BAPI-TIMESTAMP} header and of the rules' cache
     */
    public BybitBroker(URI base, String apiKey, String apiSecret, Clock clock) {
        this(base, apiKey, apiSecret, clock, FILL_TIMEOUT);
    }

    /** As {@link #BybitBroker(URI, String, String, Clock)}, polling a fill for at most {@code fillTimeout}. */
    public BybitBroker(URI base, String apiKey, String apiSecret, Clock clock, Duration fillTimeout) {
        this(base, apiKey, apiSecret, clock, fillTimeout, LIMIT_TIMEOUT);
    }

    /**
     * As {@link #BybitBroker(URI, String, String, Clock, Duration)}, a limit entry resting at most
     * {@code limitTimeout} ({@code limit_timeout_ms}) before it is cancelled.
     */
    public BybitBroker(
            URI base, String apiKey, String apiSecret, Clock clock, Duration fillTimeout, Duration limitTimeout) {
        this.limitTimeout = limitTimeout;
        this.clock = clock;
        this.http = new BybitHttp(base, apiKey, apiSecret, clock);
        this.instruments = new InstrumentRules(http, clock);
        this.untilFinal = RetryPolicy.<Optional<FillReport>>builder()
                .handleResultIf(Optional::isEmpty)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .withMaxDuration(fillTimeout)
                .withMaxRetries(-1)
                .build();
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    @Override
    public void reportTo(BrokerMetrics metrics) {
        http.reportTo(metrics);
    }

    /**
     * @throws IllegalArgumentException for an option, or a limit order that is not post-only: this
     *     adapter trades linear contracts at market and post-only limit entries (the executor
     *     refuses a start that needs more, {@link #capabilities()})
     */
    @Override
    public FillReport place(Order order) {
        boolean postOnly = order.type() == Order.Type.LIMIT && order.timeInForce() == Order.TimeInForce.POST_ONLY;
        if (order.option() || (order.type() != Order.Type.MARKET && !postOnly)) {
            throw new IllegalArgumentException(
                    "the Bybit adapter trades linear contracts at market or post-only limit, not " + order.type() + " "
                            + order.timeInForce() + " " + order.instrument() + " " + order.symbol());
        }
        BigDecimal qty = instruments.quantity(order);
        ObjectNode body = ExecutorJson.MAPPER.createObjectNode();
        body.put("category", "linear");
        body.put("symbol", order.symbol());
        body.put("side", order.side() > 0 ? "Buy" : "Sell");
        body.put("orderType", postOnly ? "Limit" : "Market");
        body.put("qty", qty.toPlainString());
        if (postOnly) {
            body.put("price", BigDecimal.valueOf(order.limitPrice()).toPlainString());
            body.put("timeInForce", "PostOnly");
        }
        body.put("orderLinkId", order.clientOrderId());
        if (order.reduceOnly()) {
            body.put("reduceOnly", true);
        }
        JsonNode response = http.call("POST", "/v5/order/create", "", body.toString());
        int code = response.path("retCode").asInt(-1);
        if (code == REDUCE_ONLY_NO_POSITION && order.reduceOnly()) {
            throw new OrderRefused(
                    OrderRefused.Kind.POSITION_GONE,
                    "retCode " + code + " " + response.path("retMsg").asText());
        }
        if (code != 0 && code != DUPLICATE_ORDER_LINK_ID) {
            throw new OrderRefused(
                    OrderRefused.Kind.REJECTED,
                    "retCode " + code + " " + response.path("retMsg").asText());
        }
        if (postOnly) {
            return rest(order);
        }
        return untilFinal(order.clientOrderId());
    }

    private FillReport untilFinal(String clientOrderId) {
        return Failsafe.with(untilFinal)
                .get(() -> query(clientOrderId))
                .orElseThrow(() -> new OutcomeUnknown("Bybit order " + clientOrderId
                        + " not final in time; it stays PENDING and is asked for again by orderLinkId"));
    }

    /**
     * A placed post-only order: followed until final or {@link #limitTimeout} after its decision
     * ({@code order.ts()}; at once when that has passed, as after a restart), then cancelled and
     * read until final.
     */
    private FillReport rest(Order order) {
        String clientOrderId = order.clientOrderId();
        String symbol = order.symbol();
        long left = order.ts() + limitTimeout.toMillis() - clock.millis();
        Optional<JsonNode> o;
        if (left > 0) {
            RetryPolicy<Optional<JsonNode>> resting = RetryPolicy.<Optional<JsonNode>>builder()
                    .handleResultIf(r -> r.isEmpty()
                            || !FINAL.contains(r.get().path("orderStatus").asText()))
                    .withBackoff(Duration.ofMillis(100), Duration.ofMillis(500))
                    .withMaxDuration(Duration.ofMillis(left))
                    .withMaxRetries(-1)
                    .build();
            o = Failsafe.with(resting).get(() -> order(clientOrderId));
        } else {
            o = order(clientOrderId);
        }
        if (o.isPresent() && FINAL.contains(o.get().path("orderStatus").asText())) {
            if (POST_ONLY_WILL_TAKE_LIQUIDITY.equals(
                            o.get().path("rejectReason").asText())
                    && !(o.get().path("cumExecQty").asDouble() > 0)) {
                throw new OrderRefused(
                        OrderRefused.Kind.WOULD_CROSS,
                        "Bybit cancelled post-only order " + clientOrderId + ": " + POST_ONLY_WILL_TAKE_LIQUIDITY);
            }
            return report(clientOrderId, o.get());
        }
        ObjectNode cancel = ExecutorJson.MAPPER.createObjectNode();
        cancel.put("category", "linear");
        cancel.put("symbol", symbol);
        cancel.put("orderLinkId", clientOrderId);
        JsonNode response = http.call("POST", "/v5/order/cancel", "", cancel.toString());
        int code = response.path("retCode").asInt(-1);
        if (code != 0 && code != TOO_LATE_TO_CANCEL) {
            throw new OutcomeUnknown("Bybit cancel of " + clientOrderId + ": retCode " + code + " "
                    + response.path("retMsg").asText() + "; it stays PENDING and is asked for again by orderLinkId");
        }
        return untilFinal(clientOrderId);
    }

    /** The order's fill once it is final ({@code Filled}, or cancelled with what it filled); empty before, or when Bybit does not know it. */
    @Override
    public Optional<FillReport> query(String clientOrderId) {
        return order(clientOrderId)
                .filter(o -> FINAL.contains(o.path("orderStatus").asText()))
                .map(o -> report(clientOrderId, o));
    }

    /** The order as {@code GET /v5/order/realtime} lists it, whatever its status; empty when Bybit does not know it. */
    private Optional<JsonNode> order(String clientOrderId) {
        String query = "category=linear&orderLinkId=" + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8);
        JsonNode response = http.call("GET", "/v5/order/realtime", query, "");
        JsonNode list = response.path("result").path("list");
        if (response.path("retCode").asInt(-1) != 0 || !list.isArray() || list.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(list.get(0));
    }

    private static FillReport report(String clientOrderId, JsonNode o) {
        return new FillReport(
                clientOrderId,
                o.path("cumExecQty").asDouble(),
                o.path("avgPrice").asDouble(),
                o.path("cumExecFee").asDouble(),
                SETTLE_COIN,
                true);
    }

    /**
     * The unified account's {@code totalAvailableBalance} ({@code GET /v5/account/wallet-balance},
     * {@code accountType=UNIFIED}), quote units.
     *
     * @throws IllegalStateException when Bybit does not give it
     */
    @Override
    public Optional<BigDecimal> availableBalance() {
        JsonNode response = http.call("GET", "/v5/account/wallet-balance", "accountType=UNIFIED", "");
        JsonNode account = response.path("result").path("list").path(0);
        if (response.path("retCode").asInt(-1) != 0 || !account.hasNonNull("totalAvailableBalance")) {
            throw new IllegalStateException(
                    "Bybit wallet-balance: retCode " + response.path("retCode").asText() + " "
                            + response.path("retMsg").asText());
        }
        return Optional.of(new BigDecimal(account.get("totalAvailableBalance").asText()));
    }

    /**
     * The linear positions settled in USDT ({@code GET /v5/position/list}), signed ({@code side}
     * Buy +, Sell -), in symbol order; a symbol without a position is left out.
     *
     * @throws IllegalStateException when Bybit does not list them
     */
    @Override
    public Optional<List<PositionReport>> positions() {
        JsonNode response = http.call("GET", "/v5/position/list", "category=linear&settleCoin=" + SETTLE_COIN, "");
        JsonNode list = response.path("result").path("list");
        if (response.path("retCode").asInt(-1) != 0 || !list.isArray()) {
            throw new IllegalStateException(
                    "Bybit position/list: retCode " + response.path("retCode").asText() + " "
                            + response.path("retMsg").asText());
        }
        List<PositionReport> out = new ArrayList<>();
        for (JsonNode p : list) {
            BigDecimal size = new BigDecimal(p.path("size").asText("0"));
            if (size.signum() != 0) {
                out.add(new PositionReport(
                        p.path("symbol").asText(),
                        InstrumentKind.LINEAR,
                        "Sell".equals(p.path("side").asText()) ? size.negate() : size));
            }
        }
        out.sort((a, b) -> a.symbol().compareTo(b.symbol()));
        return Optional.of(out);
    }

    /** Nothing to release: Java 17's {@link java.net.http.HttpClient} has no close. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "BybitBroker[" + http + "]";
    }
}
