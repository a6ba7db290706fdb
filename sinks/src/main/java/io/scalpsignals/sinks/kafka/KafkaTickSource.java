package io.scalpsignals.sinks.kafka;

import io.scalpsignals.model.ReadResult;

import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

import java.util.Properties;

/**
 * Kafka sources of ticks ({@link KafkaTickDeserializer}): the live, unbounded one of {@code
 * scalp run}; bounded ones between two record timestamps (backfills from Kafka) or up to the
 * topic's end. All read with {@code isolation.level=read_committed}.
 */
public final class KafkaTickSource {

    private KafkaTickSource() {}

    /**
     * @param properties client properties with {@code bootstrap.servers}
     * @param fromEarliest start at the earliest offset when the group has no committed offset
     *     (otherwise at the latest)
     */
    public static KafkaSource<ReadResult> live(
            Properties properties, String topic, String groupId, boolean fromEarliest) {
        OffsetResetStrategy reset = fromEarliest ? OffsetResetStrategy.EARLIEST : OffsetResetStrategy.LATEST;
        return builder(properties, topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(reset))
                .build();
    }

    /**
     * The records whose Kafka timestamp is in {@code [fromMs, toMs)}: {@code scalp produce} sets
     * it to the tick's {@code ts}.
     */
    public static KafkaSource<ReadResult> between(Properties properties, String topic, long fromMs, long toMs) {
        return builder(properties, topic)
                .setGroupId("scalp-backfill")
                .setStartingOffsets(OffsetsInitializer.timestamp(fromMs))
                .setBounded(OffsetsInitializer.timestamp(toMs))
                .build();
    }

    private static KafkaSourceBuilder<ReadResult> builder(Properties properties, String topic) {
        Properties p = new Properties();
        p.putAll(properties);
        p.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return KafkaSource.<ReadResult>builder()
                .setProperties(p)
                .setTopics(topic)
                .setDeserializer(new KafkaTickDeserializer());
    }
}
