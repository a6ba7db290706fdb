package io.scalpsignals.marketdata;

import io.scalpsignals.model.Tick;
import io.scalpsignals.model.read.TickValidator;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A venue's public trades and top of book into ticks, for as long as asked: connects ({@link
 * java.net.http.WebSocket}, the JDK's client, which answers the venue's pings itself), subscribes,
 * sends the venue's heartbeat ({@link VenueStream#ping()}; no answer within the pong timeout counts
 * as a dead connection), and reconnects after any drop with exponential backoff and jitter
 * (Failsafe), resubscribing; a venue's connection limit ({@link VenueStream#maxConnection()}) is met
 * by a planned reconnect. Trades are never invented: what a reconnect lost stays lost, and the
 * time each symbol was without data across it is logged and counted ({@code
 * scalp_ingest_gap_seconds_total}). A frame that is no message of the protocol, or a trade that
 * fails SPEC §1's validation, is counted and skipped. Frames are read on the caller's thread, in
 * order.
 */
public final class Ingest {

    /** How the ticks leave: the Kafka producer in {@code scalp ingest}. */
    public interface TickSink {
        void send(Tick tick);
    }

    /** Timing: the heartbeat, how long a pong may take, the first reconnect delay (doubled up to 30 s, 25 % jitter). */
    public record Timing(Duration pingInterval, Duration pongTimeout, Duration reconnectBackoff) {
        /** Bybit's documented 20 s heartbeat, 10 s for its answer, reconnects from 0.5 s. */
        public static final Timing DEFAULT =
                new Timing(Duration.ofSeconds(20), Duration.ofSeconds(10), Duration.ofMillis(500));
    }

    private static final Object CLOSED = new Object();

    private final Venue venue;
    private final VenueStream stream;
    private final String url;
    private final List<String> symbols;
    private final TickSink sink;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final Timing timing;
    private final Consumer<String> log;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Long> lastData = new HashMap<>();
    private final Set<String> afterReconnect = new HashSet<>();
    private int connections;

    /**
     * @param url the venue's WebSocket base URL ({@link Venue#streamUrl()} unless a test or testnet)
     * @param symbols as the venue writes them (BTCUSDT)
     */
    public Ingest(
            Venue venue,
            String url,
            List<String> symbols,
            TickSink sink,
            IngestMetrics metrics,
            Clock clock,
            Timing timing,
            Consumer<String> log) {
        this.venue = venue;
        this.stream = VenueStream.of(venue);
        this.url = url;
        this.symbols = List.copyOf(symbols);
        this.sink = sink;
        this.metrics = metrics;
        this.clock = clock;
        this.timing = timing;
        this.log = log;
    }

    /** Connects and reads until {@code stop} says so (checked at least every 100 ms), reconnecting as needed. */
    public void run(BooleanSupplier stop) {
        RetryPolicy<WebSocket> reconnect = RetryPolicy.<WebSocket>builder()
                .handle(Exception.class)
                .withBackoff(timing.reconnectBackoff(), max(timing.reconnectBackoff(), Duration.ofSeconds(30)))
                .withJitter(0.25)
                .withMaxRetries(-1)
                .abortIf((ws, e) -> stop.getAsBoolean())
                .onRetry(e -> log.accept("connect failed (" + e.getLastException() + "); retrying"))
                .build();
        while (!stop.getAsBoolean()) {
            BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
            WebSocket ws;
            try {
                ws = Failsafe.with(reconnect).get(() -> connect(frames));
            } catch (RuntimeException e) {
                if (stop.getAsBoolean()) {
                    return;
                }
                throw e;
            }
            read(ws, frames, stop);
        }
    }

    private WebSocket connect(BlockingQueue<Object> frames) throws Exception {
        WebSocket ws = http.newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(stream.uri(url, symbols), new Listener(frames))
                .get(20, TimeUnit.SECONDS);
        boolean reconnect = connections++ > 0;
        metrics.connected(venue.optionName(), true, reconnect);
        if (reconnect) {
            afterReconnect.addAll(symbols);
        }
        for (String s : stream.subscriptions(symbols)) {
            ws.sendText(s, true).get(10, TimeUnit.SECONDS);
        }
        log.accept((reconnect ? "reconnected to " : "connected to ") + stream.uri(url, symbols) + ", " + symbols.size()
                + " symbol(s)");
        return ws;
    }

    /** Reads one connection's frames until it closes, misses a pong, reaches its planned end, or {@code stop}. */
    private void read(WebSocket ws, BlockingQueue<Object> frames, BooleanSupplier stop) {
        long opened = clock.millis();
        long nextPing = opened + timing.pingInterval().toMillis();
        long pongDue = Long.MAX_VALUE;
        try {
            while (true) {
                if (stop.getAsBoolean()) {
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "stopping");
                    return;
                }
                long now = clock.millis();
                if (stream.ping() != null && now >= nextPing) {
                    ws.sendText(stream.ping(), true);
                    nextPing = now + timing.pingInterval().toMillis();
                    pongDue = Math.min(pongDue, now + timing.pongTimeout().toMillis());
                }
                if (now > pongDue) {
                    log.accept("no pong within " + timing.pongTimeout().toMillis() + " ms: reconnecting");
                    ws.abort();
                    return;
                }
                if (stream.maxConnection() != null
                        && now - opened >= stream.maxConnection().toMillis()) {
                    log.accept("planned reconnect before the venue's connection limit");
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "planned reconnect");
                    ws.abort();
                    return;
                }
                Object f = frames.poll(100, TimeUnit.MILLISECONDS);
                if (f == CLOSED) {
                    log.accept("connection closed: reconnecting");
                    return;
                }
                if (f instanceof String text && onFrame(text) == VenueStream.Kind.PONG) {
                    pongDue = Long.MAX_VALUE;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ws.abort();
        } finally {
            metrics.connected(venue.optionName(), false, false);
        }
    }

    /** A frame read: its trades sent, or counted as malformed. */
    VenueStream.Kind onFrame(String text) {
        try {
            return stream.onFrame(text, this::onTick);
        } catch (VenueStream.MalformedFrame e) {
            metrics.malformed(venue.optionName());
            log.accept("skipped a frame: " + e.getMessage());
            return VenueStream.Kind.OTHER;
        }
    }

    private void onTick(Tick t) {
        if (TickValidator.check(t) != null) {
            metrics.malformed(venue.optionName());
            return;
        }
        long now = clock.millis();
        Long last = lastData.put(t.symbol(), now);
        if (afterReconnect.remove(t.symbol()) && last != null) {
            double gap = (now - last) / 1000.0;
            metrics.gap(venue.optionName(), t.symbol(), gap);
            log.accept(String.format(
                    Locale.ROOT,
                    "%s: no data for %.1f s across the reconnect (trades in it may be lost)",
                    t.symbol(),
                    gap));
        }
        metrics.trade(venue.optionName(), t.symbol(), (now - t.ts()) / 1000.0);
        sink.send(t);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Collects text frames (possibly in parts) into the queue; a close or an error ends the connection. */
    private static final class Listener implements WebSocket.Listener {
        private final BlockingQueue<Object> frames;
        private final StringBuilder partial = new StringBuilder();

        Listener(BlockingQueue<Object> frames) {
            this.frames = frames;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            frames.add(CLOSED);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            frames.add(CLOSED);
        }
    }
}
