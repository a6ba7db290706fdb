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
import io.scalpsignals.udf.config.StrategyConfig;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * Tick→signal latency through a real Kafka broker (KRaft, in this JVM) and the live job
 * (embedded Flink, heap state, the latency settings of {@code scalp run}): synthetic ticks with
 * planted bursts are produced at a fixed rate with {@code ts} = their send time; a consumer reads
 * what the gate emits (signals and blocked candidates: the same point in the job) and the
 * feature records (one per tick, emitted before any waiting for the watermark). Latency = the
 * consumer's receive time minus the producer's send time of the tick it belongs to (same
 * symbol and {@code ts}; the first tick of that millisecond). The first {@code warmupSec} seconds
 * are not counted; the strategy is {@link #warmsUpFast()}.
 */
public final class LiveLatencyBench {

    /** Percentiles in ms of the gate's output and of the feature records. */
    public record Result(double sentPerSecond, int gateRecords, double gateP50, double gateP99, double gateP999,
            int featureRecords, double featuresP50, double featuresP99, double featuresP999) {}

    private LiveLatencyBench() {}

    /** @param symbolIdleMs the job's {@code --symbol-idle-ms} (10,000 by default) */
    public static Result run(Path dir, int rate, int symbols, int warmupSec, int seconds, long symbolIdleMs) throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(Files.createDirectories(dir.resolve("kafka")))) {
            Properties props = broker.clientProperties();
            try (KafkaAdmin admin = new KafkaAdmin(props)) {
                admin.createMissing(List.of("ticks", "signals", "signals-blocked", "ticks-dead-letter", "features"), 3, (short) 1);
            }
            LiveOptions options = new LiveOptions(2, "hashmap", 60_000, dir.resolve("checkpoints").toUri().toString(),
                    dir.resolve("savepoints").toUri().toString(), null, 5, 50, symbolIdleMs, 5_000, 1_000);
            DeliveryGuarantee once = DeliveryGuarantee.AT_LEAST_ONCE;
            LiveJob.Sinks sinks = new LiveJob.Sinks(
                    KafkaSinks.json(props, "signals", Signal::symbol, JsonLines.signal(System::currentTimeMillis), once, "bench"),
                    KafkaSinks.json(props, "signals-blocked", (BlockedSignal b) -> b.signal().symbol(), JsonLines.BLOCKED, once, "bench"),
                    KafkaSinks.json(props, "ticks-dead-letter", DeadLetter::source, JsonLines.DEAD_LETTER, once, "bench"),
                    KafkaSinks.json(props, "features", TickFeatures::symbol, JsonLines.FEATURES, once, "bench"));
            JobClient job = new LiveJob(KafkaTickSource.live(props, "ticks", "bench", true), sinks, warmsUpFast(), options)
                    .executeAsync();
            try {
                return measure(props, rate, symbols, warmupSec, seconds);
            } finally {
                job.cancel().get(60, TimeUnit.SECONDS);
            }
        }
    }

    private static Result measure(Properties props, int rate, int symbols, int warmupSec, int seconds) throws Exception {
        long total = (long) rate * (warmupSec + seconds);
        long startMs = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        long countFrom = startNanos + TimeUnit.SECONDS.toNanos(warmupSec);
        long[] gate = new long[2_000_000];
        long[] features = new long[(int) Math.min(total, 20_000_000)];
        int[] counts = new int[2];
        AtomicBoolean stop = new AtomicBoolean();
        Thread consumer = new Thread(() -> consume(props, startMs, startNanos, countFrom, gate, features, counts, stop),
                "latency-consumer");
        consumer.start();

        Properties p = new Properties();
        p.putAll(props);
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
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
                producer.send(new ProducerRecord<>("ticks", null, now.ts(), now.symbol(), JsonLines.toJson(now, JsonLines.TICK)));
                sent[0]++;
            });
            producer.flush();
        }
        double sendSeconds = (System.nanoTime() - startNanos) / 1e9;
        Thread.sleep(3_000); // the last ticks' watermark: quiet-watermark advance after 1 s
        stop.set(true);
        consumer.join();
        double[] g = Bench.percentiles(gate, counts[0], 0.50, 0.99, 0.999);
        double[] f = Bench.percentiles(features, counts[1], 0.50, 0.99, 0.999);
        return new Result(sent[0] / sendSeconds, counts[0], g[0] / 1e6, g[1] / 1e6, g[2] / 1e6,
                counts[1], f[0] / 1e6, f[1] / 1e6, f[2] / 1e6);
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
     * Latency of each output record: its arrival less the time its tick was due to be sent, which
     * its {@code ts} is by construction ({@code startNanos} is {@code startMs}): no map of sent
     * ticks held for the whole run.
     */
    private static void consume(Properties props, long startMs, long startNanos, long countFrom,
            long[] gate, long[] features, int[] counts, AtomicBoolean stop) {
        Properties c = new Properties();
        c.putAll(props);
        c.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        c.setProperty(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "1");
        JsonFactory json = new JsonFactory();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of("signals", "signals-blocked", "features")) {
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    long received = System.nanoTime();
                    if (received < countFrom) {
                        continue;
                    }
                    long ts = tsOf(json, r.value());
                    if (ts < startMs) {
                        continue;
                    }
                    long sent = startNanos + (ts - startMs) * 1_000_000L;
                    boolean feature = r.topic().equals("features");
                    long[] into = feature ? features : gate;
                    int i = feature ? 1 : 0;
                    if (counts[i] < into.length) {
                        into[counts[i]++] = received - sent;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The top-level {@code ts} of a JSON record, or {@code Long.MIN_VALUE}. */
    private static long tsOf(JsonFactory json, byte[] value) throws IOException {
        try (JsonParser p = json.createParser(value)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("ts".equals(name)) {
                    return p.getLongValue();
                }
                if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                    p.skipChildren();
                }
            }
        }
        return Long.MIN_VALUE;
    }
}
