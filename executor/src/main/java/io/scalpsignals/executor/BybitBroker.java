package io.scalpsignals.executor;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
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

/**
 * Bybit v5 (linear perpetuals) as a {@link Broker}: market orders with {@code orderLinkId} = the
 * intent id ({@code POST /v5/order/create}), fills read with {@code GET /v5/order/realtime}.
 * Requests are signed as Bybit documents ("Authentication for v5"): {@code X-BAPI-SIGN} = hex
 * HMAC-SHA256 of {@code timestamp + apiKey + recvWindow + (JSON body | query string)} with the
 * secret. Error 110072 ("duplicate orderLinkId") means the order was placed before: the order is
 * queried, never sent twice. The key and secret come from the environment ({@code
 * BYBIT_API_KEY}, {@code BYBIT_API_SECRET}) and appear in no log line or exception message.
 */
public final class BybitBroker implements Broker {

    /** Bybit's code for an orderLinkId it has seen already. */
    public static final int DUPLICATE_ORDER_LINK_ID = 110072;

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;
    private static final String RECV_WINDOW = "5000";

    private final URI base;
    private final String apiKey;
    private final SecretKeySpec secret;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RetryPolicy<Optional<Fill>> untilFilled;

    /**
     * @param base e.g. {@code https://api.bybit.com}
     * @param apiKey the API key
     * @param apiSecret the API secret
     * @param clock the time of the {@code X-BAPI-TIMESTAMP} header
     */
    public BybitBroker(URI base, String apiKey, String apiSecret, Clock clock) {
        this.base = base;
        this.apiKey = apiKey;
        this.secret = new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
        this.untilFilled = RetryPolicy.<Optional<Fill>>builder()
                .handleResultIf(Optional::isEmpty)
                .withDelay(Duration.ofMillis(100))
                .withMaxRetries(50)
                .build();
    }

    /**
     * From {@code BYBIT_API_KEY}, {@code BYBIT_API_SECRET} and {@code BYBIT_BASE_URL} (default
     * {@code https://api.bybit.com}).
     *
     * @throws IllegalArgumentException naming the missing variable
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
        return new BybitBroker(URI.create(env.getOrDefault("BYBIT_BASE_URL", "https://api.bybit.com")), key, secret, clock);
    }

    /**
     * @throws IllegalArgumentException for an option order: this adapter trades linear contracts
     *     only (the CLI refuses {@code --broker bybit} with a chain at start)
     */
    @Override
    public Fill place(Order order) {
        if (order.option()) {
            throw new IllegalArgumentException("the Bybit adapter trades linear contracts only, not option " + order.symbol());
        }
        ObjectNode body = JSON.createObjectNode();
        body.put("category", "linear");
        body.put("symbol", order.symbol());
        body.put("side", order.side() > 0 ? "Buy" : "Sell");
        body.put("orderType", "Market");
        body.put("qty", Double.toString(order.qty()));
        body.put("orderLinkId", order.clientOrderId());
        JsonNode response = send("POST", "/v5/order/create", "", body.toString());
        int code = response.path("retCode").asInt(-1);
        if (code != 0 && code != DUPLICATE_ORDER_LINK_ID) {
            throw new IllegalStateException("Bybit refused order " + order.clientOrderId() + ": retCode " + code + " "
                    + response.path("retMsg").asText());
        }
        return Failsafe.with(untilFilled).get(() -> query(order.clientOrderId()))
                .orElseThrow(() -> new IllegalStateException("Bybit order " + order.clientOrderId() + " not filled"));
    }

    @Override
    public Optional<Fill> query(String clientOrderId) {
        String query = "category=linear&orderLinkId=" + URLEncoder.encode(clientOrderId, StandardCharsets.UTF_8);
        JsonNode response = send("GET", "/v5/order/realtime", query, "");
        JsonNode list = response.path("result").path("list");
        if (response.path("retCode").asInt(-1) != 0 || !list.isArray() || list.isEmpty()) {
            return Optional.empty();
        }
        JsonNode o = list.get(0);
        if (!"Filled".equals(o.path("orderStatus").asText())) {
            return Optional.empty();
        }
        return Optional.of(new Fill(clientOrderId, o.path("avgPrice").asDouble(), o.path("cumExecQty").asDouble()));
    }

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
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Bybit " + path + " answered HTTP " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Bybit " + path + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Bybit " + path, e);
        }
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
