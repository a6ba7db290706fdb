package io.scalpsignals.bench;

import io.scalpsignals.job.BackfillJob;
import io.scalpsignals.job.Output;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.sinks.source.InputFile;
import io.scalpsignals.sinks.source.TickFileSource;
import io.scalpsignals.udf.config.StrategyConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.configuration.Configuration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.BufferedReader;
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

/**
 * The reading side of the live benchmarks: reads the gate's topics and partition 0 of the ticks
 * topic from their beginning, each record's latency its arrival less its due time (its record
 * timestamp: the tick's {@code ts}, which the job's sinks give a tick's records too), until it
 * is stopped or, once told the last send, until no gate record has come for {@value #QUIET_SEC}
 * s (at most {@value #MAX_DRAIN_SEC} s). What arrived is compared with {@link
 * #expectedGateRecords}: the records a backfill of the same ticks has, so that a record that
 * never came is counted, not silently left out of the percentiles.
 */
final class GateReceiver implements Runnable {

    /** Quiet time that ends the drain. */
    static final long QUIET_SEC = 10;

    static final long MAX_DRAIN_SEC = 180;

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

    /**
     * @param gateTopics the topics of the gate's records (signals, blocked), keyed by symbol
     * @param ticksTopic the ticks topic, whose partition 0 is the one-hop baseline
     * @param startMs a wall-clock instant, and {@code startNanos} the same instant on the nano clock
     */
    GateReceiver(Properties props, List<String> gateTopics, String ticksTopic, long startMs, long startNanos) {
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
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
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
                                    r.topic() + "|" + new String(r.key(), StandardCharsets.UTF_8) + "|" + r.timestamp(),
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

    /**
     * (topic, symbol, ts) → count of the gate records that a backfill of the same ticks (a file
     * of {@code format}) gives with ts in [fromTs, toTs): what a live run must deliver (live =
     * backfill).
     */
    static Map<String, Integer> expectedGateRecords(
            Path ticks,
            TickFormat format,
            Path dir,
            StrategyConfig config,
            long fromTs,
            long toTs,
            String signalsTopic,
            String blockedTopic)
            throws Exception {
        Path out = dir.resolve("backfill");
        new BackfillJob(
                        new TickFileSource(List.of(new InputFile(ticks.toString(), format, null))),
                        out,
                        EnumSet.of(Output.SIGNALS, Output.BLOCKED),
                        config,
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

    /**
     * What came of the gate records due at or after {@code fromTs}, against what a backfill has.
     *
     * @param expected gate records the backfill has in the window ({@link #expectedGateRecords})
     * @param received gate records that arrived
     * @param missing expected records that never arrived
     * @param unexpected arrived records the backfill does not have
     * @param gate the gate records' latency at the asked quantiles, ms
     * @param oneHop the latency of the ticks read back from partition 0 of the ticks topic (the
     *     one-hop baseline) at the same quantiles, ms
     * @param drainSec from the last send to the end of the drain
     */
    record Counted(
            long expected,
            long received,
            long missing,
            long unexpected,
            double[] gate,
            double[] oneHop,
            double drainSec) {}

    /** The records due at or after {@code fromTs} against {@code expected}, latencies at {@code quantiles} (1.0: the maximum). */
    Counted counted(Map<String, Integer> expected, long fromTs, double... quantiles) {
        long[] mu = missingAndUnexpected(expected, gateKeys(fromTs));
        return new Counted(
                expected.values().stream().mapToLong(Integer::longValue).sum(),
                gate.count(fromTs),
                mu[0],
                mu[1],
                gate.percentiles(fromTs, quantiles),
                ticks.percentiles(fromTs, quantiles),
                drainNanos / 1e9);
    }

    /** {missing, unexpected}: expected records that never arrived, and arrived ones the backfill does not have. */
    private static long[] missingAndUnexpected(Map<String, Integer> expected, Map<String, Integer> received) {
        long missing = 0;
        long unexpected = 0;
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            missing += Math.max(0, e.getValue() - received.getOrDefault(e.getKey(), 0));
        }
        for (Map.Entry<String, Integer> e : received.entrySet()) {
            unexpected += Math.max(0, e.getValue() - expected.getOrDefault(e.getKey(), 0));
        }
        return new long[] {missing, unexpected};
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

        /** The {@code quantiles} (1.0: the maximum), ms, of the records due at or after {@code fromTs}. */
        synchronized double[] percentiles(long fromTs, double... quantiles) {
            long[] values = new long[n];
            int c = 0;
            for (int i = 0; i < n; i++) {
                if (due[i] >= fromTs) {
                    values[c++] = latency[i];
                }
            }
            double[] q = Bench.percentiles(values, c, quantiles);
            for (int i = 0; i < q.length; i++) {
                q[i] /= 1e6;
            }
            return q;
        }
    }
}
