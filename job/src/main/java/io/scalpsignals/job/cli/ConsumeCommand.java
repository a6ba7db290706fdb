package io.scalpsignals.job.cli;

import io.scalpsignals.marketdata.kafka.KafkaOptions;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * {@code scalp consume}: prints a topic's records from its beginning, one value (JSON) per line.
 * Stops after {@code --max} records or when no record came for {@code --timeout-sec}. Reads
 * committed records only, without a consumer group.
 */
@Command(name = "consume", mixinStandardHelpOptions = true, description = "Prints a topic's records as JSON lines.")
public final class ConsumeCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--topic", required = true, description = "The topic.")
    String topic;

    @Option(
            names = "--max",
            defaultValue = "" + Long.MAX_VALUE,
            paramLabel = "N",
            description = "Stop after N records.")
    long max;

    @Option(
            names = "--timeout-sec",
            defaultValue = "10",
            paramLabel = "S",
            description = "Stop when no record came for S seconds (default: ${DEFAULT-VALUE}).")
    long timeoutSec;

    @Override
    public Integer call() {
        CommandLine cli = spec.commandLine();
        if (max < 0 || timeoutSec < 0) {
            throw new CommandLine.ParameterException(cli, "--max and --timeout-sec must be >= 0");
        }
        Properties p;
        try {
            p = kafka.properties();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        p.setProperty(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.setProperty(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        PrintWriter out = cli.getOut();
        long printed = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(timeoutSec));
            if (partitions == null || partitions.isEmpty()) {
                throw new CommandLine.ParameterException(cli, "--topic: no topic '" + topic + "'");
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(assigned);
            consumer.beginningOffsets(assigned).forEach(consumer::seek);
            long quietSince = System.nanoTime();
            while (printed < max
                    && System.nanoTime() - quietSince
                            < Duration.ofSeconds(timeoutSec).toNanos()) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    out.println(r.value());
                    quietSince = System.nanoTime();
                    if (++printed >= max) {
                        break;
                    }
                }
                out.flush();
            }
        }
        out.flush();
        return 0;
    }
}
