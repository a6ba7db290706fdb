package io.scalpsignals.sinks.kafka;

import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.read.JsonLineParser;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Reads a tick from a Kafka record: the value is the tick's JSON (SPEC.md §1), the key its
 * symbol. Never throws: a bad record becomes a dead letter whose source is {@code
 * topic/partition/offset} (a value that is not JSON, wrong types, a record over {@value
 * #MAX_RECORD_BYTES} bytes, a missing key or a key other than the symbol). A dead letter's {@code
 * raw} keeps at most {@value #MAX_RAW_CHARS} characters of the value, so that it fits a record of
 * the dead-letter topic.
 */
public final class KafkaTickDeserializer implements KafkaRecordDeserializationSchema<ReadResult> {

    private static final long serialVersionUID = 1L;

    public static final int MAX_RECORD_BYTES = 1 << 20;
    public static final int MAX_RAW_CHARS = 1 << 16;

    private final JsonLineParser parser = new JsonLineParser(null);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<ReadResult> out) {
        RecordRef source = new RecordRef(record.topic(), record.partition(), record.offset());
        byte[] value = record.value() == null ? new byte[0] : record.value();
        if (value.length > MAX_RECORD_BYTES) {
            out.collect(reject(
                    DeadLetterReason.TOO_LARGE,
                    "record of " + value.length + " bytes, over " + MAX_RECORD_BYTES,
                    value,
                    source));
            return;
        }
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (key.isEmpty()) {
            out.collect(reject(DeadLetterReason.BAD_KEY, "the record has no key (the symbol)", value, source));
            return;
        }
        ReadResult r = parser.parse(value, 0, value.length, source);
        if (r.isAccepted() && !r.tick().symbol().equals(key)) {
            out.collect(reject(
                    DeadLetterReason.BAD_KEY,
                    "key '" + abbreviate(key) + "' is not the symbol '"
                            + r.tick().symbol() + "'",
                    value,
                    source));
            return;
        }
        out.collect(r.isAccepted() ? r : truncated(r));
    }

    @Override
    public TypeInformation<ReadResult> getProducedType() {
        return TypeInformation.of(ReadResult.class);
    }

    private static ReadResult reject(DeadLetterReason reason, String detail, byte[] value, RecordRef source) {
        return ReadResult.rejected(reason, detail, raw(new String(value, StandardCharsets.UTF_8)), source.toString());
    }

    private static ReadResult truncated(ReadResult r) {
        String raw = r.deadLetter().raw();
        if (raw.length() <= MAX_RAW_CHARS) {
            return r;
        }
        return ReadResult.rejected(
                r.deadLetter().reason(),
                r.deadLetter().detail(),
                raw(raw),
                r.deadLetter().source());
    }

    private static String raw(String text) {
        if (text.length() <= MAX_RAW_CHARS) {
            return text;
        }
        return text.substring(0, MAX_RAW_CHARS) + "...[" + (text.length() - MAX_RAW_CHARS) + " more characters]";
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** A lazily formatted {@code topic/partition/offset}: most records are valid and never need it. */
    private record RecordRef(String topic, int partition, long offset) {
        @Override
        public String toString() {
            return topic + "/" + partition + "/" + offset;
        }
    }
}
