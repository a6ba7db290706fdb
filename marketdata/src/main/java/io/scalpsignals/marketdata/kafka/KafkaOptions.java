package io.scalpsignals.marketdata.kafka;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The options every Kafka command shares: the brokers, and a properties file for whatever a
 * secured cluster needs (SASL, TLS). Values from that file are never logged or printed.
 */
public final class KafkaOptions {

    @Option(
            names = "--bootstrap-servers",
            defaultValue = "127.0.0.1:9092",
            paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description = "Kafka client properties (security.protocol, sasl.*, ssl.* ...).")
    Path propertiesFile;

    /** The brokers, as given: {@code HOST:PORT[,...]}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /**
     * The client properties: the file's, then {@code bootstrap.servers}.
     *
     * @throws IllegalArgumentException when the file cannot be read
     */
    public Properties properties() {
        Properties p = new Properties();
        if (propertiesFile != null) {
            try (Reader r = Files.newBufferedReader(propertiesFile)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "--kafka-properties: cannot read " + propertiesFile + ": " + e.getMessage());
            }
        }
        p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /**
     * The properties of a producer of string records to {@code topic}, created with {@code
     * partitions} if missing: {@link #properties()} with string serializers, {@code acks=all} and
     * {@code linger.ms=5} unless the file sets them ({@code produce}, {@code ingest}).
     *
     * @throws IllegalArgumentException when the file cannot be read or the broker cannot be reached
     */
    public Properties producerFor(String topic, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions: must be >= 1, got " + partitions);
        }
        Properties p = properties();
        try (KafkaAdmin admin = new KafkaAdmin(p)) {
            admin.createMissing(List.of(topic), partitions, (short) 1);
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("--bootstrap-servers: " + e.getMessage());
        }
        p.setProperty(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.setProperty(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        return p;
    }

    /** The property names in use, for the start-up log: names only, never values. */
    public String describe() {
        return "bootstrap.servers=" + bootstrapServers + ", properties "
                + new TreeSet<>(properties().stringPropertyNames());
    }
}
