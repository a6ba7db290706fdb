package io.scalpsignals.executor.broker.bybit;

import io.scalpsignals.executor.broker.BrokerMetrics;
import io.scalpsignals.executor.broker.OutcomeUnknown;
import io.scalpsignals.executor.config.ExecutorJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;

import javax.annotation.Nullable;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Set;

/**
 * Signed requests to Bybit v5, retried by kind. Requests are signed as Bybit documents
 * ("Authentication for v5"): {@code X-BAPI-SIGN} = hex HMAC-SHA256 of {@code timestamp + apiKey +
 * recvWindow + (JSON body | query string)} with the secret; the key and secret appear in no log
 * line or exception message. A transport error, HTTP 5xx, or retCode {@value #RATE_LIMIT} (rate
 * limit) or {@value #SERVER_TIMEOUT} (server error) is retried with exponential backoff and jitter
 * for at most {@link #RETRY_BUDGET}; past it the outcome is unknown ({@link OutcomeUnknown}). Any
 * other retCode is the caller's to read.
 */
final class BybitHttp {

    /** Too many visits: the rate limit. */
    static final int RATE_LIMIT = 10006;
    /** Server timeout or internal error. */
    static final int SERVER_TIMEOUT = 10016;
    /** How long a request is retried before its outcome is called unknown. */
    static final Duration RETRY_BUDGET = Duration.ofSeconds(20);

    private static final ObjectMapper JSON = ExecutorJson.MAPPER;
    private static final String RECV_WINDOW = "5000";
    private static final Set<Integer> RETRYABLE = Set.of(RATE_LIMIT, SERVER_TIMEOUT);

    private final URI base;
    private final String apiKey;
    private final SecretKeySpec secret;
    private final Clock clock;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final RetryPolicy<JsonNode> retryable = RetryPolicy.<JsonNode>builder()
            .handle(Retryable.class)
            .withBackoff(Duration.ofMillis(100), Duration.ofSeconds(3))
            .withJitter(0.25)
            .withMaxDuration(RETRY_BUDGET)
            .withMaxRetries(-1)
            .build();
    private volatile BrokerMetrics metrics = (endpoint, outcome, nanos) -> {};

    /** @param clock the time of the {@code X-BAPI-TIMESTAMP} header */
    BybitHttp(URI base, String apiKey, String apiSecret, Clock clock) {
        this.base = base;
        this.apiKey = apiKey;
        this.secret = new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    void reportTo(BrokerMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * A signed request, retried while it fails in a way worth another attempt.
     *
     * @param query the query string, without {@code ?} (signed for a GET)
     * @param body the JSON body of a POST (signed), or empty
     * @return the response's JSON, whatever its {@code retCode} but the retried ones
     * @throws OutcomeUnknown past the retry budget
     * @throws IllegalStateException for an HTTP status other than 200 and 5xx
     */
    JsonNode call(String method, String path, String query, String body) {
        try {
            return Failsafe.with(retryable).get(() -> send(method, path, query, body));
        } catch (Retryable e) {
            throw new OutcomeUnknown(
                    e.getMessage() + "; retried for " + RETRY_BUDGET.toSeconds() + " s, the outcome is unknown", e);
        } catch (FailsafeException e) {
            throw new OutcomeUnknown("Bybit " + path + " failed: " + e.getMessage(), e);
        }
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
            metrics.onCall(path, "io_error", System.nanoTime() - started);
            throw new Retryable("Bybit " + path + " failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling Bybit " + path, e);
        }
        long took = System.nanoTime() - started;
        if (response.statusCode() != 200) {
            metrics.onCall(path, "http_" + response.statusCode(), took);
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
            metrics.onCall(path, "no_json", took);
            throw new Retryable("Bybit " + path + " answered no JSON", e);
        }
        int code = json.path("retCode").asInt(-1);
        metrics.onCall(path, code == 0 ? "ok" : "retCode_" + code, took);
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

    /** The base URL only: never the key or the secret. */
    @Override
    public String toString() {
        return base.toString();
    }
}
