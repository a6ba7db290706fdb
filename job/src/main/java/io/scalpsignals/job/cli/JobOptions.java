package io.scalpsignals.job.cli;

import io.scalpsignals.job.LiveJob;
import io.scalpsignals.job.LiveOptions;
import io.scalpsignals.job.config.ConfigFile;
import io.scalpsignals.marketdata.kafka.KafkaAdmin;
import io.scalpsignals.marketdata.kafka.KafkaOptions;
import io.scalpsignals.model.BlockedSignal;
import io.scalpsignals.model.DeadLetter;
import io.scalpsignals.model.Signal;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.sinks.kafka.KafkaSinks;
import io.scalpsignals.sinks.kafka.KafkaTickSource;
import io.scalpsignals.udf.config.StrategyConfig;

import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The options of the streaming job on Kafka, shared by {@code scalp run} (embedded Flink) and
 * {@code scalp submit} (a session cluster): topics, delivery, parallelism, state, checkpoints,
 * latency settings, strategy configuration.
 */
public final class JobOptions {

    private static final Logger LOG = LoggerFactory.getLogger(JobOptions.class);

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--ticks-topic", defaultValue = "ticks", description = "Input topic (default: ${DEFAULT-VALUE}).")
    String ticksTopic;

    @Option(names = "--signals-topic", defaultValue = "signals", description = "Default: ${DEFAULT-VALUE}.")
    String signalsTopic;

    @Option(names = "--blocked-topic", defaultValue = "signals-blocked", description = "Default: ${DEFAULT-VALUE}.")
    String blockedTopic;

    @Option(
            names = "--dead-letter-topic",
            defaultValue = "ticks-dead-letter",
            description = "Default: ${DEFAULT-VALUE}.")
    String deadLetterTopic;

    @Option(names = "--features-topic", description = "Also write the feature record of every tick here (optional).")
    String featuresTopic;

    @Option(
            names = "--partitions",
            defaultValue = "3",
            description = "Partitions of topics this command creates (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(
            names = "--replication-factor",
            defaultValue = "1",
            description = "Replication of topics this command creates (default: ${DEFAULT-VALUE}).")
    short replication;

    @Option(
            names = "--group-id",
            defaultValue = "scalp-signals",
            description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(
            names = "--from-latest",
            description = "Without committed offsets, start at the end of the topic (default: its beginning).")
    boolean fromLatest;

    @Option(
            names = "--delivery",
            defaultValue = "at-least-once",
            description = "at-least-once (default) or exactly-once.")
    String delivery;

    @Option(
            names = "--transactional-id-prefix",
            defaultValue = "scalp-signals",
            description = "Prefix of EXACTLY_ONCE transactional ids (default: ${DEFAULT-VALUE}).")
    String transactionalIdPrefix;

    @Option(
            names = "--transaction-timeout-ms",
            defaultValue = "600000",
            description =
                    "EXACTLY_ONCE transaction timeout; at most the broker's transaction.max.timeout.ms (default: ${DEFAULT-VALUE}).")
    long transactionTimeoutMs;

    @Option(
            names = "--parallelism",
            description = "Default: run 2; submit and application mode the cluster's (parallelism.default,"
                    + " or a FlinkDeployment's job.parallelism).")
    Integer parallelism;

    @Option(
            names = "--state-backend",
            defaultValue = "rocksdb",
            description = "rocksdb (default, incremental checkpoints) or hashmap.")
    String stateBackend;

    @Option(names = "--checkpoint-interval-ms", defaultValue = "10000", description = "Default: ${DEFAULT-VALUE}.")
    long checkpointIntervalMs;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "URI",
            description = "Checkpoint directory (default: run: file://$PWD/.local/checkpoints; submit: the cluster's).")
    String checkpointDir;

    @Option(
            names = "--savepoint-dir",
            paramLabel = "URI",
            description = "Savepoint directory (default: run: file://$PWD/.local/savepoints; submit: the cluster's).")
    String savepointDir;

    @Option(
            names = "--restore-from",
            paramLabel = "PATH",
            description = "Start from this savepoint or retained checkpoint.")
    String restoreFrom;

    @Option(
            names = "--buffer-timeout-ms",
            defaultValue = "0",
            description = "How long a Flink network buffer may wait to fill;"
                    + " 0 sends every record at once (default: ${DEFAULT-VALUE}).")
    long bufferTimeoutMs;

    @Option(
            names = "--linger-ms",
            defaultValue = "0",
            description =
                    "linger.ms of the output topics' producers, over any"
                            + " --kafka-properties value; 0 sends a signal at once, Kafka's own default is 5 (default: ${DEFAULT-VALUE}).")
    int lingerMs;

    @Mixin
    StrategyOptions strategyOptions;

    /**
     * The checked job: options validated, topics created, broker limits verified.
     *
     * @param cli the command, for usage errors
     * @param embedded true for {@code run} (checkpoint and savepoint directories default to
     *     {@code $PWD/.local}); false for {@code submit} (the cluster's configuration decides)
     * @throws CommandLine.ParameterException naming the option at fault
     */
    LiveJob plan(CommandLine cli, boolean embedded) {
        try {
            StrategyConfig strategy = strategyOptions.strategy();
            DeliveryGuarantee guarantee = switch (delivery.toLowerCase(Locale.ROOT)) {
                case "at-least-once" -> DeliveryGuarantee.AT_LEAST_ONCE;
                case "exactly-once" -> DeliveryGuarantee.EXACTLY_ONCE;
                default ->
                    throw new IllegalArgumentException(
                            "--delivery: must be at-least-once or exactly-once, got '" + delivery + "'");
            };
            if (partitions < 1) {
                throw new IllegalArgumentException("--partitions: must be >= 1, got " + partitions);
            }
            if (lingerMs < 0) {
                throw new IllegalArgumentException("--linger-ms: must be >= 0, got " + lingerMs);
            }
            String here = Path.of("").toAbsolutePath().toUri().toString();
            LiveOptions options = new LiveOptions(
                    parallelism == null && embedded ? Integer.valueOf(2) : parallelism,
                    stateBackend,
                    checkpointIntervalMs,
                    checkpointDir != null || !embedded ? checkpointDir : here + ".local/checkpoints",
                    savepointDir != null || !embedded ? savepointDir : here + ".local/savepoints",
                    restoreFrom,
                    bufferTimeoutMs);
            Properties properties = kafka.properties();
            LOG.info(
                    "scalp run on {}: ticks {}, signals {}, blocked {}, dead letters {}, features {}, delivery {}, {}, configuration {}",
                    kafka.describe(),
                    ticksTopic,
                    signalsTopic,
                    blockedTopic,
                    deadLetterTopic,
                    featuresTopic,
                    guarantee,
                    options,
                    ConfigFile.describe(strategy));

            List<String> topics = new ArrayList<>(List.of(ticksTopic, signalsTopic, blockedTopic, deadLetterTopic));
            if (featuresTopic != null) {
                topics.add(featuresTopic);
            }
            Properties producer = new Properties();
            producer.putAll(properties);
            producer.setProperty(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
            try (KafkaAdmin admin = new KafkaAdmin(properties)) {
                List<String> created = admin.createMissing(topics, partitions, replication);
                if (!created.isEmpty()) {
                    LOG.info("created topics {} with {} partitions", created, partitions);
                }
                if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
                    long max = admin.transactionMaxTimeoutMs();
                    if (transactionTimeoutMs > max) {
                        throw new IllegalArgumentException("--transaction-timeout-ms: " + transactionTimeoutMs
                                + " is over the broker's transaction.max.timeout.ms " + max);
                    }
                    producer.setProperty(
                            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, Long.toString(transactionTimeoutMs));
                }
            } catch (IllegalStateException e) {
                throw new IllegalArgumentException("--bootstrap-servers: " + e.getMessage());
            }

            LiveJob.Sinks sinks = new LiveJob.Sinks(
                    KafkaSinks.json(
                            producer,
                            signalsTopic,
                            Signal::symbol,
                            JsonLines.signal(System::currentTimeMillis),
                            guarantee,
                            transactionalIdPrefix),
                    KafkaSinks.json(
                            producer,
                            blockedTopic,
                            (BlockedSignal b) -> b.signal().symbol(),
                            JsonLines.BLOCKED,
                            guarantee,
                            transactionalIdPrefix),
                    KafkaSinks.json(
                            producer,
                            deadLetterTopic,
                            DeadLetter::source,
                            JsonLines.DEAD_LETTER,
                            guarantee,
                            transactionalIdPrefix),
                    featuresTopic == null
                            ? null
                            : KafkaSinks.json(
                                    producer,
                                    featuresTopic,
                                    TickFeatures::symbol,
                                    JsonLines.FEATURES,
                                    guarantee,
                                    transactionalIdPrefix));
            return new LiveJob(
                    KafkaTickSource.live(properties, ticksTopic, groupId, !fromLatest), sinks, strategy, options);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
    }
}
