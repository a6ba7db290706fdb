package io.scalpsignals.executor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

import javax.annotation.Nullable;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bybit v5 (linear perpetuals) as a {@link Broker}: market orders with {@code orderLinkId} = the
 * intent id ({@code POST /v5/order/create}), fills read with {@code GET /v5/order/realtime}.
 * Requests are signed as Bybit documents ("Authentication for v5"): {@code X-BAPI-SIGN} = hex
 * HMAC-SHA256 of {@code timestamp + apiKey + recvWindow + (JSON body | query string)} with the
 * secret. The key and secret come from the environment ({@code BYBIT_API_KEY}, {@code
 * BYBIT_API_SECRET}) and appear in no log line or exception message.
 *
 * <p>What the venue checks, checked first: the instrument's rules ({@code GET
 * /v5/market/instruments-info}: {@code lotSizeFilter.qtyStep}, {@code minOrderQty}, {@code
 * minNotionalValue}), cached per symbol and read again after a day; the quantity is rounded
 * <b>down</b> to the step and sent as a plain decimal string ({@code 0.0001}, never {@code
 * 1.0E-4}); an open under the minimum quantity or notional is not sent ({@link
 * Decision#BELOW_MIN_QTY}). Every close is {@code reduceOnly}, so it can never open a position the
 * other way; a close the venue refuses because the position is gone ({@value
 * #REDUCE_ONLY_NO_POSITION}) is {@link Decision#VENUE_CLOSED}.
 *
 * <p>Errors by kind: a transport error, HTTP 5xx, or retCode {@value #RATE_LIMIT} (rate limit) or
 * {@value #SERVER_TIMEOUT} (server error) is retried with exponential backoff and jitter under the
 * same {@code orderLinkId} for at most {@link #RETRY_BUDGET}; {@value #DUPLICATE_ORDER_LINK_ID}
 * ("duplicate orderLinkId") means an attempt was placed before: the order is queried, never sent
 * twice; any other retCode is final ({@link Decision#VENUE_REJECTED}, the code and message in the
 * journal's {@code detail}). A fill is polled with backoff up to {@code fillTimeout} (30 s);
 * past it, or past the retry budget, the outcome is unknown: {@link #place} throws, the intent
 * stays PENDING, and a restart asks the venue by {@code orderLinkId}.
 */
public final class BybitBroker implements Broker {

    /** Bybit's code for an orderLinkId it has seen already. */
    public static final int DUPLICATE_ORDER_LINK_ID = 110072;
    /** Too many visits: the rate limit. */
    public static final int RATE_LIMIT = 10006;
    /** Server timeout or internal error. */
    public static final int SERVER_TIMEOUT = 10016;
    /** A reduce-only order with no position to reduce (the position is gone at the venue). */
    public static final int REDUCE_ONLY_NO_POSITION = 110017;
    /** How long a request is retried before its outcome is called unknown. */
    public static final Duration RETRY_BUDGET = Duration.ofSeconds(20);
    /** How long the fill of a placed order is polled for, by default. */
    public static final Duration FILL_TIMEOUT = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;
    private static final String RECV_WINDOW = "5000";
    private static final Set<Integer> RETRYABLE = Set.of(RATE_LIMIT, SERVER_TIMEOUT);
    private static final long DAY_MS = 86_400_000L;

    private final URI base;
    private final String apiKey;
    private final SecretKeySpec secret;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RetryPolicy<JsonNode> retryable;
    private final RetryPolicy<Optional<Fill>> untilFilled;
    private final Map<String, Rules> rules = new ConcurrentHashMap<>();
    private volatile Calls calls = (endpoint, outcome, nanos) -> {};

    /** Told of every request to Bybit: its path, its outcome, its duration. */
    @FunctionalInterface
    public interface Calls {
        /**
         * @param endpoint the request's path, e.g. {@code /v5/order/create}
         * @param outcome {@code ok}, {@code retCode_N} (Bybit refused), {@code http_N}, {@code no_json} or {@code io_error}
         */
        void onCall(String endpoint, String outcome, long nanos);
    }

    /**
     * An instrument's lot rules ({@code /v5/market/instruments-info}, {@code lotSizeFilter}).
     *
     * @param qtyStep quantities are multiples of it, base units
     * @param minOrderQty the smallest quantity, base units
     * @param minNotional the smallest {@code qty * price}, quote units (0 when the venue gives none)
     * @param readAt when they were read, epoch ms (read again a day later)
     */
    record Rules(BigDecimal qtyStep, BigDecimal minOrderQty, BigDecimal minNotional, long readAt) {}

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
        this.base = base;
        this.apiKey = apiKey;
        this.secret = new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
        this.retryable = RetryPolicy.<JsonNode>builder()
                .handle(Retryable.class)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(3))
                .withJitter(0.25)
                .withMaxDuration(RETRY_BUDGET)
                .withMaxRetries(-1)
                .build();
        this.untilFilled = RetryPolicy.<Optional<Fill>>builder()
                .handleResultIf(Optional::isEmpty)
                .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .withMaxDuration(fillTimeout)
                .withMaxRetries(-1)
                .build();
    }

    /** Reports every request to {@code calls} (the executor's metrics); returns this broker. */
    public BybitBroker withCalls(Calls calls) {
        this.calls = calls;
        return this;
    }

    /**
     * From {@code BYBIT_API_KEY}, {@code BYBIT_API_SECRET}, {@code BYBIT_BASE_URL} (default
     * {@code https://api.bybit.com}; {@code https://api-testnet.bybit.com} for the testnet) and
     * {@code BYBIT_FILL_TIMEOUT_SEC} (default 30: how long a fill is polled for).
     *
     * @throws IllegalArgumentException naming the missing or bad variable
     */
    public static BybitBroker fromEnvironment(Map<String, String> env, Clock clock) {
        String key = env.get("BYBIT_API_KEY");
        String secret = env.get("BYBIT_API_SECRET");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("BYBIT_API_KEY is not set");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("BYBIT_API_SECRET is not set");
        }
        String timeout = env.getOrDefault("BYBIT_FILL_TIMEOUT_SEC", Long.toString(FILL_TIMEOUT.toSeconds()))
                .strip();
        long seconds;
        try {
            seconds = Long.parseLong(timeout);
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException(
                    "BYBIT_FILL_TIMEOUT_SEC: must be a whole number of seconds > 0, got '" + timeout + "'");
        }
        return new BybitBroker(
                URI.create(env.getOrDefault("BYBIT_BASE_URL", "https://api.bybit.com")),
                key,
                secret,
                clock,
                Duration.ofSeconds(seconds));
    }

    /**
     * @throws IllegalArgumentException for an option order: this adapter trades linear contracts
     *     only (the CLI refuses {@code --broker bybit} with a chain at start)
     * @throws OrderRefused BELOW_MIN_QTY (not sent), VENUE_REJECTED, or VENUE_CLOSED for a
     *     reduce-only close of a position the venue does not hold
     * @throws IllegalStateException when the outcome is unknown (see the class comment)
     */
    @Override
    public Fill place(Order order) {
        if (order.option()) {
            throw new IllegalArgumentException(
                    "the Bybit adapter trades linear contracts only, not option " + order.symbol());
        }
        BigDecimal qty = quantity(order);
        ObjectNode body = JSON.createObjectNode();
        body.put("category", "linear");
        body.put("symbol", order.symbol());
        body.put("side", order.side() > 0 ? "Buy" : "Sell");
        body.put("orderType", "Market");
        body.put("qty", qty.toPlainString());
        body.put("orderLinkId", order.clientOrderId());
        if (order.reduceOnly()) {
            body.put("reduceOnly", true);
        }
        JsonNode response = Failsafe.with(retryable).get(() -> send("POST", "/v5/order/create", "", body.toString()));
        int code = response.path("retCode").asInt(-1);
        if (code == REDUCE_ONLY_NO_POSITION && order.reduceOnly()) {
            throw new OrderRefused(
                    Decision.VENUE_CLOSED,
                    "retCode " + code + " " + response.path("retMsg").asText());
        }
        if (code != 0 && code != DUPLICATE_ORDER_LINK_ID) {
            throw new OrderRefused(
                    Decision.VENUE_REJECTED,
                    "retCode " + code + " " + response.path("retMsg").asText());
        }
        return Failsafe.with(untilFilled)
                .get(() -> query(order.clientOrderId()))
                .orElseThrow(() -> new IllegalStateException("Bybit order " + order.clientOrderId()
                        + " not filled in time;" + " it stays PENDING and is asked for again by orderLinkId"));
    }

    /** The order's quantity rounded down to the instrument's step; refused when under its minimum (an open only). */
    private BigDecimal quantity(Order order) {
        Rules r = rules(order.symbol());
        BigDecimal qty = BigDecimal.valueOf(order.qty())
                .divide(r.qtyStep(), 0, RoundingMode.FLOOR)
                .multiply(r.qtyStep());
        qty = qty.signum() == 0 ? BigDecimal.ZERO : qty.stripTrailingZeros();
        if (!order.reduceOnly()) {
            BigDecimal notional = qty.multiply(BigDecimal.valueOf(order.referencePrice()));
            if (qty.compareTo(r.minOrderQty()) < 0 || notional.compareTo(r.minNotional()) < 0) {
                throw new OrderRefused(
                        Decision.BELOW_MIN_QTY,
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
        JsonNode response = Failsafe.with(retryable).get(() -> send("GET", "/v5/market/instruments-info", query, ""));
        JsonNode list = response.path("result").path("list");
        if (response.path("retCode").asInt(-1) != 0 || !list.isArray() || list.isEmpty()) {
            throw new OrderRefused(
                    Decision.VENUE_REJECTED,
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

    @Override
    public Optional<Fill> query(String clientOrderId) {
        String query = "category=linear&orderLinkId=" + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8);
        JsonNode response = Failsafe.with(retryable).get(() -> send("GET", "/v5/order/realtime", query, ""));
        JsonNode list = response.path("result").path("list");
        if (response.path("retCode").asInt(-1) != 0 || !list.isArray() || list.isEmpty()) {
            return Optional.empty();
        }
        JsonNode o = list.get(0);
        if (!"Filled".equals(o.path("orderStatus").asText())) {
            return Optional.empty();
        }
        return Optional.of(new Fill(
                clientOrderId,
                o.path("avgPrice").asDouble(),
                o.path("cumExecQty").asDouble()));
    }

    /**
     * The unified account's {@code totalAvailableBalance} ({@code GET /v5/account/wallet-balance},
     * {@code accountType=UNIFIED}), quote units.
     *
     * @throws IllegalStateException when Bybit does not give it
     */
    @Override
    public Optional<BigDecimal> availableBalance() {
        JsonNode response = Failsafe.with(retryable)
                .get(() -> send("GET", "/v5/account/wallet-balance", "accountType=UNIFIED", ""));
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
     * Buy +, Sell -); a symbol without a position is left out.
     *
     * @throws IllegalStateException when Bybit does not list them
     */
    @Override
    public Optional<Map<String, BigDecimal>> positions() {
        JsonNode response = Failsafe.with(retryable)
                .get(() -> send("GET", "/v5/position/list", "category=linear&settleCoin=USDT", ""));
        JsonNode list = response.path("result").path("list");
        if (response.path("retCode").asInt(-1) != 0 || !list.isArray()) {
            throw new IllegalStateException(
                    "Bybit position/list: retCode " + response.path("retCode").asText() + " "
                            + response.path("retMsg").asText());
        }
        Map<String, BigDecimal> out = new TreeMap<>();
        for (JsonNode p : list) {
            BigDecimal size = new BigDecimal(p.path("size").asText("0"));
            if (size.signum() != 0) {
                out.put(p.path("symbol").asText(), "Sell".equals(p.path("side").asText()) ? size.negate() : size);
            }
        }
        return Optional.of(out);
    }

    /** A failure worth another attempt: the network, HTTP 5xx, a rate limit, a server timeout. */
    static final class Retryable extends RuntimeException {
        Retryable(String message, @Nullable Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * One signed request.
     *
     * @throws Retryable for the failures worth another attempt
     * @throws IllegalStateException for other HTTP statuses
     */
    private JsonNode send(String method, String path, String query, String body) {
        String timestamp = Long.toString(clock.millis());
        String payload = timestamp + apiKey + RECV_WINDOW + (method.equals("GET") ? query : body);
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(10))
                .header("X-BAPI-API-KEY", apiKey)
                .header("X-BAPI-TIMESTAMP", timestamp)
                .header("X-BAPI-RECV-WINDOW", RECV_WINDOW)
                .header("X-BAPI-SIGN-TYPE", "2")
                .header("X-BAPI-SIGN", sign(payload))
                .header("Content-Type", "application/json");
        request = method.equals("GET") ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response;
        long started = System.nanoTime();
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            calls.onCall(path, "io_error", System.nanoTime() - started);
            throw new Retryable("Bybit " + path + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Bybit " + path, e);
        }
        long took = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            calls.onCall(path, "http_" + response.statusCode(), took);
        }
        if (response.statusCode() >= 500) {
            throw new Retryable("Bybit " + path + " answered HTTP " + response.statusCode(), null);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Bybit " + path + " answered HTTP " + response.statusCode());
        }
        JsonNode json;
        try {
            json = JSON.readTree(response.body());
        } catch (IOException e) {
            calls.onCall(path, "no_json", took);
            throw new Retryable("Bybit " + path + " answered no JSON", e);
        }
        int code = json.path("retCode").asInt(-1);
        calls.onCall(path, code == 0 ? "ok" : "retCode_" + code, took);
        if (RETRYABLE.contains(code)) {
            throw new Retryable(
                    "Bybit " + path + " retCode " + json.path("retCode").asInt() + " "
                            + json.path("retMsg").asText(),
                    null);
        }
        return json;
    }

    /** Hex HMAC-SHA256 of {@code payload} with the secret. */
    String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Nothing to release: Java 17's {@link HttpClient} has no close. */
    @Override
    public void close() {}

    @Override
    public String toString() {
        return "BybitBroker[" + base + "]";
    }
}
