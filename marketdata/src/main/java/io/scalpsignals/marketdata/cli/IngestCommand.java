package io.scalpsignals.marketdata.cli;

import io.scalpsignals.marketdata.Ingest;
import io.scalpsignals.marketdata.IngestMetrics;
import io.scalpsignals.marketdata.Venue;
import io.scalpsignals.marketdata.kafka.KafkaOptions;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.model.read.TickValidator;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code scalp ingest}: a venue's public trades and top of book ({@link Ingest}) into the ticks
 * topic, key = symbol, value = SPEC §1 JSON, record time = trade time, as {@code scalp produce}
 * sends a file's. Runs until SIGTERM, which flushes the producer (the JVM then exits with 143, as
 * for any SIGTERM).
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Streams a venue's public trades (WebSocket) into the ticks topic until SIGTERM.")
public final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--venue",
            required = true,
            paramLabel = "bybit|binance",
            description = "Bybit (v5 public linear) or Binance (USD-M futures).")
    String venue;

    @Option(
            names = "--symbols",
            required = true,
            split = ",",
            paramLabel = "S1,S2,...",
            description = "As the venue writes them, e.g. BTCUSDT,ETHUSDT.")
    List<String> symbols;

    @Option(
            names = "--ws-url",
            paramLabel = "URL",
            description = "The venue's WebSocket (default: its production endpoint; a testnet's or a test's here).")
    String wsUrl;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", defaultValue = "ticks", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions if the topic is created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--ping-interval-sec",
            defaultValue = "20",
            description = "Heartbeat period where the client pings (Bybit) (default: ${DEFAULT-VALUE}).")
    int pingIntervalSec;

    @Option(
            names = "--pong-timeout-sec",
            defaultValue = "10",
            description = "A connection without a pong this long after a ping is dropped (default: ${DEFAULT-VALUE}).")
    int pongTimeoutSec;

    @Option(
            names = "--metrics-port",
            defaultValue = "9465",
            description = "Prometheus metrics on HOST:PORT/metrics; -1 turns them off (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(
            names = "--metrics-host",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description = "Address the metrics listen on (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        Venue v;
        Properties properties;
        InetAddress metricsAddress;
        try {
            v = Venue.parse(venue);
            for (String s : symbols) {
                if (!TickValidator.isValidSymbol(s)) {
                    throw new IllegalArgumentException("--symbols: '" + s + "' is no symbol ([A-Za-z0-9._:/-]{1,32})");
                }
            }
            if (pingIntervalSec < 1 || pongTimeoutSec < 1) {
                throw new IllegalArgumentException("--ping-interval-sec and --pong-timeout-sec: must be >= 1");
            }
            metricsAddress = InetAddress.getByName(metricsHost);
            properties = kafka.producerFor(topic, partitions);
        } catch (UnknownHostException e) {
            throw new CommandLine.ParameterException(cli, "--metrics-host: unknown address '" + metricsHost + "'");
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }

        PrintWriter err = cli.getErr();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.set(true);
                            try {
                                stopped.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "ingest-stop"));
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties);
                IngestMetrics metrics = new IngestMetrics(v.optionName(), symbols)) {
            if (metricsPort >= 0) {
                err.println("scalp ingest: metrics on http://" + metricsHost + ":"
                        + metrics.serve(metricsAddress, metricsPort) + "/metrics");
            }
            Ingest ingest = new Ingest(
                    v,
                    wsUrl != null ? wsUrl : v.streamUrl(),
                    symbols,
                    t -> {
                        producer.send(
                                new ProducerRecord<>(
                                        topic, null, t.ts(), t.symbol(), JsonLines.toJson(t, JsonLines.TICK)),
                                (m, e) -> {
                                    if (e != null) {
                                        firstFailure.compareAndSet(null, e);
                                        failed.incrementAndGet();
                                    }
                                });
                        sent.incrementAndGet();
                    },
                    metrics,
                    Clock.systemUTC(),
                    new Ingest.Timing(
                            Duration.ofSeconds(pingIntervalSec),
                            Duration.ofSeconds(pongTimeoutSec),
                            Ingest.Timing.DEFAULT.reconnectBackoff()),
                    line -> {
                        err.println("scalp ingest: " + line);
                        err.flush();
                    });
            ingest.run(stop::get);
            producer.flush();
            err.printf(
                    "scalp ingest: stopped; %,d ticks sent to %s, %,d not accepted by the broker%s%n",
                    sent.get(),
                    topic,
                    failed.get(),
                    firstFailure.get() == null
                            ? ""
                            : " (the first: " + firstFailure.get().getMessage() + ")");
            err.flush();
        } finally {
            stopped.countDown();
        }
        return failed.get() == 0 ? 0 : 1;
    }
}
