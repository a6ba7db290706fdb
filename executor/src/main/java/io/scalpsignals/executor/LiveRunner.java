package io.scalpsignals.executor;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.read.JsonLineParser;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;

/**
 * {@code executor run}: signals and ticks from Kafka ({@code read_committed}), on the wall clock.
 * The offset of every record is committed to the state in the same transaction as its effect, so
 * a record delivered again after a crash is skipped; Kafka's committed offsets follow the state
 * commits. Stops between records when {@code stop} says so, and commits.
 */
public final class LiveRunner {

    private final Engine engine;
    private final Properties properties;
    private final String signalsTopic;
    private final String ticksTopic;
    private final JsonLineParser ticks = new JsonLineParser(null);

    /**
     * @param properties Kafka consumer properties with {@code bootstrap.servers} and {@code group.id}
     */
    public LiveRunner(Engine engine, Properties properties, String signalsTopic, String ticksTopic) {
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
    }

    /** Settles pending intents, then consumes until {@code stop} is true. */
    public void run(BooleanSupplier stop) {
        engine.recover();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties)) {
            consumer.subscribe(List.of(ticksTopic, signalsTopic));
            while (!stop.getAsBoolean()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    apply(r);
                }
                engine.tickClock();
                consumer.commitSync();
            }
            consumer.commitSync();
        }
    }

    private void apply(ConsumerRecord<String, String> r) {
        String partition = r.topic() + "-" + r.partition();
        Long applied = engine.ledger().offsets.get(partition);
        if (applied != null && r.offset() <= applied) {
            return;
        }
        Engine.LedgerUpdate cursor = l -> l.offsets.put(partition, r.offset());
        String value = r.value() == null ? "" : r.value();
        if (r.topic().equals(signalsTopic)) {
            engine.onSignal(value, cursor);
            return;
        }
        ReadResult tick = ticks.parse(value, partition + "/" + r.offset());
        if (tick.isAccepted()) {
            engine.onTick(tick.tick().symbol(), tick.tick().ts(), tick.tick().price(), cursor);
        } else {
            engine.consumed(cursor);
        }
    }
}
