package io.scalpsignals.bench;

import io.scalpsignals.marketdata.kafka.KafkaAdmin;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.testing.SurgeMarket;
import io.scalpsignals.udf.config.StrategyConfig;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
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

    /**
     * One run's figures; latencies in ms.
     *
     * @param sentPerSecond live ticks sent per second of sending
     * @param counted the window's gate records against a backfill of the same ticks, p50, p99 and
     *     the maximum, and the one-hop baseline
     * @param slowest the five slowest gate records: due time after the first live tick, s, and latency, ms
     */
    public record Result(double sentPerSecond, GateReceiver.Counted counted, String slowest) {}

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
        GateReceiver receiver =
                new GateReceiver(props, List.of(signalsTopic, blockedTopic), ticksTopic, startMs, startNanos);
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
        Map<String, Integer> expected = GateReceiver.expectedGateRecords(
                ticksFile,
                TickFormat.CSV,
                dir,
                StrategyConfig.defaults(),
                countFromTs,
                liveEndTs,
                signalsTopic,
                blockedTopic);
        return new Result(
                sentPerSecond,
                receiver.counted(expected, countFromTs, 0.50, 0.99, 1.0),
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

    /** A result row of BENCHMARKS.md's surge table. */
    static String row(String state, int rate, Result r) {
        return BenchCli.row(
                String.format(Locale.ROOT, "%,d", rate),
                state,
                String.format(Locale.ROOT, "%,.0f", r.sentPerSecond()),
                String.format(Locale.ROOT, "%,d", r.counted().expected()),
                String.format(Locale.ROOT, "%,d", r.counted().missing()),
                String.format(Locale.ROOT, "%,d", r.counted().unexpected()),
                String.format(Locale.ROOT, "%.1f", r.counted().gate()[0]),
                String.format(Locale.ROOT, "%.1f", r.counted().gate()[1]),
                String.format(Locale.ROOT, "%.1f", r.counted().gate()[2]),
                String.format(Locale.ROOT, "%.1f", r.counted().oneHop()[0]),
                String.format(Locale.ROOT, "%.1f", r.counted().oneHop()[1]),
                String.format(Locale.ROOT, "%.0f", r.counted().drainSec()));
    }
}
