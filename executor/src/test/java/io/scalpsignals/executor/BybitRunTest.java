package io.scalpsignals.executor;

import static io.scalpsignals.executor.Scenario.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.broker.bybit.BybitBroker;
import io.scalpsignals.executor.broker.bybit.FakeBybit;
import io.scalpsignals.executor.config.ExecutorConfig;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * A run of the engine against the fake venue through everything that goes wrong live: rate limits
 * and server errors, final refusals, positions that vanish at the venue, a pause and a close of
 * everything (an open under the minimum has its own test in {@code BybitBrokerTest}). Every intent is settled exactly once, none is left PENDING,
 * no close ever opened a position (the venue's net position never has the other sign than the
 * portfolio's, and is flat where the portfolio is), and the portfolio and the venue agree at the end.
 */
class BybitRunTest {

    private static final String KEY = "run-key-5678";
    private static final String SECRET = "run-secret-efgh";
    private static final String[] SYMBOLS = {"BTCUSDT"};

    @TempDir
    Path dir;

    @Test
    void everyIntentIsSettledOnceAndNoCloseOpensAPosition() throws Exception {
        Random r = new Random(13);
        Clock clock = Clock.fixed(Instant.ofEpochMilli(Scenario.T0), ZoneOffset.UTC);
        int signals = 0;
        boolean closedByHand = false;
        try (FakeBybit fake = new FakeBybit(KEY, SECRET);
                Scenario s = new Scenario(
                        dir, ExecutorConfig.defaults(), new BybitBroker(fake.base(), KEY, SECRET, clock))) {
            double price = 100.0;
            fake.price("BTCUSDT", price);
            s.engine.recover();
            for (int i = 0; i < 240; i++) {
                long at = i * 20_000L;
                price *= 1 + r.nextGaussian() * 0.004;
                fake.price("BTCUSDT", price);
                s.tick(at, price);
                switch (r.nextInt(16)) {
                    case 0 -> fake.failNext(BybitBroker.RATE_LIMIT, 1 + r.nextInt(2));
                    case 1 -> fake.failNext(503, 1);
                    case 2 -> fake.failNext(110007, 1); // insufficient balance: the next order is refused for good
                    case 3 -> fake.flatten("BTCUSDT"); // liquidated or closed by hand at the venue
                    default -> {}
                }
                if (i == 100) {
                    s.store.requestControl("PAUSE", null, Scenario.T0 + at);
                    s.engine.applyControls();
                }
                if (i == 130) {
                    s.store.requestControl("RESUME", null, Scenario.T0 + at);
                    s.engine.applyControls();
                }
                if (i > 130 && !closedByHand && !s.store.positions().isEmpty()) {
                    s.store.requestControl("CLOSE", null, Scenario.T0 + at);
                    s.engine.applyControls();
                    closedByHand = true;
                }
                if (i % 3 == 0) {
                    s.signal(open("s" + i, r.nextBoolean() ? "OPEN_LONG" : "OPEN_SHORT", at));
                    signals++;
                }
                checkNoCloseOpened(s, fake);
            }

            Map<String, Integer> settled = new HashMap<>();
            Map<String, Integer> outcomes = new HashMap<>();
            for (JsonNode n : s.journal()) {
                String event = n.get("event").asText();
                String reason =
                        n.get("reason").isNull() ? "" : " " + n.get("reason").asText();
                outcomes.merge(event + reason, 1, Integer::sum);
                if (!event.equals("CLOSED")) {
                    settled.merge(n.get("intent_id").asText(), 1, Integer::sum);
                }
            }
            assertThat(settled)
                    .hasSize(signals)
                    .allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(s.store.unsettledIntents()).isEmpty();
            assertThat(outcomes)
                    .containsKeys(
                            "OPENED",
                            "REJECTED VENUE_REJECTED",
                            "REJECTED PAUSED",
                            "CLOSED VENUE_CLOSED",
                            "CLOSED MANUAL");
            assertThat(s.engine.reconcile()).isEmpty();
        }
    }

    /** The venue's position has the portfolio's sign and size, or is flat where it vanished: never the other sign. */
    private static void checkNoCloseOpened(Scenario s, FakeBybit fake) {
        for (String symbol : SYMBOLS) {
            BigDecimal venue = fake.position(symbol);
            BigDecimal book = s.store
                    .position(symbol)
                    .map(p -> BigDecimal.valueOf(p.direction() * p.qty()))
                    .orElse(BigDecimal.ZERO);
            assertThat(venue.signum() == 0 || venue.compareTo(book) == 0)
                    .as("venue %s, book %s", venue, book)
                    .isTrue();
        }
    }
}
