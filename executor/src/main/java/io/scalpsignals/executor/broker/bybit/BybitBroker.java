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
    /** Linear contracts, market orders, reduce-only closes. */
    public static final Capabilities CAPABILITIES = new Capabilities(false, false, true);
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
     * @throws IllegalArgumentException for an option or a limit order: this adapter trades linear
     *     contracts at market only (the executor refuses a start that needs more, {@link #capabilities()})
     */
    @Override
    public FillReport place(Order order) {
        if (order.option() || order.type() != Order.Type.MARKET) {
            throw new IllegalArgumentException("the Bybit adapter trades linear contracts at market only, not "
                    + order.type() + " " + order.instrument() + " " + order.symbol());
        }
        BigDecimal qty = instruments.quantity(order);
        ObjectNode body = ExecutorJson.MAPPER.createObjectNode();
        body.put("category", "linear");
        body.put("symbol", order.symbol());
        body.put("side", order.side() > 0 ? "Buy" : "Sell");
        body.put("orderType", "Market");
        body.put("qty", qty.toPlainString());
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
        return Failsafe.with(untilFinal)
                .get(() -> query(order.clientOrderId()))
                .orElseThrow(() -> new OutcomeUnknown("Bybit order " + order.clientOrderId()
                        + " not final in time; it stays PENDING and is asked for again by orderLinkId"));
    }

    /** The order's fill once it is final ({@code Filled}, or cancelled with what it filled); empty before, or when Bybit does not know it. */
    @Override
    public Optional<FillReport> query(String clientOrderId) {
        String query = "category=linear&orderLinkId=" + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8);
        JsonNode response = http.call("GET", "/v5/order/realtime", query, "");
        JsonNode list = response.path("result").path("list");
        if (response.path("retCode").asInt(-1) != 0 || !list.isArray() || list.isEmpty()) {
            return Optional.empty();
        }
        JsonNode o = list.get(0);
        if (!FINAL.contains(o.path("orderStatus").asText())) {
            return Optional.empty();
        }
        return Optional.of(new FillReport(
                clientOrderId,
                o.path("cumExecQty").asDouble(),
                o.path("avgPrice").asDouble(),
                o.path("cumExecFee").asDouble(),
                SETTLE_COIN,
                true));
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
