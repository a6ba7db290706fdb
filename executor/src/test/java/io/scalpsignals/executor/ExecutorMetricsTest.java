package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.config.ExecutorConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** The metrics endpoint, scraped over HTTP after a scenario. */
class ExecutorMetricsTest {

    @TempDir
    Path dir;

    @Test
    void countsCommittedOutcomesAndServesThemOnLoopback() throws Exception {
        try (Scenario s = new Scenario(dir, ExecutorConfig.defaults());
                ExecutorMetrics metrics = new ExecutorMetrics()) {
            int port = metrics.serve(0);
            s.engine.withMetrics(metrics);
            s.tick(0, 100.0)
                    .signal(open("a", "OPEN_LONG", 0))
                    .signal(open("a", "OPEN_LONG", 0))
                    .signal(open("b", "OPEN_SHORT", 0))
                    .tick(1_000, 100.5);

            String body = scrape(port);

            assertThat(body)
                    .contains(
                            "scalp_executor_intents_total{outcome=\"OPENED\"} 1.0",
                            "scalp_executor_intents_total{outcome=\"DUPLICATE\"} 1.0",
                            "scalp_executor_intents_total{outcome=\"REJECTED\"} 1.0",
                            "scalp_executor_rejections_total{reason=\"ONE_WAY\"} 1.0",
                            "scalp_executor_exits_total{reason=\"TAKE_PROFIT\"} 1.0",
                            "scalp_executor_open_positions 0.0",
                            "scalp_executor_decision_seconds_count 3");
            assertThat(body).containsPattern("scalp_executor_balance 1\\d{4}\\.\\d+");
            assertThat(body)
                    .contains(
                            "scalp_executor_win_rate 1.0",
                            "scalp_executor_recent_trades 1.0",
                            "scalp_executor_drawdown 0.0",
                            "scalp_executor_drawdown_guard_active 0.0");
            assertThat(body).containsPattern("scalp_executor_pnl [1-9]\\d*\\.\\d+");
            assertThat(body).doesNotContain("scalp_executor_position_time_left_seconds{");
        }
    }

    @Test
    void reportsTimeLeftOfOpenPositionsAndTheDrawdownGuard() throws Exception {
        try (Scenario s = new Scenario(dir, ExecutorConfig.defaults());
                ExecutorMetrics metrics = new ExecutorMetrics()) {
            int port = metrics.serve(0);
            s.engine.withMetrics(metrics);
            // 5x long at 100, then the price falls 0.2 %: ROI -1 %, above the stop loss (-1.5 %).
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0)).tick(600_000, 99.8);

            String body = scrape(port);
            // time_in_trade_limit_sec 2100, 600 s in: 1500 s left
            assertThat(body)
                    .contains(
                            "scalp_executor_position_time_left_seconds{symbol=\"BTCUSDT\"} 1500.0",
                            "scalp_executor_open_positions 1.0",
                            "scalp_executor_drawdown_guard_active 0.0");
            assertThat(body).containsPattern("scalp_executor_drawdown 0\\.00\\d+");
            assertThat(body).containsPattern("scalp_executor_pnl -\\d+\\.\\d+");
        }
    }

    @Test
    void aStartedExecutorReportsItsCommittedBookBeforeTheFirstEvent() throws Exception {
        try (Scenario s = new Scenario(dir, ExecutorConfig.defaults())) {
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0));
        }
        try (Scenario s = new Scenario(dir, ExecutorConfig.defaults());
                ExecutorMetrics metrics = new ExecutorMetrics()) {
            int port = metrics.serve(0);
            s.engine.withMetrics(metrics);

            String body = scrape(port);
            assertThat(body)
                    .contains(
                            "scalp_executor_open_positions 1.0",
                            "scalp_executor_position_time_left_seconds{symbol=\"BTCUSDT\"} 2100.0");
            assertThat(body).containsPattern("scalp_executor_balance \\d{4}\\.\\d+");
        }
    }

    private static String scrape(int port) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
