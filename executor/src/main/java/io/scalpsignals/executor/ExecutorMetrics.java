package io.scalpsignals.executor;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.net.InetAddress;

/**
 * The executor's Prometheus metrics, served on {@code http://127.0.0.1:PORT/metrics} (loopback
 * only; a pod port in Kubernetes): intents by outcome, rejections and exits by reason, open
 * positions, balance, equity, and the decision latency. Fed from committed journal entries.
 */
public final class ExecutorMetrics implements AutoCloseable {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter intents = Counter.builder().name("scalp_executor_intents_total")
            .help("Signals by outcome (OPENED, REJECTED, DUPLICATE)").labelNames("outcome").register(registry);
    private final Counter rejections = Counter.builder().name("scalp_executor_rejections_total")
            .help("Rejected signals by reason").labelNames("reason").register(registry);
    private final Counter exits = Counter.builder().name("scalp_executor_exits_total")
            .help("Closed positions by exit reason").labelNames("reason").register(registry);
    private final Gauge openPositions = Gauge.builder().name("scalp_executor_open_positions")
            .help("Open positions").register(registry);
    private final Gauge balance = Gauge.builder().name("scalp_executor_balance")
            .help("Wallet balance, quote units").register(registry);
    private final Gauge equity = Gauge.builder().name("scalp_executor_equity")
            .help("Balance plus unrealized PnL, quote units").register(registry);
    private final Histogram decisionSeconds = Histogram.builder().name("scalp_executor_decision_seconds")
            .help("Time from a signal's arrival to its committed decision, seconds")
            .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1).register(registry);
    private HTTPServer server;

    /**
     * Serves the metrics on 127.0.0.1.
     *
     * @param port the port, 0 for any free one
     * @return the port it listens on
     * @throws IOException when the port cannot be bound
     */
    public int serve(int port) throws IOException {
        server = HTTPServer.builder().inetAddress(InetAddress.getLoopbackAddress()).port(port).registry(registry).buildAndStart();
        return server.getPort();
    }

    /** Counts a committed journal entry. */
    public void onJournal(JournalEntry e) {
        switch (e.event()) {
            case OPENED, DUPLICATE -> intents.labelValues(e.event().name()).inc();
            case REJECTED -> {
                intents.labelValues("REJECTED").inc();
                rejections.labelValues(e.reason() == null ? "UNKNOWN" : e.reason().name()).inc();
            }
            case CLOSED -> exits.labelValues(e.reason() == null ? "UNKNOWN" : e.reason().name()).inc();
        }
        balance.set(e.balance().doubleValue());
    }

    /** Updates the book: open positions and equity. */
    public void onBook(int positions, double equityValue) {
        openPositions.set(positions);
        equity.set(equityValue);
    }

    /** Records a decision's latency. */
    public void onDecision(long nanos) {
        decisionSeconds.observe(nanos / 1e9);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
