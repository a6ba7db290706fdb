package io.scalpsignals.bench;

import io.scalpsignals.job.LiveJob;
import io.scalpsignals.job.LiveOptions;
import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.DeadLetter;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.sinks.kafka.KafkaAdmin;
import io.scalpsignals.sinks.kafka.KafkaSinks;
import io.scalpsignals.sinks.kafka.KafkaTickSource;
import io.scalpsignals.testing.KafkaBroker;
import io.scalpsignals.testing.SyntheticTicks;
import io.scalpsignals.udf.config.StrategyConfig;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.annotation.Nullable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Tick→gate latency through a real Kafka broker (KRaft, in this JVM) and the live job (embedded
 * Flink, parallelism 2, heap state): synthetic ticks with planted bursts are produced at a fixed
 * rate with {@code ts} = the time each is due to be sent; a consumer outside the job reads what
 * the gate emits (the signals and blocked topics: every candidate is decided at its tick) and,
 * as the same-run baseline, one partition of the ticks topic itself (one Kafka hop, where the
 * job's path has two and the job between them). Latency = receive time minus due time, so a producer behind its
 * schedule counts too. The first {@code warmupSec} seconds are not counted; the strategy is
 * {@link #warmsUpFast()}.
 */
public final class LiveLatencyBench {

    /**
     * The latency settings under test.
     *
     * @param parallelism the job's {@code --parallelism}
     * @param bufferTimeoutMs the job's {@code --buffer-timeout-ms} (Flink network buffers)
     * @param lingerMs {@code linger.ms} of the job's Kafka sinks and of the tick producer
     * @param features whether the job also writes every tick's feature record to a topic
     */
    public record Settings(int parallelism, long bufferTimeoutMs, int lingerMs, boolean features) {}

    /** Percentiles in ms: the gate's output, and the ticks topic read directly (baseline). */
    public record Result(
            double sentPerSecond,
            int gateRecords,
            double gateP50,
            double gateP99,
            double gateP999,
            int ticks,
            double ticksP50,
            double ticksP99,
            double ticksP999) {}

    private LiveLatencyBench() {}

    /**
     * @param bootstrap a running broker to use (its topics must not exist yet), or null for a
     *     broker in this JVM
     */
    public static Result run(
            Path dir, int rate, int symbols, int warmupSec, int seconds, Settings settings, @Nullable String bootstrap)
            throws Exception {
        if (bootstrap != null) {
            Properties props = new Properties();
            props.setProperty("bootstrap.servers", bootstrap);
            return run(dir, props, rate, symbols, warmupSec, seconds, settings);
        }
        try (KafkaBroker broker = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
            return run(dir, broker.clientProperties(), rate, symbols, warmupSec, seconds, settings);
        }
    }

    private static Result run(
            Path dir, Properties props, int rate, int symbols, int warmupSec, int seconds, Settings settings)
            throws Exception {
        try (KafkaAdmin admin = new KafkaAdmin(props)) {
            admin.createMissing(
                    List.of("ticks", "signals", "signals-blocked", "ticks-dead-letter", "features"), 3, (short) 1);
        }
        LiveOptions options = new LiveOptions(
                settings.parallelism(),
                "hashmap",
                60_000,
                dir.resolve("checkpoints").toUri().toString(),
                dir.resolve("savepoints").toUri().toString(),
                null,
                settings.bufferTimeoutMs());
        Properties sink = new Properties();
        sink.putAll(props);
        sink.setProperty(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(settings.lingerMs()));
        DeliveryGuarantee once = DeliveryGuarantee.AT_LEAST_ONCE;
        LiveJob.Sinks sinks = new LiveJob.Sinks(
                KafkaSinks.json(
                        sink, "signals", Signal::symbol, JsonLines.signal(System::currentTimeMillis), once, "bench"),
                KafkaSinks.json(
                        sink,
                        "signals-blocked",
                        (BlockedSignal b) -> b.signal().symbol(),
                        JsonLines.BLOCKED,
                        once,
                        "bench"),
                KafkaSinks.json(sink, "ticks-dead-letter", DeadLetter::source, JsonLines.DEAD_LETTER, once, "bench"),
                settings.features()
                        ? KafkaSinks.json(sink, "features", TickFeatures::symbol, JsonLines.FEATURES, once, "bench")
                        : null);
        JobClient job = new LiveJob(KafkaTickSource.live(props, "ticks", "bench", true), sinks, warmsUpFast(), options)
                .executeAsync();
        try {
            return measure(props, rate, symbols, warmupSec, seconds, settings.lingerMs());
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private static Result measure(Properties props, int rate, int symbols, int warmupSec, int seconds, int lingerMs)
            throws Exception {
        long total = (long) rate * (warmupSec + seconds);
        long startMs = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        long countFrom = startNanos + TimeUnit.SECONDS.toNanos(warmupSec);
        Samples gate = new Samples(2_000_000);
        Samples ticks = new Samples((int) Math.min((long) rate * seconds, 20_000_000));
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer =
                new Thread(() -> consume(props, startMs, startNanos, countFrom, gate, ticks, stop), "latency-consumer");
        consumer.start();

        Properties p = new Properties();
        p.putAll(props);
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        p.setProperty(ProducerConfig.ACKS_CONFIG, "1");
        long[] sent = new long[1];
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            new SyntheticTicks(symbols, rate, 7, startMs).generate(total, t -> {
                long due = startNanos + (t.ts() - startMs) * 1_000_000L;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                Tick now = t; // ts is its send time: the wall clock when it is due
                producer.send(new ProducerRecord<>(
                        "ticks", null, now.ts(), now.symbol(), JsonLines.toJson(now, JsonLines.TICK)));
                sent[0]++;
            });
            producer.flush();
        }
        double sendSeconds = (System.nanoTime() - startNanos) / 1e9;
        Thread.sleep(1_000); // the outputs of the last ticks are on their way: each leaves at its tick
        stop.set(true);
        consumer.join();
        double[] g = gate.percentiles();
        double[] t = ticks.percentiles();
        return new Result(sent[0] / sendSeconds, gate.count, g[0], g[1], g[2], ticks.count, t[0], t[1], t[2]);
    }

    /** Latencies in ns, up to a capacity. */
    private static final class Samples {
        private final long[] values;
        private int count;

        Samples(int capacity) {
            values = new long[capacity];
        }

        void add(long nanos) {
            if (count < values.length) {
                values[count++] = nanos;
            }
        }

        /** p50, p99, p99.9 in ms. */
        double[] percentiles() {
            double[] q = Bench.percentiles(values, count, 0.50, 0.99, 0.999);
            for (int i = 0; i < q.length; i++) {
                q[i] /= 1e6;
            }
            return q;
        }
    }

    /**
     * The defaults with the shortest volume history the configuration allows (volume window 60 s,
     * history 120 s, crash guard 60 s), so that the volume ratio, and with it the triggers, is
     * defined two minutes into the run instead of 65.
     */
    static StrategyConfig warmsUpFast() {
        StrategyConfig c = StrategyConfig.defaults();
        c.volumeWindowSec = 60;
        c.historySec = 120;
        c.crashGuardWindowSec = 60;
        return c.validate();
    }

    /**
     * Latency of each record of the signals and blocked topics and of the ticks of the ticks
     * topic's partition 0: its arrival less the time its tick was due to be sent, which is its
     * record timestamp (the tick's {@code ts}, which the job's sinks give the records of a tick
     * too) by construction ({@code startNanos} is {@code startMs}). Reading timestamps, not
     * JSON, keeps this consumer's own CPU small. Its fetch settings are Kafka's defaults: the
     * broker answers a fetch as soon as a record arrives.
     */
    private static void consume(
            Properties props,
            long startMs,
            long startNanos,
            long countFrom,
            Samples gate,
            Samples ticks,
            AtomicBoolean stop) {
        Properties c = new Properties();
        c.putAll(props);
        c.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = new ArrayList<>(List.of(new TopicPartition("ticks", 0)));
            for (String topic : List.of("signals", "signals-blocked")) {
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long received = System.nanoTime();
                    if (received >= countFrom && r.timestamp() >= startMs) {
                        (r.topic().equals("ticks") ? ticks : gate)
                                .add(received - (startNanos + (r.timestamp() - startMs) * 1_000_000L));
                    }
                }
            }
        }
    }
}
