package io.scalpsignals.job.cli;

import io.scalpsignals.marketdata.kafka.KafkaOptions;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code scalp produce}: replays a trade file into the ticks topic at a given rate, keeping the
 * file's event times (each record's value is the tick's JSON, its key the symbol, its timestamp
 * the tick's {@code ts}). Records that fail validation are counted and skipped. {@code
 * --shift-to-now} moves every tick by the wall clock minus the first tick's {@code ts}, gaps kept:
 * history replayed as if it were happening now, e.g. to paper-trade it through the executor,
 * whose clock is the wall clock. A tick the broker does not accept fails the command (exit 1)
 * after the others are sent, with the count and the first error.
 */
@Command(name = "produce", mixinStandardHelpOptions = true, description = "Replays a trade file into the ticks topic.")
public final class ProduceCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "A trade file.")
    Path input;

    @Option(
            names = "--format",
            defaultValue = "auto",
            description =
                    "auto, csv, jsonl, bitstamp, tardis, freqtrade, bybit or binance-aggtrades (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--symbol", description = "Symbol of records that carry none.")
    String symbol;

    @Option(names = "--topic", defaultValue = "ticks", description = "Default: ${DEFAULT-VALUE}.")
    String topic;

    @Option(
            names = "--rate",
            defaultValue = "0",
            paramLabel = "N",
            description = "Ticks per second; 0 (default) sends as fast as the broker takes them.")
    double rate;

    @Option(
            names = "--shift-to-now",
            description = "Move every tick's ts by (now - the first tick's ts), keeping the gaps.")
    boolean shiftToNow;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions if the topic is created (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        TickFormat tickFormat;
        Properties properties;
        try {
            tickFormat = TickFormat.parse(format);
            if (!Files.isRegularFile(input)) {
                throw new IllegalArgumentException("--input: no readable file " + input);
            }
            if (rate < 0) {
                throw new IllegalArgumentException("--rate: must be >= 0, got " + rate);
            }
            properties = kafka.producerFor(topic, partitions);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }

        PrintWriter err = cli.getErr();
        long sent = 0;
        long skipped = 0;
        long start = System.nanoTime();
        long lastReport = start;
        long shift = Long.MIN_VALUE;
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (InputStream in = Files.newInputStream(input);
                TickReader reader = TickReader.open(in, input.toString(), tickFormat, symbol);
                KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            while (reader.hasNext()) {
                ReadResult r = reader.next();
                if (!r.isAccepted()) {
                    skipped++;
                    continue;
                }
                Tick t = r.tick();
                if (shiftToNow) {
                    if (shift == Long.MIN_VALUE) {
                        shift = System.currentTimeMillis() - t.ts();
                    }
                    t = t.shifted(shift);
                }
                if (rate > 0) {
                    long due = start + (long) (sent * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                producer.send(
                        new ProducerRecord<>(topic, null, t.ts(), t.symbol(), JsonLines.toJson(t, JsonLines.TICK)),
                        (metadata, e) -> {
                            if (e != null) {
                                firstFailure.compareAndSet(null, e);
                                failed.incrementAndGet();
                            }
                        });
                sent++;
                long now = System.nanoTime();
                if (now - lastReport > TimeUnit.SECONDS.toNanos(2)) {
                    lastReport = now;
                    err.printf("scalp produce: %,d ticks sent (%,.0f ticks/s)%n", sent, sent / ((now - start) / 1e9));
                    err.flush();
                }
            }
            producer.flush();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(
                    String.format(
                            "%,d of %,d ticks were not accepted by the broker, the first: %s",
                            failed.get(), sent, firstFailure.get().getMessage()),
                    firstFailure.get());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        cli.getOut()
                .printf(
                        "scalp produce: %,d ticks sent to %s in %.1f s (%,.0f ticks/s), %,d invalid records skipped%n",
                        sent, topic, seconds, sent / Math.max(seconds, 1e-9), skipped);
        cli.getOut().flush();
        return 0;
    }
}
