package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.state.Ledger;
import io.scalpsignals.executor.state.StateStore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;

/** What may wait for the next transaction, and what a transaction then writes of it. */
class DeferredEventsTest {

    private static final long HOUR = 3_600_000L;
    private static final long MONITOR = 30_000L;

    @TempDir
    Path dir;

    @Test
    void aClockMoveWaitsUnlessItRunsAMonitorOverAPositionOrPassesAnHour() {
        long t = 10 * HOUR + 1_000;
        assertThat(DeferredEvents.clockMoveDeferrable(t + 40_000, t, false, MONITOR))
                .as("a monitor, nothing open")
                .isTrue();
        assertThat(DeferredEvents.clockMoveDeferrable(t + 40_000, t, true, MONITOR))
                .as("a monitor over a position")
                .isFalse();
        assertThat(DeferredEvents.clockMoveDeferrable(t + 20_000, t, true, MONITOR))
                .as("no monitor due")
                .isTrue();
        assertThat(DeferredEvents.clockMoveDeferrable(11 * HOUR, t, false, MONITOR))
                .as("the hour's intent purge")
                .isFalse();
        assertThat(DeferredEvents.clockMoveDeferrable(t - 5_000, t, true, MONITOR))
                .as("an older event")
                .isTrue();
        assertThat(DeferredEvents.clockMoveDeferrable(t, Long.MIN_VALUE, true, MONITOR))
                .as("the first event")
                .isTrue();
    }

    @Test
    void aTransactionWritesTheLatestPriceAndTouchTheLatestClockAndEveryReadPosition() {
        DeferredEvents deferred = new DeferredEvents();
        deferred.addTick("BTCUSDT", 100.0, new LimitEntries.Touch(99.9, 100.1, 3, 4), 5_000, l -> l.ticksRead = 1);
        deferred.addTick("BTCUSDT", 101.0, null, 7_000, l -> l.ticksRead = 2); // no quotes: the touch stays
        deferred.add(6_000, l -> l.chainRead = 1);
        try (StateStore store = StateStore.open(dir)) {
            Ledger l = new Ledger(BigDecimal.TEN);
            l.clock = 4_000;

            store.transaction(() -> {
                deferred.applyTo(l, store);
                return null;
            });

            assertThat(store.lastPrices()).containsExactlyEntriesOf(Map.of("BTCUSDT", 101.0));
            assertThat(store.touches()).containsOnlyKeys("BTCUSDT");
            assertThat(store.touches().get("BTCUSDT")).containsExactly(99.9, 100.1, 3, 4);
            assertThat(l.clock).isEqualTo(7_000);
            assertThat(l.ticksRead).isEqualTo(2);
            assertThat(l.chainRead).isEqualTo(1);
            assertThat(deferred.clock(8_000)).isEqualTo(8_000);
            deferred.clear();
            assertThat(deferred.isEmpty()).isTrue();
            assertThat(deferred.clock(4_000)).isEqualTo(4_000);
        }
    }
}
