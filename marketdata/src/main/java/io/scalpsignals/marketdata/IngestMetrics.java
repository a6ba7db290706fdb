package io.scalpsignals.marketdata;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.InetAddress;

/**
 * {@code scalp ingest}'s Prometheus metrics, served on {@code http://HOST:PORT/metrics} (loopback
 * by default), as the executor's are: trades by venue and symbol, frames that were no message,
 * reconnects, gaps (time without data across a reconnect) by symbol, whether connected, and how
 * old the last trade of each symbol was when it arrived (now − trade time, the feed's latency).
 * Symbols are the ones given on the command line: the label's cardinality is bounded by it.
 */
public final class IngestMetrics implements AutoCloseable {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter trades = Counter.builder()
            .name("scalp_ingest_trades_total")
            .help("Trades received and sent to the ticks topic")
            .labelNames("venue", "symbol")
            .register(registry);
    private final Counter malformed = Counter.builder()
            .name("scalp_ingest_malformed_frames_total")
            .help("Frames that were no message of the venue's protocol, or trades that failed validation; skipped")
            .labelNames("venue")
            .register(registry);
    private final Counter reconnects = Counter.builder()
            .name("scalp_ingest_reconnects_total")
            .help("Connections after the first: drops, missed pongs, planned reconnects")
            .labelNames("venue")
            .register(registry);
    private final Counter gaps = Counter.builder()
            .name("scalp_ingest_gaps_total")
            .help("Reconnects after which a symbol's data resumed")
            .labelNames("venue", "symbol")
            .register(registry);
    private final Counter gapSeconds = Counter.builder()
            .name("scalp_ingest_gap_seconds_total")
            .help("Time without data of a symbol across reconnects, seconds (trades in it may be lost)")
            .labelNames("venue", "symbol")
            .register(registry);
    private final Gauge connected = Gauge.builder()
            .name("scalp_ingest_connected")
            .help("1 while the WebSocket is open")
            .labelNames("venue")
            .register(registry);
    private final Gauge tradeAge = Gauge.builder()
            .name("scalp_ingest_trade_age_seconds")
            .help("Wall clock minus the trade time of the symbol's last trade when it arrived, seconds")
            .labelNames("venue", "symbol")
            .register(registry);
    private HTTPServer server;

    /** Every symbol's series start at 0, so a count that never moved is exported, not missing. */
    public IngestMetrics(String venue, Iterable<String> symbols) {
        malformed.labelValues(venue);
        reconnects.labelValues(venue);
        connected.labelValues(venue).set(0);
        for (String s : symbols) {
            trades.labelValues(venue, s);
            gaps.labelValues(venue, s);
            gapSeconds.labelValues(venue, s);
        }
    }

    /**
     * @param port the port, 0 for any free one
     * @return the port it listens on
     * @throws IOException when the port cannot be bound
     */
    public int serve(InetAddress address, int port) throws IOException {
        server = HTTPServer.builder()
                .inetAddress(address)
                .port(port)
                .registry(registry)
                .buildAndStart();
        return server.getPort();
    }

    void trade(String venue, String symbol, double ageSeconds) {
        trades.labelValues(venue, symbol).inc();
        tradeAge.labelValues(venue, symbol).set(ageSeconds);
    }

    void malformed(String venue) {
        malformed.labelValues(venue).inc();
    }

    void connected(String venue, boolean open, boolean reconnect) {
        connected.labelValues(venue).set(open ? 1 : 0);
        if (open && reconnect) {
            reconnects.labelValues(venue).inc();
        }
    }

    void gap(String venue, String symbol, double seconds) {
        gaps.labelValues(venue, symbol).inc();
        gapSeconds.labelValues(venue, symbol).inc(seconds);
    }

    /** The count of {@code scalp_ingest_reconnects_total} (for tests and the log). */
    long reconnects(String venue) {
        return (long) reconnects.labelValues(venue).get();
    }

    /** The count of {@code scalp_ingest_malformed_frames_total}. */
    long malformedFrames(String venue) {
        return (long) malformed.labelValues(venue).get();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
