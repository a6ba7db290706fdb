package io.scalpsignals.sinks.kafka;

import io.scalpsignals.model.json.JsonLines;

import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

import javax.annotation.Nullable;

import java.nio.charset.StandardCharsets;

/**
 * Writes records as one JSON object per Kafka record (the JSON of {@link JsonLines}), keyed by
 * {@code key} (the symbol for signals, so that a symbol's signals stay in order on one
 * partition), with the element's event time as the record timestamp.
 *
 * @param <T> the record type
 */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final SerializableFunction<T, String> key;
    private final JsonLines.Writer<T> writer;

    public JsonRecordSerializer(String topic, SerializableFunction<T, String> key, JsonLines.Writer<T> writer) {
        this.topic = topic;
        this.key = key;
        this.writer = writer;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, @Nullable Long timestamp) {
        return new ProducerRecord<>(
                topic,
                null,
                timestamp,
                key.apply(element).getBytes(StandardCharsets.UTF_8),
                JsonLines.toJsonBytes(element, writer));
    }
}
