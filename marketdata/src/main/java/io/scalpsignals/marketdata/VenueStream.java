package io.scalpsignals.marketdata;

import io.scalpsignals.model.Tick;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.annotation.Nullable;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A venue's public WebSocket protocol as {@code scalp ingest} speaks it: the address and the
 * subscription for some symbols, the heartbeat, and the frames turned into SPEC §1 ticks that carry
 * the latest top of book of their symbol. One instance per connection's reader thread; not
 * thread-safe. Formats: Bybit v5 public linear ({@code publicTrade.{symbol}}, {@code
 * orderbook.1.{symbol}}: bybit-exchange.github.io/docs/v5/websocket/public), Binance USD-M futures
 * ({@code <symbol>@aggTrade}, {@code <symbol>@bookTicker}: developers.binance.com, "USDⓈ-M
 * Futures WebSocket Market Streams").
 */
public abstract class VenueStream {

    static final ObjectMapper JSON = new ObjectMapper();

    /** A frame that is no message of the venue's protocol (counted and skipped). */
    public static final class MalformedFrame extends Exception {
        MalformedFrame(String message) {
            super(message);
        }
    }

    /** What a frame was. */
    public enum Kind {
        TRADES,
        BOOK,
        PONG,
        ACK,
        OTHER
    }

    /** The latest top of book per symbol: bid, ask, bid size, ask size (NaN until known). */
    private final Map<String, double[]> books = new HashMap<>();

    public static VenueStream of(Venue venue) {
        return venue == Venue.BYBIT ? new Bybit() : new Binance();
    }

    /** Where to connect for {@code symbols}, under {@code baseUrl}. */
    public abstract URI uri(String baseUrl, List<String> symbols);

    /** What to send after connecting (the subscription), possibly nothing. */
    public abstract List<String> subscriptions(List<String> symbols);

    /** The heartbeat the client sends, or null when the venue pings and the client answers (the JDK's WebSocket answers pings itself). */
    @Nullable
    public abstract String ping();

    /** How long one connection may live (Binance closes after 24 h): reconnect before, at a time the client chooses. */
    @Nullable
    public abstract Duration maxConnection();

    /**
     * Reads a frame: each trade goes to {@code ticks} with its symbol's latest book.
     *
     * @throws MalformedFrame for a frame that is not the venue's JSON
     */
    public abstract Kind onFrame(String text, Consumer<Tick> ticks) throws MalformedFrame;

    final Tick tick(String symbol, long ts, double price, double size, @Nullable String side) {
        double[] b = books.get(symbol);
        return b == null
                ? new Tick(symbol, ts, price, size, side, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                : new Tick(symbol, ts, price, size, side, b[0], b[1], b[2], b[3]);
    }

    final double[] book(String symbol) {
        return books.computeIfAbsent(symbol, s -> new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN});
    }

    static JsonNode parse(String text) throws MalformedFrame {
        try {
            JsonNode n = JSON.readTree(text);
            if (n == null || !n.isObject()) {
                throw new MalformedFrame("not a JSON object");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new MalformedFrame("not JSON: " + e.getOriginalMessage());
        }
    }

    static double number(JsonNode n, String field) throws MalformedFrame {
        JsonNode v = n.get(field);
        if (v == null || !(v.isTextual() || v.isNumber())) {
            throw new MalformedFrame("field " + field + " missing or not a number");
        }
        try {
            double d = v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new MalformedFrame("field " + field + " is not a number: " + v);
        }
    }

    /** Element {@code i} of a {@code [price, size]} pair. */
    static double number(JsonNode pair, int i) throws MalformedFrame {
        try {
            double d = Double.parseDouble(pair.get(i).asText());
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new MalformedFrame("book level " + pair + " is not [price, size]");
    }

    static long millis(JsonNode n, String field) throws MalformedFrame {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong()) {
            throw new MalformedFrame("field " + field + " missing or not epoch ms");
        }
        return v.asLong();
    }

    static String text(JsonNode n, String field) throws MalformedFrame {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new MalformedFrame("field " + field + " missing or not text");
        }
        return v.asText();
    }

    /** Bybit v5 public linear. */
    static final class Bybit extends VenueStream {

        @Override
        public URI uri(String baseUrl, List<String> symbols) {
            return URI.create(baseUrl);
        }

        @Override
        public List<String> subscriptions(List<String> symbols) {
            StringBuilder args = new StringBuilder();
            for (String s : symbols) {
                args.append(args.length() == 0 ? "" : ",")
                        .append("\"publicTrade.")
                        .append(s)
                        .append("\",\"orderbook.1.")
                        .append(s)
                        .append('"');
            }
            return List.of("{\"op\":\"subscribe\",\"args\":[" + args + "]}");
        }

        @Override
        public String ping() {
            return "{\"op\":\"ping\"}";
        }

        @Override
        public Duration maxConnection() {
            return null;
        }

        @Override
        public Kind onFrame(String text, Consumer<Tick> ticks) throws MalformedFrame {
            JsonNode n = parse(text);
            String op = n.path("op").asText("");
            if (op.equals("ping") || op.equals("pong")) {
                return Kind.PONG;
            }
            if (op.equals("subscribe")) {
                if (!n.path("success").asBoolean(false)) {
                    throw new MalformedFrame(
                            "subscription refused: " + n.path("ret_msg").asText());
                }
                return Kind.ACK;
            }
            String topic = n.path("topic").asText("");
            JsonNode data = n.get("data");
            if (topic.startsWith("publicTrade.") && data != null && data.isArray()) {
                for (JsonNode t : data) {
                    String side = t.path("S").asText("");
                    ticks.accept(tick(
                            text(t, "s"),
                            millis(t, "T"),
                            number(t, "p"),
                            number(t, "v"),
                            side.equals("Buy") ? "buy" : side.equals("Sell") ? "sell" : null));
                }
                return Kind.TRADES;
            }
            if (topic.startsWith("orderbook.1.") && data != null && data.isObject()) {
                double[] b = book(text(data, "s"));
                boolean snapshot = n.path("type").asText("").equals("snapshot");
                level(data.get("b"), b, 0, 2, snapshot);
                level(data.get("a"), b, 1, 3, snapshot);
                return Kind.BOOK;
            }
            throw new MalformedFrame("unknown message: " + (topic.isEmpty() ? "no topic" : topic));
        }

        /** A side of the level-1 book: a snapshot sets it, a delta's size 0 removes the level. */
        private static void level(@Nullable JsonNode levels, double[] book, int price, int size, boolean snapshot)
                throws MalformedFrame {
            if (levels == null || !levels.isArray()) {
                throw new MalformedFrame("book side missing");
            }
            if (snapshot && levels.isEmpty()) {
                book[price] = Double.NaN;
                book[size] = Double.NaN;
            }
            for (JsonNode l : levels) {
                if (!l.isArray() || l.size() < 2) {
                    throw new MalformedFrame("book level is not [price, size]");
                }
                double p = number(l, 0);
                double s = number(l, 1);
                book[price] = s == 0 ? Double.NaN : p;
                book[size] = s == 0 ? Double.NaN : s;
            }
        }
    }

    /** Binance USD-M futures, combined streams. */
    static final class Binance extends VenueStream {

        /** Binance closes a connection after 24 h: a planned reconnect comes first. */
        private static final Duration MAX_CONNECTION = Duration.ofHours(23).plusMinutes(50);

        @Override
        public URI uri(String baseUrl, List<String> symbols) {
            StringBuilder streams = new StringBuilder();
            for (String s : symbols) {
                String l = s.toLowerCase(Locale.ROOT);
                streams.append(streams.length() == 0 ? "" : "/")
                        .append(l)
                        .append("@aggTrade/")
                        .append(l)
                        .append("@bookTicker");
            }
            return URI.create(baseUrl + "/stream?streams=" + streams);
        }

        @Override
        public List<String> subscriptions(List<String> symbols) {
            return List.of();
        }

        @Override
        public String ping() {
            return null;
        }

        @Override
        public Duration maxConnection() {
            return MAX_CONNECTION;
        }

        @Override
        public Kind onFrame(String text, Consumer<Tick> ticks) throws MalformedFrame {
            JsonNode n = parse(text);
            JsonNode data = n.has("data") ? n.get("data") : n;
            String event = data.path("e").asText("");
            if (event.equals("aggTrade")) {
                JsonNode m = data.get("m");
                ticks.accept(tick(
                        text(data, "s"),
                        millis(data, "T"),
                        number(data, "p"),
                        number(data, "q"),
                        m == null || !m.isBoolean() ? null : m.asBoolean() ? "sell" : "buy"));
                return Kind.TRADES;
            }
            if (event.equals("bookTicker") || (data.has("b") && data.has("a") && data.has("B") && data.has("A"))) {
                double[] b = book(text(data, "s"));
                b[0] = number(data, "b");
                b[1] = number(data, "a");
                b[2] = number(data, "B");
                b[3] = number(data, "A");
                return Kind.BOOK;
            }
            if (n.has("result") && n.has("id")) {
                return Kind.ACK;
            }
            throw new MalformedFrame("unknown message: " + (event.isEmpty() ? "no event type" : event));
        }
    }
}
