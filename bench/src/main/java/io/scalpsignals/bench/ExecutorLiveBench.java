package io.scalpsignals.bench;

import io.scalpsignals.executor.Engine;
import io.scalpsignals.executor.broker.paper.PaperBroker;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.LiveRunner;
import io.scalpsignals.executor.state.StateStore;
import io.scalpsignals.model.IntentIds;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.testing.KafkaBroker;
import io.scalpsignals.testing.SignalLine;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code executor run}'s loop ({@link LiveRunner}: group commit, durable SQLite state, paper
 * broker, wall clock) against a KRaft broker in the same JVM, fed ticks of {@code symbols}
 * symbols at {@code rate} per second (a signal every 1,000 ticks) for {@code seconds}. The
 * consumer lag is read from the group's committed offsets (the runner commits them after every
 * poll, once its state is committed) every 100 ms: its maximum, and the time the runner needs
 * after the feed stops to apply the last tick.
 */
public final class ExecutorLiveBench {

    /**
     * @param sentPerSecond ticks the feed sent per second
     * @param maxLag the largest number of ticks sent but not yet applied (committed)
     * @param drainSeconds from the feed's last tick to the runner's commit of it
     */
    public record Result(double sentPerSecond, long ticks, long maxLag, double drainSeconds) {}

    private ExecutorLiveBench() {}

    public static Result run(Path dir, int rate, int symbols, int seconds) throws Exception {
        try (KafkaBroker kafka = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
            kafka.createTopics(1, "ticks", "signals");
            Properties consumer = kafka.clientProperties();
            consumer.setProperty("group.id", "bench-executor");
            AtomicBoolean stop = new AtomicBoolean();
            Thread runner = new Thread(
                    () -> {
                        try (StateStore store = StateStore.open(dir.resolve("state"), StateStore.MAX_GROUP);
                                PaperBroker paper = new PaperBroker(
                                        dir.resolve("state"),
                                        ExecutorConfig.defaults().slippagePct(),
                                        ExecutorConfig.defaults().feePct(),
                                        OptionsConfig.defaults().contractMultiplier())) {
                            new LiveRunner(
                                            new Engine(store, paper, ExecutorConfig.defaults(), Clock.systemUTC()),
                                            consumer,
                                            "signals",
                                            "ticks",
                                            null)
                                    .run(stop::get);
                        }
                    },
                    "executor-live");
            runner.start();

            AtomicLong sent = new AtomicLong();
            AtomicLong maxLag = new AtomicLong();
            AtomicBoolean feeding = new AtomicBoolean(true);
            long[] drained = new long[1];
            Thread lag = new Thread(() -> watchLag(kafka, sent, maxLag, feeding, drained), "executor-lag");
            lag.start();

            long start = System.nanoTime();
            feed(kafka, rate, symbols, seconds, sent);
            long fedAt = System.nanoTime();
            feeding.set(false);
            lag.join();
            stop.set(true);
            runner.join();
            return new Result(
                    sent.get() / ((fedAt - start) / 1e9), sent.get(), maxLag.get(), (drained[0] - fedAt) / 1e9);
        }
    }

    private static void feed(KafkaBroker kafka, int rate, int symbols, int seconds, AtomicLong sent) {
        Properties p = kafka.clientProperties();
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "5");
        Random random = new Random(5);
        double[] prices = new double[symbols];
        Arrays.fill(prices, 100.0);
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (long i = 0; i < total; i++) {
                long wait = start + i * 1_000_000_000L / rate - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int s = (int) (i % symbols);
                prices[s] *= 1 + random.nextGaussian() * 0.0005;
                String symbol = String.format(Locale.ROOT, "SYM%04dUSDT", s);
                long now = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(
                        "ticks", symbol, JsonLines.toJson(Tick.trade(symbol, now, prices[s], 1), JsonLines.TICK)));
                sent.incrementAndGet();
                if (i % 1_000 == 999) {
                    producer.send(new ProducerRecord<>(
                            "signals",
                            symbol,
                            SignalLine.open(
                                            IntentIds.of("live|" + i),
                                            symbol,
                                            random.nextBoolean() ? "OPEN_LONG" : "OPEN_SHORT",
                                            now,
                                            prices[s])
                                    .withConfidence(70)
                                    .withSize(5.0, 0.1)
                                    .withExits(0.004, 0.004, 30, 5, 0.002, 0.001)
                                    .json()));
                }
            }
            producer.flush();
        }
    }

    /** Samples the group's committed offset of the ticks every 100 ms until it reaches the last tick sent. */
    private static void watchLag(
            KafkaBroker kafka, AtomicLong sent, AtomicLong maxLag, AtomicBoolean feeding, long[] drained) {
        TopicPartition ticks = new TopicPartition("ticks", 0);
        try (Admin admin = Admin.create(kafka.clientProperties())) {
            while (true) {
                boolean fed = !feeding.get();
                long total = sent.get();
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("bench-executor")
                        .partitionsToOffsetAndMetadata()
                        .get();
                OffsetAndMetadata o = committed.get(ticks);
                long applied = o == null ? 0 : o.offset();
                maxLag.accumulateAndGet(total - applied, Math::max);
                if (fed && applied >= total) {
                    drained[0] = System.nanoTime();
                    return;
                }
                LockSupport.parkNanos(100_000_000L);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the executor's consumer lag", e);
        }
    }
}
