package io.scalpsignals.executor.run;

import io.scalpsignals.executor.Engine;
import io.scalpsignals.executor.ExecutorMetrics;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.read.JsonLineParser;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.annotation.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * {@code executor run}: signals, ticks and (options scalps) option-chain quotes from Kafka ({@code
 * read_committed}), on the wall clock; a chain record that is no quote is logged and skipped.
 * The offset of every record is committed to the state in the same transaction as its effect (a
 * quote that changes nothing, with the next transaction, at the latest before Kafka's commit), so
 * a record delivered again after a crash is skipped; Kafka's committed offsets follow the state
 * commits. Stops between records when {@code stop} says so, and commits.
 */
public final class LiveRunner {

    private static final Logger LOG = LoggerFactory.getLogger(LiveRunner.class);

    private final Engine engine;
    private final Properties properties;
    private final String signalsTopic;
    private final String ticksTopic;

    @Nullable
    private final String chainTopic;

    private final JsonLineParser ticks = new JsonLineParser(null);

    @Nullable
    private ExecutorMetrics metrics;

    /**
     * @param properties Kafka consumer properties with {@code bootstrap.servers} and {@code group.id}
     * @param chainTopic option-chain quotes, or null; requires an engine with options configuration
     */
    public LiveRunner(
            Engine engine, Properties properties, String signalsTopic, String ticksTopic, @Nullable String chainTopic) {
        this.engine = engine;
        this.properties = new Properties();
        this.properties.putAll(properties);
        this.properties.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.properties.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        this.properties.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.properties.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.properties.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.signalsTopic = signalsTopic;
        this.ticksTopic = ticksTopic;
        this.chainTopic = chainTopic;
    }

    /** Reports the consumer lag per topic after every poll to {@code metrics}; returns this runner. */
    public LiveRunner withMetrics(ExecutorMetrics metrics) {
        this.metrics = metrics;
        return this;
    }

    /** Settles pending intents, then consumes until {@code stop} is true. */
    public void run(BooleanSupplier stop) {
        engine.recover();
        engine.reconcile();
        engine.applyControls(); // a pause requested while stopped holds from the first record
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            List<String> topics = new ArrayList<>(List.of(ticksTopic, signalsTopic));
            if (chainTopic != null) {
                topics.add(chainTopic);
            }
            consumer.subscribe(topics);
            while (!stop.getAsBoolean()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                engine.tickClock();
                engine.applyControls();
                engine.flush(); // the state has every record's offset before Kafka has it
                consumer.commitSync();
                reportLag(consumer);
            }
            consumer.commitSync();
        }
    }

    private void reportLag(KafkaConsumer<String, String> consumer) {
        if (metrics == null) {
            return;
        }
        Map<String, Long> lag = new TreeMap<>();
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(records -> lag.merge(tp.topic(), records, Long::sum));
        }
        lag.forEach(metrics::onConsumerLag);
    }

    private void apply(ConsumerRecord<String, String> r) {
        String partition = r.topic() + "-" + r.partition();
        Long applied = engine.appliedOffset(partition);
        if (applied != null && r.offset() <= applied) {
            return;
        }
        Engine.LedgerUpdate cursor = l -> l.offsets.put(partition, r.offset());
        String value = r.value() == null ? "" : r.value();
        if (r.topic().equals(signalsTopic)) {
            engine.onSignal(value, cursor);
            return;
        }
        if (r.topic().equals(chainTopic)) {
            String error = engine.onQuote(value, cursor);
            if (error != null) {
                LOG.warn("skipped chain record {}/{}: {}", partition, r.offset(), error);
            }
            return;
        }
        ReadResult tick = ticks.parse(value, partition + "/" + r.offset());
        if (tick.isAccepted()) {
            engine.onTick(tick.tick(), cursor);
        } else {
            engine.consumed(cursor);
        }
    }
}
