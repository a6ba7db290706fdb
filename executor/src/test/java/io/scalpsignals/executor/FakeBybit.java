package io.scalpsignals.executor;

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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in for Bybit's v5 order API, as its documentation describes it: it checks the
 * signature headers (retCode 10004 "error sign!" otherwise), fills market orders at once at the
 * price it is told, answers a reused orderLinkId with retCode 110072, and lists orders by
 * orderLinkId. JDK's HTTP server on 127.0.0.1.
 */
final class FakeBybit implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String apiKey;
    private final String secret;
    private final Map<String, ObjectNode> orders = new ConcurrentHashMap<>();
    private final Map<String, Double> prices = new ConcurrentHashMap<>();

    FakeBybit(String apiKey, String secret) throws IOException {
        this.apiKey = apiKey;
        this.secret = secret;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v5/order/create", this::create);
        server.createContext("/v5/order/realtime", this::realtime);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void price(String symbol, double price) {
        prices.put(symbol, price);
    }

    int orderCount() {
        return orders.size();
    }

    private void create(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!signed(ex, body)) {
            reply(ex, error(10004, "error sign!"));
            return;
        }
        JsonNode req = JSON.readTree(body);
        String link = req.path("orderLinkId").asText();
        if (orders.containsKey(link)) {
            reply(ex, error(110072, "OrderLinkedID is duplicate"));
            return;
        }
        ObjectNode order = JSON.createObjectNode();
        order.put("orderId", "fake-" + (orders.size() + 1));
        order.put("orderLinkId", link);
        order.put("symbol", req.path("symbol").asText());
        order.put("side", req.path("side").asText());
        order.put("orderStatus", "Filled");
        order.put("avgPrice", Double.toString(prices.getOrDefault(req.path("symbol").asText(), 0.0)));
        order.put("cumExecQty", req.path("qty").asText());
        orders.put(link, order);
        ObjectNode ok = error(0, "OK");
        ok.putObject("result").put("orderId", order.get("orderId").asText()).put("orderLinkId", link);
        reply(ex, ok);
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
        if (orders.containsKey(link)) {
            list.add(orders.get(link));
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
            String expected = HexFormat.of().formatHex(mac.doFinal((ts + key + window + payload).getBytes(StandardCharsets.UTF_8)));
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
