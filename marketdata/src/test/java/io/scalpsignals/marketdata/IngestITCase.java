package io.scalpsignals.marketdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scalpsignals.model.Tick;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.testing.FakeVenue;
import io.scalpsignals.testing.KafkaBroker;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Ingest} against a local fake venue speaking each venue's documented frames, into a real
 * Kafka broker: the ticks on the topic are exactly the trades sent, with the top of book of their
 * moment; bad frames are counted and skipped; a dropped connection and a missed pong are followed
 * by a reconnect that subscribes again, and the gap is counted; Binance's pings are answered.
 */
class IngestITCase {

    private static final long T = 1_704_067_200_000L;

    @TempDir
    Path dir;

    @Test
    void bybitTradesReachTheTopicThroughDropsAndAMissedPong() throws Exception {
        String book = "{\"topic\":\"orderbook.1.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + T
                + ",\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"42000.5\",\"1.5\"]],\"a\":[[\"42001.0\",\"2.0\"]],\"u\":1,\"seq\":1}}";
        String delta = "{\"topic\":\"orderbook.1.BTCUSDT\",\"type\":\"delta\",\"ts\":" + (T + 3000)
                + ",\"data\":{\"s\":\"BTCUSDT\",\"b\":[[\"42000.8\",\"0.5\"]],\"a\":[],\"u\":2,\"seq\":2}}";
        FakeVenue.Script first = new FakeVenue.Script() {
            @Override
            public void message(WebSocket c, String text) {
                if (text.contains("subscribe")) {
                    c.send("{\"success\":true,\"ret_msg\":\"\",\"conn_id\":\"a\",\"op\":\"subscribe\"}");
                    c.send(book);
                    c.send(trades(trade(T + 1, "42000.9", "0.010", "Buy"), trade(T + 2, "42000.6", "0.250", "Sell")));
                    c.send("{not json");
                    c.send("{\"topic\":\"tickers.BTCUSDT\",\"data\":{}}");
                    c.close(); // a dropped connection
                }
            }
        };
        FakeVenue.Script silent = new FakeVenue.Script() {
            @Override
            public void message(WebSocket c, String text) {
                if (text.contains("subscribe")) {
                    c.send(book);
                    c.send(trades(trade(T + 1000, "42001.0", "0.100", "Buy"))); // then no pong: pings go unanswered
                }
            }
        };
        AtomicBoolean healthySent = new AtomicBoolean();
        FakeVenue.Script healthy = new FakeVenue.Script() { // also every later connection (a pong late under load)
                    @Override
                    public void message(WebSocket c, String text) {
                        if (text.contains("subscribe")) {
                            c.send(book);
                            if (healthySent.compareAndSet(false, true)) {
                                c.send(delta);
                                c.send(trades(trade(T + 3001, "42000.9", "0.300", "Sell")));
                            }
                        } else if (text.contains("\"ping\"")) {
                            c.send("{\"success\":true,\"ret_msg\":\"pong\",\"conn_id\":\"c\",\"op\":\"ping\"}");
                        }
                    }
                };
        List<Tick> expected = List.of(
                new Tick("BTCUSDT", T + 1, 42000.9, 0.010, "buy", 42000.5, 42001.0, 1.5, 2.0),
                new Tick("BTCUSDT", T + 2, 42000.6, 0.250, "sell", 42000.5, 42001.0, 1.5, 2.0),
                new Tick("BTCUSDT", T + 1000, 42001.0, 0.100, "buy", 42000.5, 42001.0, 1.5, 2.0),
                new Tick("BTCUSDT", T + 3001, 42000.9, 0.300, "sell", 42000.8, 42001.0, 0.5, 2.0));

        Run run = ingest(Venue.BYBIT, List.of(first, silent, healthy), expected.size());

        assertThat(run.topic)
                .containsExactlyElementsOf(expected.stream()
                        .map(t -> JsonLines.toJson(t, JsonLines.TICK))
                        .toList());
        assertThat(run.venue.received.stream()
                        .filter(m -> m.contains("\"op\":\"subscribe\""))
                        .toList())
                .hasSizeBetween(3, 4)
                .allSatisfy(m -> assertThat(m).contains("publicTrade.BTCUSDT", "orderbook.1.BTCUSDT"));
        // the two scripted ones; a pong late on a loaded machine may add one, which is no fault
        assertThat(run.metrics.reconnects("bybit")).isBetween(2L, 3L);
        assertThat(run.metrics.malformedFrames("bybit")).isEqualTo(2);
        assertThat(dashboardIngestMetrics())
                .isNotEmpty()
                .allSatisfy(m -> assertThat(run.exposition).contains("\n" + m));
        assertThat(run.exposition).contains("scalp_ingest_trades_total{symbol=\"BTCUSDT\",venue=\"bybit\"} 4.0");
        assertThat(run.log)
                .anySatisfy(l -> assertThat(l).contains("no pong within 300 ms"))
                .anySatisfy(l -> assertThat(l).contains("BTCUSDT: no data for", "across the reconnect"));
    }

    @Test
    void binanceStreamsAreNamedInTheUrlAndItsPingsAnswered() throws Exception {
        FakeVenue.Script script = new FakeVenue.Script() {
            @Override
            public void open(WebSocket c, String path) {
                c.send("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"e\":\"bookTicker\",\"u\":1,\"E\":" + T
                        + ",\"T\":" + T
                        + ",\"s\":\"BTCUSDT\",\"b\":\"42000.10\",\"B\":\"3.5\",\"a\":\"42000.20\",\"A\":\"1.25\"}}");
                c.send("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":" + (T + 5)
                        + ",\"s\":\"BTCUSDT\",\"a\":1," + "\"p\":\"42000.20\",\"q\":\"0.004\",\"f\":1,\"l\":1,\"T\":"
                        + (T + 4) + ",\"m\":false}}");
                c.sendPing();
            }
        };

        Run run = ingest(Venue.BINANCE, List.of(script), 1);

        assertThat(run.venue.paths).containsExactly("/stream?streams=btcusdt@aggTrade/btcusdt@bookTicker");
        assertThat(run.topic)
                .containsExactly(JsonLines.toJson(
                        new Tick("BTCUSDT", T + 4, 42000.20, 0.004, "buy", 42000.10, 42000.20, 3.5, 1.25),
                        JsonLines.TICK));
        await().atMost(Duration.ofSeconds(10)).until(() -> run.venue.pongs.get() >= 1);
    }

    private record Run(
            FakeVenue venue, List<String> topic, IngestMetrics metrics, List<String> log, String exposition) {}

    /** Runs {@link Ingest} against the scripts until {@code ticks} ticks are on the topic, then stops it. */
    private Run ingest(Venue v, List<FakeVenue.Script> scripts, int ticks) throws Exception {
        FakeVenue venue = new FakeVenue(scripts);
        venue.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> venue.getPort() > 0);
        List<String> log = new CopyOnWriteArrayList<>();
        try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")));
                IngestMetrics metrics = new IngestMetrics(v.optionName(), List.of("BTCUSDT"))) {
            kafka.createTopics(1, "ticks");
            int port = metrics.serve(InetAddress.getLoopbackAddress(), 0);
            Properties p = kafka.clientProperties();
            p.setProperty("key.serializer", StringSerializer.class.getName());
            p.setProperty("value.serializer", StringSerializer.class.getName());
            AtomicBoolean stop = new AtomicBoolean();
            Thread thread;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                Ingest ingest = new Ingest(
                        v,
                        venue.url(),
                        List.of("BTCUSDT"),
                        t -> producer.send(new ProducerRecord<>(
                                "ticks", null, t.ts(), t.symbol(), JsonLines.toJson(t, JsonLines.TICK))),
                        metrics,
                        Clock.systemUTC(),
                        new Ingest.Timing(Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(50)),
                        line -> {
                            log.add(line);
                            System.err.println("ingest: " + line);
                        });
                thread = new Thread(() -> ingest.run(stop::get), "ingest");
                thread.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    producer.flush();
                    return kafka.values("ticks").size() >= ticks;
                });
                stop.set(true);
                thread.join(10_000);
            }
            assertThat(thread.isAlive()).as("ingest stopped").isFalse();
            String exposition = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            return new Run(venue, kafka.values("ticks"), metrics, log, exposition);
        } finally {
            venue.stop(1_000);
        }
    }

    /** The scalp_ingest_* metrics the dashboard queries (ClusterITCase checks the others against the job and the executor). */
    private static Set<String> dashboardIngestMetrics() throws IOException {
        Set<String> names = new TreeSet<>();
        Path dashboard =
                Path.of(System.getProperty("scalp.root", "..")).resolve("deploy/grafana/dashboards/scalp-signals.json");
        Matcher m = Pattern.compile("\\bscalp_ingest_[a-z_]+").matcher(Files.readString(dashboard));
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    private static String trades(String... elements) {
        return "{\"topic\":\"publicTrade.BTCUSDT\",\"type\":\"snapshot\",\"ts\":" + T + ",\"data\":["
                + String.join(",", elements) + "]}";
    }

    private static String trade(long ts, String price, String size, String side) {
        return "{\"T\":" + ts + ",\"s\":\"BTCUSDT\",\"S\":\"" + side + "\",\"v\":\"" + size + "\",\"p\":\"" + price
                + "\",\"L\":\"PlusTick\",\"i\":\"" + ts + "\",\"BT\":false}";
    }
}
