package io.scalpsignals.job.cli;

import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The options every Kafka command shares: the brokers, and a properties file for whatever a
 * secured cluster needs (SASL, TLS). Values from that file are never logged or printed.
 */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", paramLabel = "HOST:PORT[,...]", description = "Kafka brokers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--kafka-properties", paramLabel = "FILE", description = "Kafka client properties (security.protocol, sasl.*, ssl.* ...).")
    Path propertiesFile;

    /**
     * The client properties: the file's, then {@code bootstrap.servers}.
     *
     * @throws IllegalArgumentException when the file cannot be read
     */
    Properties properties() {
        Properties p = new Properties();
        if (propertiesFile != null) {
            try (Reader r = Files.newBufferedReader(propertiesFile)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("--kafka-properties: cannot read " + propertiesFile + ": " + e.getMessage());
            }
        }
        p.setProperty(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return p;
    }

    /** The property names in use, for the start-up log: names only, never values. */
    String describe() {
        return "bootstrap.servers=" + bootstrapServers + ", properties " + new TreeSet<>(properties().stringPropertyNames());
    }
}
