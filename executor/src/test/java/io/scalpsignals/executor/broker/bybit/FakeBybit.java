package io.scalpsignals.executor.broker.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A local stand-in for Bybit's v5 order API, as its documentation describes it: it checks the
 * signature headers (retCode 10004 "error sign!" otherwise); serves {@code instruments-info} with
 * BTCUSDT's lot rules (step 0.001, minimum 0.001, minimum notional 5); refuses a {@code qty} that
 * is not a plain decimal multiple of the step at or above the minimum (10001); keeps a net
 * position per symbol and refuses a {@code reduceOnly} order that would not reduce it (110017);
 * fills market orders at the price it is told (at once, or after a delay), answers a reused
 * orderLinkId with retCode 110072, lists orders by orderLinkId, and answers the next requests
 * with an injected failure (a retCode or an HTTP status). Post-only limit orders rest on its book
 * ({@code New}): one at or through the touch it is given is cancelled at once with {@code
 * rejectReason} {@code EC_PostOnlyWillTakeLiquidity}; a resting one fills what the test lets it
 * ({@link #restingFill}), at its price and the maker fee, and a cancel ({@code /v5/order/cancel})
 * ends it {@code Cancelled} or {@code PartiallyFilledCanceled}. JDK's HTTP server on 127.0.0.1.
 */
public final class FakeBybit implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String apiKey;
    private final String secret;
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Map<String, Double> prices = new ConcurrentHashMap<>();
    private final Map<String, BigDecimal> positions = new ConcurrentHashMap<>();
    private final Deque<int[]> failures = new ConcurrentLinkedDeque<>();
    private final List<JsonNode> created = Collections.synchronizedList(new ArrayList<>());
    private volatile long fillDelayMs;
    private volatile BigDecimal available = new BigDecimal("10000");
    private final Map<String, BigDecimal> liquidity = new ConcurrentHashMap<>();
    private final Map<String, double[]> touches = new ConcurrentHashMap<>();
    private volatile BigDecimal restingFill = BigDecimal.ZERO;
    private final List<String> cancels = Collections.synchronizedList(new ArrayList<>());

    /** The maker fee the fake charges a resting order's fills, fraction of the notional. */
    public static final BigDecimal MAKER_FEE = new BigDecimal("0.0002");

    /** The taker fee the fake charges (Bybit's base rate for linear perpetuals), fraction of the notional. */
    public static final BigDecimal TAKER_FEE = new BigDecimal("0.00055");

    public FakeBybit(String apiKey, String secret) throws IOException {
        this.apiKey = apiKey;
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v5/order/create", this::create);
        server.createContext("/v5/order/realtime", this::realtime);
        server.createContext("/v5/order/cancel", this::cancel);
        server.createContext("/v5/market/instruments-info", this::instruments);
        server.createContext("/v5/account/wallet-balance", this::wallet);
        server.createContext("/v5/position/list", this::positionList);
        server.start();
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public void price(String symbol, double price) {
        prices.put(symbol, price);
    }

    public int orderCount() {
        return orders.size();
    }

    /** Every order request that reached the order book's checks, as sent (refused ones too). */
    public List<JsonNode> requests() {
        return List.copyOf(created);
    }

    /** The venue's net position of {@code symbol}, base units (+ long, - short). */
    public BigDecimal position(String symbol) {
        return positions.getOrDefault(symbol, BigDecimal.ZERO);
    }

    /** Closes the position at the venue, as a liquidation or a manual close would. */
    public void flatten(String symbol) {
        positions.remove(symbol);
    }

    /** The next {@code times} order requests fail with {@code retCode} (or, above 99 and under 600, that HTTP status). */
    public void failNext(int codeOrStatus, int times) {
        for (int i = 0; i < times; i++) {
            failures.add(new int[] {codeOrStatus});
        }
    }

    /**
     * A market order of {@code symbol} fills at most {@code qty} (base units); the rest is cancelled,
     * as Bybit does with a linear market order the book cannot fill: {@code Cancelled} with what it filled.
     */
    public void liquidity(String symbol, BigDecimal qty) {
        liquidity.put(symbol, qty);
    }

    /** The best bid and ask of {@code symbol}: a post-only buy at or above the ask (sell at or below the bid) would cross. */
    public void touch(String symbol, double bid, double ask) {
        touches.put(symbol, new double[] {bid, ask});
    }

    /** A post-only order that rests fills this much of itself at once (base units; 0, the default: nothing until cancelled). */
    public void restingFill(BigDecimal qty) {
        restingFill = qty;
    }

    /** The orderLinkIds of the cancels received, in order. */
    public List<String> cancels() {
        return List.copyOf(cancels);
    }

    /** Orders fill {@code ms} after they are placed (status New until then). */
    public void fillAfter(long ms) {
        fillDelayMs = ms;
    }

    /** The account's available balance, quote units (10,000 until set). */
    public void available(BigDecimal balance) {
        available = balance;
    }

    /** Opens a position at the venue that no order of the executor made. */
    public void positionAtVenue(String symbol, BigDecimal signedQty) {
        positions.put(symbol, signedQty);
    }

    private void wallet(HttpExchange ex) throws IOException {
        if (!signed(ex, ex.getRequestURI().getRawQuery())) {
            reply(ex, error(10004, "error sign!"));
            return;
        }
        ObjectNode ok = error(0, "OK");
        ok.putObject("result")
                .putArray("list")
                .addObject()
                .put("accountType", "UNIFIED")
                .put("totalAvailableBalance", available.toPlainString());
        reply(ex, ok);
    }

    private void positionList(HttpExchange ex) throws IOException {
        if (!signed(ex, ex.getRequestURI().getRawQuery())) {
            reply(ex, error(10004, "error sign!"));
            return;
        }
        ObjectNode ok = error(0, "OK");
        ArrayNode list = ok.putObject("result").putArray("list");
        positions.forEach((symbol, qty) -> {
            if (qty.signum() != 0) {
                list.addObject()
                        .put("symbol", symbol)
                        .put("side", qty.signum() > 0 ? "Buy" : "Sell")
                        .put("size", qty.abs().toPlainString());
            }
        });
        reply(ex, ok);
    }

    private void instruments(HttpExchange ex) throws IOException {
        ObjectNode ok = error(0, "OK");
        ObjectNode btc = ok.putObject("result").putArray("list").addObject();
        btc.put("symbol", "BTCUSDT");
        btc.putObject("lotSizeFilter")
                .put("qtyStep", "0.001")
                .put("minOrderQty", "0.001")
                .put("maxMktOrderQty", "100")
                .put("minNotionalValue", "5");
        btc.putObject("priceFilter").put("tickSize", "0.10");
        reply(ex, ok);
    }

    private void create(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!signed(ex, body)) {
            reply(ex, error(10004, "error sign!"));
            return;
        }
        int[] failure = failures.poll();
        if (failure != null && failure[0] >= 100 && failure[0] < 600) {
            ex.sendResponseHeaders(failure[0], -1);
            ex.close();
            return;
        }
        if (failure != null) {
            reply(ex, error(failure[0], "injected failure " + failure[0]));
            return;
        }
        JsonNode req = JSON.readTree(body);
        created.add(req);
        String link = req.path("orderLinkId").asText();
        if (orders.containsKey(link)) {
            reply(ex, error(110072, "OrderLinkedID is duplicate"));
            return;
        }
        String qtyText = req.path("qty").asText();
        BigDecimal qty;
        try {
            qty = new BigDecimal(qtyText);
        } catch (NumberFormatException e) {
            reply(ex, error(10001, "params error: qty " + qtyText));
            return;
        }
        if (!qtyText.matches("[0-9]+(\\.[0-9]+)?")
                || qty.remainder(new BigDecimal("0.001")).signum() != 0
                || qty.compareTo(new BigDecimal("0.001")) < 0) {
            reply(ex, error(10001, "params error: qty " + qtyText + " is not a multiple of 0.001 at or above 0.001"));
            return;
        }
        String symbol = req.path("symbol").asText();
        BigDecimal signed = "Buy".equals(req.path("side").asText()) ? qty : qty.negate();
        BigDecimal held = position(symbol);
        if (req.path("reduceOnly").asBoolean(false)
                && (held.signum() == 0
                        || held.signum() == signed.signum()
                        || held.abs().compareTo(qty) < 0)) {
            reply(ex, error(110017, "current position is zero, cannot fix reduce-only order qty"));
            return;
        }
        boolean postOnly = "Limit".equals(req.path("orderType").asText())
                && "PostOnly".equals(req.path("timeInForce").asText());
        ObjectNode order = JSON.createObjectNode();
        order.put("orderId", "fake-" + (orders.size() + 1));
        order.put("orderLinkId", link);
        order.put("symbol", symbol);
        order.put("side", req.path("side").asText());
        if (postOnly) {
            rest(order, req, qty, signed.signum());
        } else {
            BigDecimal filled = qty.min(liquidity.getOrDefault(symbol, qty));
            positions.merge(symbol, signed.signum() < 0 ? filled.negate() : filled, BigDecimal::add);
            double price = prices.getOrDefault(symbol, 0.0);
            order.put("orderStatus", filled.compareTo(qty) == 0 ? "Filled" : "Cancelled");
            order.put("avgPrice", Double.toString(price));
            order.put("cumExecQty", filled.toPlainString());
            order.put(
                    "cumExecFee",
                    filled.multiply(BigDecimal.valueOf(price))
                            .multiply(TAKER_FEE)
                            .toPlainString());
            order.put("filledAt", System.currentTimeMillis() + fillDelayMs);
        }
        orders.put(link, order);
        ObjectNode ok = error(0, "OK");
        ok.putObject("result").put("orderId", order.get("orderId").asText()).put("orderLinkId", link);
        reply(ex, ok);
    }

    /** A post-only order: cancelled if it would cross the touch, else resting with what {@link #restingFill} lets fill. */
    private void rest(ObjectNode order, JsonNode req, BigDecimal qty, int side) {
        String symbol = req.path("symbol").asText();
        BigDecimal price = new BigDecimal(req.path("price").asText());
        double[] touch = touches.get(symbol);
        boolean crosses =
                touch != null && (side > 0 ? price.doubleValue() >= touch[1] : price.doubleValue() <= touch[0]);
        BigDecimal filled = crosses ? BigDecimal.ZERO : qty.min(restingFill);
        positions.merge(symbol, side < 0 ? filled.negate() : filled, BigDecimal::add);
        order.put(
                "orderStatus",
                crosses
                        ? "Cancelled"
                        : filled.compareTo(qty) == 0 ? "Filled" : filled.signum() > 0 ? "PartiallyFilled" : "New");
        if (crosses) {
            order.put("rejectReason", "EC_PostOnlyWillTakeLiquidity");
        }
        order.put("avgPrice", filled.signum() > 0 ? price.toPlainString() : "0");
        order.put("cumExecQty", filled.toPlainString());
        order.put("cumExecFee", filled.multiply(price).multiply(MAKER_FEE).toPlainString());
        order.put("filledAt", 0L);
    }

    private void cancel(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!signed(ex, body)) {
            reply(ex, error(10004, "error sign!"));
            return;
        }
        String link = JSON.readTree(body).path("orderLinkId").asText();
        cancels.add(link);
        ObjectNode order = orders.get(link);
        String status = order == null ? "" : order.path("orderStatus").asText();
        if (!status.equals("New") && !status.equals("PartiallyFilled")) {
            reply(ex, error(110001, "order not exists or too late to cancel"));
            return;
        }
        order.put("orderStatus", status.equals("New") ? "Cancelled" : "PartiallyFilledCanceled");
        reply(ex, error(0, "OK"));
    }

    private void realtime(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        if (!signed(ex, query)) {
            reply(ex, error(10004, "error sign!"));
            return;
        }
        String link = URLDecoder.decode(query.replaceAll(".*orderLinkId=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        ObjectNode ok = error(0, "OK");
        ArrayNode list = ok.putObject("result").putArray("list");
        ObjectNode order = orders.get(link);
        if (order != null) {
            ObjectNode shown = order.deepCopy();
            if (System.currentTimeMillis() < order.path("filledAt").asLong()) {
                shown.put("orderStatus", "New");
                shown.put("cumExecQty", "0");
            }
            shown.remove("filledAt");
            list.add(shown);
        }
        reply(ex, ok);
    }

    private boolean signed(HttpExchange ex, String payload) {
        String ts = ex.getRequestHeaders().getFirst("X-BAPI-TIMESTAMP");
        String window = ex.getRequestHeaders().getFirst("X-BAPI-RECV-WINDOW");
        String key = ex.getRequestHeaders().getFirst("X-BAPI-API-KEY");
        String sign = ex.getRequestHeaders().getFirst("X-BAPI-SIGN");
        if (ts == null || window == null || !apiKey.equals(key) || sign == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of()
                    .formatHex(mac.doFinal((ts + key + window + payload).getBytes(StandardCharsets.UTF_8)));
            return expected.equals(sign);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static ObjectNode error(int code, String message) {
        ObjectNode n = JSON.createObjectNode();
        n.put("retCode", code);
        n.put("retMsg", message);
        return n;
    }

    private static void reply(HttpExchange ex, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
