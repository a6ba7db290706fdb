package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The Bybit v5 adapter against a local fake that behaves as Bybit documents. */
class BybitBrokerTest {

    private static final String KEY = "test-key-1234";
    private static final String SECRET = "test-secret-abcd";
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(Scenario.T0), ZoneOffset.UTC);

    @TempDir Path dir;

    @Test
    void placesASignedMarketOrderAndReadsItsFill() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET); BybitBroker bybit = new BybitBroker(fake.base(), KEY, SECRET, CLOCK)) {
            fake.price("BTCUSDT", 50_010.5);

            Broker.Fill fill = bybit.place(new Broker.Order("28f2c045-7890-526a-89f6-73f2f2b80cbc", "BTCUSDT", 1, 0.015, 50_000, Scenario.T0));

            assertThat(fill).isEqualTo(new Broker.Fill("28f2c045-7890-526a-89f6-73f2f2b80cbc", 50_010.5, 0.015));
            assertThat(fake.orderCount()).isEqualTo(1);
        }
    }

    @Test
    void aDuplicateOrderLinkIdIsTreatedAsPlacedAndQueried() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET); BybitBroker bybit = new BybitBroker(fake.base(), KEY, SECRET, CLOCK)) {
            fake.price("BTCUSDT", 100.0);
            Broker.Order order = new Broker.Order("intent-1", "BTCUSDT", -1, 2.0, 100, Scenario.T0);
            Broker.Fill first = bybit.place(order);
            fake.price("BTCUSDT", 200.0);

            Broker.Fill again = bybit.place(order); // Bybit answers 110072

            assertThat(again).isEqualTo(first);
            assertThat(fake.orderCount()).isEqualTo(1);
            assertThat(bybit.query("intent-1")).contains(first);
            assertThat(bybit.query("never-sent")).isEmpty();
        }
    }

    @Test
    void aBadSignatureIsRefusedWithoutShowingTheKeys() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET); BybitBroker wrong = new BybitBroker(fake.base(), KEY, "wrong-secret-xyz", CLOCK)) {
            assertThatThrownBy(() -> wrong.place(new Broker.Order("i", "BTCUSDT", 1, 1.0, 1, Scenario.T0)))
                    .hasMessageContaining("retCode 10004")
                    .hasMessageNotContaining(KEY)
                    .hasMessageNotContaining("wrong-secret-xyz");
            assertThat(wrong.toString()).doesNotContain(KEY).doesNotContain("wrong-secret-xyz");
        }
    }

    @Test
    void theEngineTradesThroughBybit() throws Exception {
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                Scenario s = new Scenario(dir, ExecutorConfig.defaults(), BybitBroker.fromEnvironment(
                        Map.of("BYBIT_API_KEY", KEY, "BYBIT_API_SECRET", SECRET, "BYBIT_BASE_URL", fake.base().toString()), CLOCK))) {
            fake.price("BTCUSDT", 100.03);
            s.tick(0, 100.0).signal(open("a", "OPEN_LONG", 0));

            assertThat(s.outcomes()).containsExactly("OPENED");
            assertThat(s.journal().get(0).get("price").asDouble()).isEqualTo(100.03);
            assertThat(fake.orderCount()).isEqualTo(1);
        }
        assertThatThrownBy(() -> BybitBroker.fromEnvironment(Map.of("BYBIT_API_KEY", KEY), CLOCK))
                .hasMessage("BYBIT_API_SECRET is not set");
    }
}
