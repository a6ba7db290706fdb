package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.state.IntentStatus;
import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.Position;
import io.scalpsignals.executor.state.StateStore;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;

/** The clock and what runs as it moves, alone: the monitor's exits and the hourly intent purge. */
class MonitorTest {

    private static final long HOUR = 3_600_000L;
    /** 10:00:05 UTC on some day, past {@code intent_ttl_sec} of 6 h. */
    private static final long T0 = 1_704_153_600_000L + 10 * HOUR + 5_000;

    @TempDir
    Path dir;

    private StateStore store;
    private PaperBroker broker;
    private Monitor monitor;
    private final ExecutorConfig config = ExecutorConfig.defaults();

    @BeforeEach
    void setUp() {
        store = StateStore.open(dir.resolve("state"));
        broker = new PaperBroker(
                dir.resolve("broker"),
                config.slippagePct(),
                ExecutorConfig.defaults().feePct(),
                OptionsConfig.defaults().contractMultiplier());
        LinearMode mode = new LinearMode(config);
        Portfolio portfolio = new Portfolio(store, mode);
        GroupCommit units = new GroupCommit(store, portfolio, config);
        Exits exits =
                new Exits(store, broker, config, mode, portfolio, new VenueAccount(broker, store, null), units, null);
        monitor = new Monitor(store, config, portfolio, exits);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
        broker.close();
    }

    @Test
    void theMonitorClosesAPositionPastItsTimeLimitAtTheFirstIntervalAfterIt() {
        Ledger l = startedAt(T0);
        store.transaction(() -> {
            store.setLastPrice("BTCUSDT", 100.0);
            // time limit 60 s: due at T0 + 60 s; the monitor runs every 30 s, at T0 + 25 s, + 55 s, + 85 s
            store.putPosition(new Position(
                    "BTCUSDT",
                    1,
                    "i-1",
                    100.0,
                    1.0,
                    new BigDecimal("10"),
                    BigDecimal.ZERO,
                    10,
                    T0,
                    0.05,
                    0.05,
                    60,
                    0,
                    0,
                    0,
                    0));
            monitor.moveClock(l, T0 + 50_000);
            assertThat(store.positions()).as("no monitor past the limit yet").hasSize(1);
            monitor.moveClock(l, T0 + 100_000);
            return null;
        });

        assertThat(store.positions()).isEmpty();
        assertThat(store.journal()).singleElement().satisfies(line -> {
            assertThat(line).contains("\"reason\":\"TIME_EXIT\"");
            assertThat(line).contains("\"ts\":" + (T0 + 85_000));
        });
        assertThat(l.clock).isEqualTo(T0 + 100_000);
    }

    @Test
    void anOlderEventLeavesTheClockWhereItIs() {
        Ledger l = startedAt(T0);
        monitor.moveClock(l, T0 - 1_000);
        assertThat(l.clock).isEqualTo(T0);
    }

    @Test
    void passingAnHourPurgesIntentsOlderThanTheirTtlAsOfThatHour() {
        Ledger l = startedAt(T0);
        long purgedBefore = T0 - 5_000 + HOUR - 6 * HOUR; // as of 11:00, intent_ttl_sec 21600 (SPEC §7)
        store.transaction(() -> {
            store.recordIntent("old", "BTCUSDT", IntentStatus.REJECTED, 0, purgedBefore - 1, "{}");
            store.recordIntent("kept", "BTCUSDT", IntentStatus.REJECTED, 0, purgedBefore, "{}");
            monitor.moveClock(l, T0 + HOUR);
            return null;
        });
        assertThat(store.knowsIntent("old")).isFalse();
        assertThat(store.knowsIntent("kept")).isTrue();
    }

    private Ledger startedAt(long clock) {
        Ledger l = new Ledger(config.startingBalance());
        l.clock = clock;
        return l;
    }
}
