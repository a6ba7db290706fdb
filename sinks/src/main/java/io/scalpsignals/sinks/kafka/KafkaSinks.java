package io.scalpsignals.sinks.kafka;

import io.scalpsignals.model.json.JsonLines;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.util.function.SerializableFunction;

import javax.annotation.Nullable;

import java.util.Properties;

/**
 * Kafka sinks of JSON records. {@link DeliveryGuarantee#AT_LEAST_ONCE} flushes on every
 * checkpoint and sends as it goes (no wait for a checkpoint, so low latency); a replay after a
 * failure may send a signal again, with the same intent id, which the executor deduplicates.
 * {@link DeliveryGuarantee#EXACTLY_ONCE} writes in Kafka transactions committed with each
 * checkpoint: consumers reading {@code read_committed} see a signal only after the checkpoint.
 */
public final class KafkaSinks {

    private KafkaSinks() {}

    /**
     * @param properties producer properties with {@code bootstrap.servers}
     * @param transactionalIdPrefix required for EXACTLY_ONCE, unique per job on the cluster
     * @throws IllegalArgumentException for EXACTLY_ONCE without a prefix
     */
    public static <T> KafkaSink<T> json(
            Properties properties,
            String topic,
            SerializableFunction<T, String> key,
            JsonLines.Writer<T> writer,
            DeliveryGuarantee delivery,
            @Nullable String transactionalIdPrefix) {
        var builder = KafkaSink.<T>builder()
                .setKafkaProducerConfig(properties)
                .setRecordSerializer(new JsonRecordSerializer<>(topic, key, writer))
                .setDeliveryGuarantee(delivery);
        if (delivery == DeliveryGuarantee.EXACTLY_ONCE) {
            if (transactionalIdPrefix == null || transactionalIdPrefix.isBlank()) {
                throw new IllegalArgumentException("EXACTLY_ONCE needs a transactional-id prefix");
            }
            builder.setTransactionalIdPrefix(transactionalIdPrefix + "-" + topic);
        }
        return builder.build();
    }
}
