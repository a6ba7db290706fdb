package io.scalpsignals.bench;

import io.scalpsignals.job.LiveJob;
import io.scalpsignals.job.LiveOptions;
import io.scalpsignals.marketdata.kafka.KafkaAdmin;
import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.DeadLetter;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.sinks.kafka.KafkaSinks;
import io.scalpsignals.sinks.kafka.KafkaTickSource;
import io.scalpsignals.testing.KafkaBroker;
import io.scalpsignals.testing.SyntheticTicks;
import io.scalpsignals.udf.config.StrategyConfig;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import javax.annotation.Nullable;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Tick→gate latency through a real Kafka broker (KRaft, in this JVM) and the live job (embedded
 * Flink, parallelism 2, heap state): synthetic ticks with planted bursts are produced at a fixed
 * rate with {@code ts} = the time each is due to be sent; a consumer outside the job reads what
 * the gate emits (the signals and blocked topics: every candidate is decided at its tick) and,
 * as the same-run baseline, one partition of the ticks topic itself (one Kafka hop, where the
 * job's path has two and the job between them). Latency = receive time minus due time, so a producer behind its
 * schedule counts too. Records due in the first {@code warmupSec} seconds are not counted; the
 * strategy is {@link #warmsUpFast()}. After the last send the consumer drains until no gate record
 * has come for {@value GateReceiver#QUIET_SEC} s, and the records that a backfill of the same ticks
 * has but that never came are counted missing ({@link GateReceiver}).
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

    /**
     * @param sentPerSecond ticks the producer sent per second
     * @param counted the gate records due after the warm-up against a backfill of the same ticks,
     *     latencies at p50, p99 and p99.9 (ms), and the one-hop baseline
     */
    public record Result(double sentPerSecond, GateReceiver.Counted counted) {}

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
            return measure(dir, props, rate, symbols, warmupSec, seconds, settings.lingerMs());
        } finally {
            job.cancel().get(60, TimeUnit.SECONDS);
        }
    }

    private static Result measure(
            Path dir, Properties props, int rate, int symbols, int warmupSec, int seconds, int lingerMs)
            throws Exception {
        long total = (long) rate * (warmupSec + seconds);
        long startMs = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        long countFromTs = startMs + warmupSec * 1000L; // by due time
        GateReceiver receiver =
                new GateReceiver(props, List.of("signals", "signals-blocked"), "ticks", startMs, startNanos);
        Thread consumer = new Thread(receiver, "latency-consumer");
        consumer.start();

        long[] sent = new long[1];
        long[] lastTs = new long[1];
        Path ticksFile = dir.resolve("ticks.jsonl");
        double sendSeconds;
        try {
            Properties p = new Properties();
            p.putAll(props);
            p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.setProperty(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
            p.setProperty(ProducerConfig.ACKS_CONFIG, "1");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p);
                    BufferedWriter file = Files.newBufferedWriter(ticksFile, StandardCharsets.UTF_8)) {
                new SyntheticTicks(symbols, rate, 7, startMs).generate(total, t -> {
                    long due = startNanos + (t.ts() - startMs) * 1_000_000L;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    String json = JsonLines.toJson(t, JsonLines.TICK); // ts is its send time: when it is due
                    producer.send(new ProducerRecord<>("ticks", null, t.ts(), t.symbol(), json));
                    try {
                        file.write(json);
                        file.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    sent[0]++;
                    lastTs[0] = t.ts();
                });
                producer.flush();
            }
            sendSeconds = (System.nanoTime() - startNanos) / 1e9;
            receiver.drainAfter(System.nanoTime());
            consumer.join();
        } finally {
            receiver.stop.set(true); // ends the reader if the producer failed; after the drain, a no-op
            consumer.join();
        }
        Map<String, Integer> expected = GateReceiver.expectedGateRecords(
                ticksFile,
                TickFormat.JSONL,
                dir,
                warmsUpFast(),
                countFromTs,
                lastTs[0] + 1,
                "signals",
                "signals-blocked");
        return new Result(sent[0] / sendSeconds, receiver.counted(expected, countFromTs, 0.50, 0.99, 0.999));
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
}
