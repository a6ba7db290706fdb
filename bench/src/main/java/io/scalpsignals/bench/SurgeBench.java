package io.scalpsignals.bench;

import io.scalpsignals.job.BackfillJob;
import io.scalpsignals.job.Output;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.sinks.kafka.KafkaAdmin;
import io.scalpsignals.sinks.source.InputFile;
import io.scalpsignals.sinks.source.TickFileSource;
import io.scalpsignals.testing.SurgeMarket;
import io.scalpsignals.udf.config.StrategyConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Tick→gate latency in a volume surge, measured from outside the job the way a user runs it: a
 * broker already running ({@code deploy/local/kafka.sh}), {@code bin/scalp run} as its own process
 * with its defaults (RocksDB state, 10-s checkpoints), and this process producing a {@link
 * SurgeMarket} and reading what comes back. The history (an hour at one trade a second per
 * symbol) is produced first and the job started; the live part follows at {@code liveStart} in
 * real time, each tick's {@code ts} the time it is due to be sent.
 *
 * <p>A consumer reads the gate's output (the signals and blocked topics: every candidate is decided
 * at its tick) and, as the same run's baseline, partition 0 of the ticks topic (one Kafka hop; the
 * job's path has two). Latency = arrival minus due time (a producer behind its schedule counts
 * too), from the record timestamps (the tick's {@code ts}, which the job's sinks give a tick's
 * records). Counted: the records of ticks due in the measured window, after {@code warmupSec} of
 * live ticks (by due time). After the last send the consumer drains until no gate record has come
 * for {@code quietSec} (at most {@code maxDrainSec}). The gate records the window should have are
 * those of a backfill of the same ticks (live = backfill): each expected (topic, symbol, ts) that
 * never came is counted missing, and each that came but was not expected, unexpected.
 */
public final class SurgeBench {

    /** Quiet time that ends the drain. */
    private static final long QUIET_SEC = 10;

    private static final long MAX_DRAIN_SEC = 180;

    /**
     * One run's figures; latencies in ms.
     *
     * @param sentPerSecond live ticks sent per second of sending
     * @param expected gate records of the window in a backfill of the same ticks
     * @param received gate records of the window that arrived
     * @param missing expected records that never arrived
     * @param unexpected arrived records that the backfill does not have
     * @param drainSec seconds from the last send until the drain ended
     * @param slowest the five slowest gate records: due time after the first live tick, s, and latency, ms
     */
    public record Result(
            double sentPerSecond,
            long expected,
            long received,
            long missing,
            long unexpected,
            double gateP50,
            double gateP99,
            double gateMax,
            long ticks,
            double ticksP50,
            double ticksP99,
            double ticksMax,
            double drainSec,
            String slowest) {}

    /**
     * What to run.
     *
     * @param scalp the {@code bin/scalp} to run
     * @param jobArgs extra arguments of {@code scalp run} (none: its defaults)
     * @param catchUpSec seconds between the job's start and the first live tick (the job reads the
     *     history meanwhile)
     */
    public record Setup(
            String bootstrap,
            Path scalp,
            List<String> jobArgs,
            int symbols,
            int historySec,
            int catchUpSec,
            int warmupSec,
            int seconds,
            long seed) {}

    private SurgeBench() {}

    /**
     * @param dir a fresh directory for the job's log, the ticks file and the backfill
     * @throws IOException when the job cannot be started or fails
     */
    public static Result run(Setup setup, int rate, Path dir) throws Exception {
        String prefix = "surge-" + rate + "-" + System.currentTimeMillis();
        String ticksTopic = prefix + "-ticks";
        String signalsTopic = prefix + "-signals";
        String blockedTopic = prefix + "-blocked";
        Properties props = new Properties();
        props.setProperty("bootstrap.servers", setup.bootstrap());
        try (KafkaAdmin admin = new KafkaAdmin(props)) {
            admin.createMissing(List.of(ticksTopic, signalsTopic, blockedTopic, prefix + "-dead"), 3, (short) 1);
        }
        long liveTicks = (long) rate * (setup.warmupSec() + setup.seconds());
        long startMs = System.currentTimeMillis();
        long startNanos = System.nanoTime();
        long liveStart = startMs + setup.catchUpSec() * 1000L;
        long countFromTs = liveStart + setup.warmupSec() * 1000L;
        Path ticksFile = dir.resolve("ticks.csv");

        List<String> command = new ArrayList<>(List.of(
                setup.scalp().toString(),
                "run",
                "--bootstrap-servers",
                setup.bootstrap(),
                "--ticks-topic",
                ticksTopic,
                "--signals-topic",
                signalsTopic,
                "--blocked-topic",
                blockedTopic,
                "--dead-letter-topic",
                prefix + "-dead",
                "--group-id",
                prefix));
        command.addAll(setup.jobArgs());
        Process job = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("job.log").toFile())
                .start();
        Receiver receiver = new Receiver(props, List.of(signalsTopic, blockedTopic), ticksTopic, startMs, startNanos);
        Thread consumer = new Thread(receiver, "surge-consumer");
        consumer.start();
        double sentPerSecond;
        try {
            sentPerSecond =
                    produce(props, ticksTopic, setup, rate, liveStart, liveTicks, startMs, startNanos, ticksFile);
            long lastSend = System.nanoTime();
            receiver.drainAfter(lastSend);
            consumer.join();
            if (!job.isAlive()) {
                throw new IOException(
                        "scalp run ended early (exit " + job.exitValue() + "), see " + dir.resolve("job.log"));
            }
        } finally {
            receiver.stop.set(true);
            consumer.join();
            job.destroy(); // SIGTERM: scalp run stops the job
            if (!job.waitFor(60, TimeUnit.SECONDS)) {
                job.destroyForcibly();
            }
        }
        long liveEndTs = liveStart + (long) (liveTicks * 1000 / rate);
        Map<String, Integer> expected =
                expectedGateRecords(ticksFile, dir, countFromTs, liveEndTs, signalsTopic, blockedTopic);
        Map<String, Integer> received = receiver.gateKeys(countFromTs);
        long missing = 0;
        long unexpected = 0;
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            missing += Math.max(0, e.getValue() - received.getOrDefault(e.getKey(), 0));
        }
        for (Map.Entry<String, Integer> e : received.entrySet()) {
            unexpected += Math.max(0, e.getValue() - expected.getOrDefault(e.getKey(), 0));
        }
        double[] g = receiver.gate.percentiles(countFromTs);
        double[] t = receiver.ticks.percentiles(countFromTs);
        return new Result(
                sentPerSecond,
                expected.values().stream().mapToLong(Integer::longValue).sum(),
                receiver.gate.count(countFromTs),
                missing,
                unexpected,
                g[0],
                g[1],
                g[2],
                receiver.ticks.count(countFromTs),
                t[0],
                t[1],
                t[2],
                receiver.drainNanos / 1e9,
                receiver.gate.slowest(countFromTs, liveStart, 5));
    }

    /** Produces the history at once, then the live ticks each at its due time; writes all to {@code file}. */
    private static double produce(
            Properties props,
            String topic,
            Setup setup,
            int rate,
            long liveStart,
            long liveTicks,
            long startMs,
            long startNanos,
            Path file)
            throws IOException {
        Properties p = new Properties();
        p.putAll(props);
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.setProperty(ProducerConfig.ACKS_CONFIG, "1");
        SurgeMarket market = new SurgeMarket(setup.symbols(), setup.historySec(), rate, setup.seed(), liveStart);
        long liveFrom;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p);
                BufferedWriter csv = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            csv.write("symbol,ts,price,size\n");
            market.history(t -> send(producer, topic, t, csv));
            producer.flush();
            liveFrom = System.nanoTime();
            market.live(liveTicks, t -> {
                long wait = startNanos + (t.ts() - startMs) * 1_000_000L - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                send(producer, topic, t, csv);
            });
            producer.flush();
        }
        double liveSeconds =
                (System.nanoTime() - Math.max(liveFrom, startNanos + (liveStart - startMs) * 1_000_000L)) / 1e9;
        return liveTicks / liveSeconds;
    }

    private static void send(KafkaProducer<String, String> producer, String topic, Tick t, BufferedWriter csv) {
        producer.send(new ProducerRecord<>(topic, null, t.ts(), t.symbol(), JsonLines.toJson(t, JsonLines.TICK)));
        try {
            csv.write(t.symbol() + "," + t.ts() + "," + t.price() + "," + t.size() + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the ticks file", e);
        }
    }

    /** (topic, symbol, ts) → count of the gate records a backfill of the same ticks gives in the window. */
    private static Map<String, Integer> expectedGateRecords(
            Path ticks, Path dir, long fromTs, long toTs, String signalsTopic, String blockedTopic) throws Exception {
        Path out = dir.resolve("backfill");
        new BackfillJob(
                        new TickFileSource(List.of(new InputFile(ticks.toString(), TickFormat.CSV, null))),
                        out,
                        EnumSet.of(Output.SIGNALS, Output.BLOCKED),
                        StrategyConfig.defaults(),
                        2)
                .execute(new Configuration());
        Map<String, Integer> keys = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String[] f : List.of(
                new String[] {Output.SIGNALS.fileName() + ".jsonl", signalsTopic},
                new String[] {Output.BLOCKED.fileName() + ".jsonl", blockedTopic})) {
            try (BufferedReader r = Files.newBufferedReader(out.resolve(f[0]))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    JsonNode n = json.readTree(line);
                    JsonNode signal = n.has("signal") ? n.get("signal") : n;
                    long ts = signal.get("ts").asLong();
                    if (ts >= fromTs && ts < toTs) {
                        keys.merge(f[1] + "|" + signal.get("symbol").asText() + "|" + ts, 1, Integer::sum);
                    }
                }
            }
        }
        return keys;
    }

    /** Arrival and due times of records, growing as needed. */
    static final class Samples {
        private long[] due = new long[1 << 16];
        private long[] latency = new long[1 << 16];
        private int n;

        synchronized void add(long dueTs, long latencyNanos) {
            if (n == due.length) {
                due = Arrays.copyOf(due, n * 2);
                latency = Arrays.copyOf(latency, n * 2);
            }
            due[n] = dueTs;
            latency[n++] = latencyNanos;
        }

        synchronized long count(long fromTs) {
            long c = 0;
            for (int i = 0; i < n; i++) {
                c += due[i] >= fromTs ? 1 : 0;
            }
            return c;
        }

        /** The {@code n} slowest records due at or after {@code fromTs}: "due s after {@code origin}: latency ms". */
        synchronized String slowest(long fromTs, long origin, int n) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < this.n; i++) {
                if (due[i] >= fromTs) {
                    order.add(i);
                }
            }
            order.sort((a, b) -> Long.compare(latency[b], latency[a]));
            StringBuilder out = new StringBuilder();
            for (int i : order.subList(0, Math.min(n, order.size()))) {
                out.append(String.format(Locale.ROOT, "%.3f s: %.1f ms; ", (due[i] - origin) / 1e3, latency[i] / 1e6));
            }
            return out.toString();
        }

        /** p50, p99 and the maximum, ms, of the records due at or after {@code fromTs}. */
        synchronized double[] percentiles(long fromTs) {
            long[] values = new long[n];
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (due[i] >= fromTs) {
                    values[c++] = latency[i];
                }
            }
            double[] q = Bench.percentiles(values, c, 0.50, 0.99, 1.0);
            for (int i = 0; i < q.length; i++) {
                q[i] /= 1e6;
            }
            return q;
        }
    }

    /** Reads the gate topics and partition 0 of the ticks topic until drained or stopped. */
    private static final class Receiver implements Runnable {
        private final Properties props;
        private final List<String> gateTopics;
        private final String ticksTopic;
        private final long startMs;
        private final long startNanos;
        final Samples gate = new Samples();
        final Samples ticks = new Samples();
        private final Map<String, Integer> gateKeys = new HashMap<>();
        final AtomicBoolean stop = new AtomicBoolean();
        private volatile long lastSend = Long.MIN_VALUE;
        volatile long drainNanos;

        Receiver(Properties props, List<String> gateTopics, String ticksTopic, long startMs, long startNanos) {
            this.props = props;
            this.gateTopics = gateTopics;
            this.ticksTopic = ticksTopic;
            this.startMs = startMs;
            this.startNanos = startNanos;
        }

        void drainAfter(long lastSendNanos) {
            lastSend = lastSendNanos;
        }

        synchronized Map<String, Integer> gateKeys(long fromTs) {
            Map<String, Integer> out = new HashMap<>();
            gateKeys.forEach((k, v) -> {
                if (Long.parseLong(k.substring(k.lastIndexOf('|') + 1)) >= fromTs) {
                    out.put(k, v);
                }
            });
            return out;
        }

        @Override
        public void run() {
            Properties c = new Properties();
            c.putAll(props);
            c.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            c.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c)) {
                List<TopicPartition> partitions = new ArrayList<>(List.of(new TopicPartition(ticksTopic, 0)));
                for (String topic : gateTopics) {
                    consumer.partitionsFor(topic)
                            .forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                long lastGate = System.nanoTime();
                while (!stop.get()) {
                    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                        long received = System.nanoTime();
                        long latency = received - (startNanos + (r.timestamp() - startMs) * 1_000_000L);
                        if (r.topic().equals(ticksTopic)) {
                            ticks.add(r.timestamp(), latency);
                        } else {
                            gate.add(r.timestamp(), latency);
                            lastGate = received;
                            synchronized (this) {
                                gateKeys.merge(
                                        r.topic() + "|" + new String(r.key(), StandardCharsets.UTF_8) + "|"
                                                + r.timestamp(),
                                        1,
                                        Integer::sum);
                            }
                        }
                    }
                    long now = System.nanoTime();
                    long sent = lastSend;
                    if (sent != Long.MIN_VALUE
                            && (now - Math.max(lastGate, sent) > TimeUnit.SECONDS.toNanos(QUIET_SEC)
                                    || now - sent > TimeUnit.SECONDS.toNanos(MAX_DRAIN_SEC))) {
                        drainNanos = now - sent;
                        return;
                    }
                }
            }
        }
    }

    /** A result row of BENCHMARKS.md's surge table. */
    static String row(String state, int rate, Result r) {
        return BenchCli.row(
                String.format(Locale.ROOT, "%,d", rate),
                state,
                String.format(Locale.ROOT, "%,.0f", r.sentPerSecond()),
                String.format(Locale.ROOT, "%,d", r.expected()),
                String.format(Locale.ROOT, "%,d", r.missing()),
                String.format(Locale.ROOT, "%,d", r.unexpected()),
                String.format(Locale.ROOT, "%.1f", r.gateP50()),
                String.format(Locale.ROOT, "%.1f", r.gateP99()),
                String.format(Locale.ROOT, "%.1f", r.gateMax()),
                String.format(Locale.ROOT, "%.1f", r.ticksP50()),
                String.format(Locale.ROOT, "%.1f", r.ticksP99()),
                String.format(Locale.ROOT, "%.0f", r.drainSec()));
    }
}
