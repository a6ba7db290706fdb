package io.scalpsignals.testing;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

/**
 * A real single-node KRaft Kafka broker in the test JVM, configured from the same {@code
 * deploy/local/kafka/server.properties} as {@code deploy/local/kafka.sh}, on free loopback ports.
 */
public final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final String bootstrap;

    private KafkaBroker(KafkaRaftServer server, String bootstrap) {
        this.server = server;
        this.bootstrap = bootstrap;
    }

    /** Starts a broker with its data under {@code dir}. */
    public static KafkaBroker start(Path dir) throws IOException {
        int[] ports = Ports.free(2);
        String template = Files.readString(
                Path.of(System.getProperty("scalp.root", ".."), "deploy/local/kafka/server.properties"));
        String config = template.replace("${KAFKA_PORT}", Integer.toString(ports[0]))
                .replace("${KAFKA_CONTROLLER_PORT}", Integer.toString(ports[1]))
                .replace("${KAFKA_DATA}", dir.toAbsolutePath().toString());
        Path file = Files.writeString(dir.resolve("server.properties"), config);
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        int rc = StorageTool.execute(
                new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c", file.toString()},
                new PrintStream(log, true, StandardCharsets.UTF_8));
        if (rc != 0) {
            throw new IOException("cannot format Kafka storage: " + log.toString(StandardCharsets.UTF_8));
        }
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            props.load(r);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, "127.0.0.1:" + ports[0]);
    }

    public String bootstrap() {
        return bootstrap;
    }

    public Properties clientProperties() {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        return p;
    }

    /** A record for {@link #send}: UTF-8 {@code key} (null for none) and {@code value}. */
    public static byte[][] kv(String key, String value) {
        return new byte[][] {
            key == null ? null : key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)
        };
    }

    /**
     * Client properties for a test's producer: one request in flight, so that a retry (a fresh
     * partition's leader may not be ready for the first request) cannot reorder or, with
     * idempotence, lose a batch.
     */
    public Properties producerProperties() {
        Properties p = clientProperties();
        p.setProperty(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "1");
        return p;
    }

    /** Sends raw records (key may be null, see {@link #kv}) to one partition, in order, and waits for them. */
    public void send(String topic, int partition, List<byte[][]> keyValues) {
        Properties p = producerProperties();
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.setProperty(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "8388608");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (byte[][] kv : keyValues) {
                producer.send(new ProducerRecord<>(topic, partition, kv[0], kv[1]));
            }
            producer.flush();
        }
    }

    /**
     * Creates {@code topics} with {@code partitions} partitions each, on a fresh broker (tests
     * outside Flink's reach; the job's code uses {@code KafkaAdmin.createMissing}).
     *
     * @throws IllegalStateException when one exists already or cannot be created
     */
    public void createTopics(int partitions, String... topics) {
        try (Admin admin = Admin.create(clientProperties())) {
            admin.createTopics(Arrays.stream(topics)
                            .map(t -> new NewTopic(t, partitions, (short) 1))
                            .toList())
                    .all()
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topics " + Arrays.toString(topics), e.getCause());
        }
    }

    /** Every committed record value of {@code topic}, from its beginning to its end at the time of the call. */
    public List<String> values(String topic) {
        return values(bootstrap, topic);
    }

    /** As {@link #values(String)}, on any broker. */
    public static List<String> values(String bootstrap, String topic) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrap);
        p.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(parts);
            // an explicit seek: seekToBeginning is applied lazily, and raced with position() here
            consumer.beginningOffsets(parts).forEach(consumer::seek);
            var end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(new String(r.value(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
