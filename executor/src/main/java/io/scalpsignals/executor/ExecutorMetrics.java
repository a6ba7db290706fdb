package io.scalpsignals.executor;

import io.scalpsignals.executor.broker.BrokerMetrics;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.state.ExitReason;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The executor's Prometheus metrics, served on {@code http://HOST:PORT/metrics} (loopback by
 * default; {@code --metrics-host 0.0.0.0} in a pod): intents by outcome, rejections and exits by reason, open
 * positions and the time each has left, whether a pause is in force, balance, equity, PnL, drawdown and whether its guard is
 * active, the win rate of the last {@value #RECENT_TRADES} trades, and the decision latency. Fed
 * from committed journal entries and the committed portfolio; the win rate counts trades closed since
 * the process started.
 */
public final class ExecutorMetrics implements AutoCloseable, BrokerMetrics {

    /** Closed trades over which {@code scalp_executor_win_rate} is computed. */
    public static final int RECENT_TRADES = 20;

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter intents = Counter.builder()
            .name("scalp_executor_intents_total")
            .help("Signals by outcome (OPENED, REJECTED, DUPLICATE)")
            .labelNames("outcome")
            .register(registry);
    private final Counter rejections = Counter.builder()
            .name("scalp_executor_rejections_total")
            .help("Rejected signals by reason")
            .labelNames("reason")
            .register(registry);
    private final Counter exits = Counter.builder()
            .name("scalp_executor_exits_total")
            .help("Closed positions by exit reason")
            .labelNames("reason")
            .register(registry);
    private final Gauge openPositions = Gauge.builder()
            .name("scalp_executor_open_positions")
            .help("Open positions")
            .register(registry);
    private final Gauge balance = Gauge.builder()
            .name("scalp_executor_balance")
            .help("Wallet balance, quote units")
            .register(registry);
    private final Gauge equity = Gauge.builder()
            .name("scalp_executor_equity")
            .help("Balance plus unrealized PnL, quote units")
            .register(registry);
    private final Gauge pnl = Gauge.builder()
            .name("scalp_executor_pnl")
            .help("Equity minus the starting balance, quote units")
            .register(registry);
    private final Gauge drawdown = Gauge.builder()
            .name("scalp_executor_drawdown")
            .help("1 - equity / peak equity, fraction")
            .register(registry);
    private final Gauge drawdownGuard = Gauge.builder()
            .name("scalp_executor_drawdown_guard_active")
            .help(
                    "1 while equity is below the peak by max_drawdown_pct or more (new opens are rejected DRAWDOWN_GUARD), else 0")
            .register(registry);
    private final Gauge paused = Gauge.builder()
            .name("scalp_executor_paused")
            .help("1 while executor pause is in force (opens rejected PAUSED, exits still run), else 0")
            .register(registry);
    private final Counter brokerCalls = Counter.builder()
            .name("scalp_executor_broker_calls_total")
            .help("Requests to a live venue by endpoint and outcome (ok, retCode_N, http_N, no_json, io_error)")
            .labelNames("endpoint", "outcome")
            .register(registry);
    private final Histogram brokerSeconds = Histogram.builder()
            .name("scalp_executor_broker_call_seconds")
            .help("Duration of a request to a live venue, seconds")
            .labelNames("endpoint")
            .classicUpperBounds(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .register(registry);
    private final Gauge consumerLag = Gauge.builder()
            .name("scalp_executor_consumer_lag_records")
            .help("Records of a topic not yet read by executor run (Kafka's consumer lag), after each poll")
            .labelNames("topic")
            .register(registry);
    private final Gauge reconcileDifferences = Gauge.builder()
            .name("scalp_executor_reconcile_differences")
            .help(
                    "Positions on which the executor's portfolio and the venue disagreed at the last reconciliation (live broker only)")
            .register(registry);
    private final Gauge winRate = Gauge.builder()
            .name("scalp_executor_win_rate")
            .help("Fraction of the last " + RECENT_TRADES + " closed trades with a positive PnL")
            .register(registry);
    private final Gauge recentTrades = Gauge.builder()
            .name("scalp_executor_recent_trades")
            .help("Closed trades in the win-rate window (at most " + RECENT_TRADES + ")")
            .register(registry);
    private final Gauge timeLeft = Gauge.builder()
            .name("scalp_executor_position_time_left_seconds")
            .help("Open position's time until its time limit, seconds")
            .labelNames("symbol")
            .register(registry);
    private final ArrayDeque<Boolean> wins = new ArrayDeque<>(RECENT_TRADES);
    private final Set<String> openSymbols = new HashSet<>();
    private final Histogram decisionSeconds = Histogram.builder()
            .name("scalp_executor_decision_seconds")
            .help("Time from a signal's parsed text to its committed decision, seconds")
            .classicUpperBounds(0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1)
            .register(registry);
    private HTTPServer server;

    /** Every known label value starts at 0, so a count that never moved is exported, not missing. */
    public ExecutorMetrics() {
        for (JournalEntry.Event e : JournalEntry.Event.values()) {
            if (e != JournalEntry.Event.CLOSED) {
                intents.labelValues(e.name());
            }
        }
        EnumSet.allOf(RejectReason.class).forEach(d -> rejections.labelValues(d.name()));
        EnumSet.allOf(ExitReason.class).forEach(d -> exits.labelValues(d.name()));
    }

    /**
     * Serves the metrics on 127.0.0.1.
     *
     * @param port the port, 0 for any free one
     * @return the port it listens on
     * @throws IOException when the port cannot be bound
     */
    public int serve(int port) throws IOException {
        return serve(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Serves the metrics on {@code address} (0.0.0.0 only where the network is the pod's own).
     *
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

    /** Counts a committed journal entry. */
    public void onJournal(JournalEntry e) {
        switch (e.event()) {
            case OPENED, DUPLICATE -> intents.labelValues(e.event().name()).inc();
            case REJECTED -> {
                intents.labelValues("REJECTED").inc();
                rejections
                        .labelValues(e.reason() == null ? "UNKNOWN" : e.reason().name())
                        .inc();
            }
            case CLOSED -> {
                exits.labelValues(e.reason() == null ? "UNKNOWN" : e.reason().name())
                        .inc();
                onTrade(e.pnl() != null && e.pnl().signum() > 0);
            }
        }
    }

    /** A request to a live venue ({@link io.scalpsignals.executor.broker.Broker#reportTo}). */
    @Override
    public void onCall(String endpoint, String outcome, long nanos) {
        brokerCalls.labelValues(endpoint, outcome).inc();
        brokerSeconds.labelValues(endpoint).observe(nanos / 1e9);
    }

    /** The consumer lag of {@code topic} after a poll, records. */
    public void onConsumerLag(String topic, long records) {
        consumerLag.labelValues(topic).set(records);
    }

    /** The number of differences the last reconciliation with the venue found. */
    public void onReconcile(int differences) {
        reconcileDifferences.set(differences);
    }

    private void onTrade(boolean won) {
        if (wins.size() == RECENT_TRADES) {
            wins.removeFirst();
        }
        wins.addLast(won);
        recentTrades.set(wins.size());
        winRate.set(wins.stream().filter(w -> w).count() / (double) wins.size());
    }

    /**
     * Updates the portfolio after a commit.
     *
     * @param positions the open positions
     * @param ledger the committed ledger (balance, clock, peak equity)
     * @param equityValue balance plus unrealized PnL, quote units
     * @param config for the starting balance and max_drawdown_pct
     */
    public void onPortfolio(
            Collection<Position> positions, Ledger ledger, BigDecimal equityValue, ExecutorConfig config) {
        openPositions.set(positions.size());
        paused.set(ledger.paused ? 1 : 0);
        balance.set(ledger.balance.doubleValue());
        equity.set(equityValue.doubleValue());
        pnl.set(equityValue.subtract(config.startingBalance()).doubleValue());
        BigDecimal peak = ledger.peakEquity;
        double fromPeak = peak.signum() > 0
                ? BigDecimal.ONE
                        .subtract(equityValue.divide(peak, 12, RoundingMode.HALF_EVEN))
                        .doubleValue()
                : 0.0;
        drawdown.set(Math.max(0.0, fromPeak));
        drawdownGuard.set(config.drawdownGuardActive(equityValue, peak) ? 1 : 0);
        Set<String> now = new HashSet<>();
        for (Position p : positions) {
            now.add(p.symbol());
            long leftMs = p.openedTs() + p.timeLimitSec() * 1000L - ledger.clock;
            timeLeft.labelValues(p.symbol()).set(Math.max(0L, leftMs) / 1000.0);
        }
        for (String closed : openSymbols) {
            if (!now.contains(closed)) {
                timeLeft.remove(closed);
            }
        }
        openSymbols.clear();
        openSymbols.addAll(now);
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
