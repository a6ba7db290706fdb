package io.scalpsignals.executor.cli;

import io.scalpsignals.executor.Engine;
import io.scalpsignals.executor.ExecutorMetrics;
import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.BrokerFactory;
import io.scalpsignals.executor.broker.Brokers;
import io.scalpsignals.executor.broker.Capabilities;
import io.scalpsignals.executor.calendar.ExchangeCalendar;
import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.executor.run.LiveRunner;
import io.scalpsignals.executor.state.StateStore;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code executor run}: live on Kafka, wall clock; SIGTERM finishes the record in hand, commits, closes. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Runs live on Kafka signals and ticks.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Default: ${DEFAULT-VALUE}.")
    String bootstrapServers;

    @Option(
            names = "--kafka-properties",
            paramLabel = "FILE",
            description = "Kafka client properties (SASL, TLS); values are never logged.")
    Path kafkaProperties;

    @Option(names = "--signals-topic", defaultValue = "signals", description = "Default: ${DEFAULT-VALUE}.")
    String signalsTopic;

    @Option(names = "--ticks-topic", defaultValue = "ticks", description = "Default: ${DEFAULT-VALUE}.")
    String ticksTopic;

    @Option(
            names = "--chain-topic",
            paramLabel = "TOPIC",
            description =
                    "Option-chain quotes, one JSON object per record: turns options scalping on (a broker that trades options: paper).")
    String chainTopic;

    @Mixin
    OptionsSettings optionsSettings;

    @Mixin
    ExecSettings execSettings;

    @Mixin
    CalendarSettings calendarSettings;

    @Option(names = "--group-id", defaultValue = "scalp-executor", description = "Default: ${DEFAULT-VALUE}.")
    String groupId;

    @Option(names = "--state-dir", required = true, paramLabel = "DIR")
    Path stateDir;

    @Option(
            names = "--broker",
            defaultValue = "paper",
            paramLabel = "NAME",
            description = "Where orders go: ${COMPLETION-CANDIDATES}; paper by default. bybit reads BYBIT_API_KEY,"
                    + " BYBIT_API_SECRET, BYBIT_BASE_URL (README: Executor).",
            completionCandidates = BrokerNames.class)
    String broker;

    /** The venues there are, for {@code --help}. */
    public static final class BrokerNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Brokers.names().iterator();
        }
    }

    /**
     * The broker named by {@code --broker}, refused when it lacks what this run needs.
     *
     * @throws CommandLine.ParameterException naming the broker and what it lacks, or a bad setting
     */
    private Broker broker(ExecutorConfig config, @Nullable OptionsConfig options) {
        CommandLine cli = spec.commandLine();
        BrokerFactory factory;
        try {
            factory = Brokers.named(broker);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--broker: " + e.getMessage());
        }
        boolean limit = config.entryOrder() == ExecutorConfig.EntryOrder.LIMIT;
        List<String> lacking = factory.capabilities().lacking(Capabilities.required(options != null, limit));
        if (!lacking.isEmpty()) {
            throw new CommandLine.ParameterException(
                    cli,
                    "--broker " + broker + " cannot trade " + String.join(", ", lacking) + ", which "
                            + (options != null
                                    ? "--chain-topic (options scalps)"
                                    : limit ? "entry_order=limit" : "this run")
                            + " needs");
        }
        try {
            return factory.create(new BrokerFactory.Context(
                    stateDir,
                    config.slippagePct(),
                    config.feePct(),
                    config.makerFeePct(),
                    config.limitTimeoutMs(),
                    (options != null ? options : OptionsConfig.defaults()).contractMultiplier(),
                    System.getenv(),
                    Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cli, "--broker " + broker + ": " + e.getMessage());
        }
    }

    @Option(
            names = "--metrics-port",
            defaultValue = "9464",
            description = "Prometheus metrics on HOST:PORT/metrics; -1 turns them off (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(
            names = "--metrics-host",
            defaultValue = "127.0.0.1",
            paramLabel = "ADDRESS",
            description =
                    "Address the metrics listen on: loopback by default; 0.0.0.0 in a pod, where Prometheus scrapes the pod's port (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Override
    public Integer call() throws Exception {
        CommandLine cli = spec.commandLine();
        ExecutorConfig config;
        OptionsConfig options = optionsSettings.resolve(cli, "--chain-topic", chainTopic);
        ExchangeCalendar calendar = calendarSettings.load(cli);
        config = execSettings.resolve(cli);
        Properties props = new Properties();
        try {
            if (kafkaProperties != null) {
                try (var in = Files.newBufferedReader(kafkaProperties)) {
                    props.load(in);
                }
            }
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandLine.ParameterException(cli, e.getMessage());
        }
        props.setProperty("bootstrap.servers", bootstrapServers);
        props.setProperty("group.id", groupId);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.set(true);
                            try {
                                stopped.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "executor-stop"));
        try (StateStore store = ExecutorCli.openState(stateDir, cli);
                Broker broker = broker(config, options);
                ExecutorMetrics metrics = new ExecutorMetrics()) {
            Engine engine = new Engine(store, broker, config, Clock.systemUTC(), options, calendar);
            LiveRunner runner = new LiveRunner(engine, props, signalsTopic, ticksTopic, chainTopic);
            if (metricsPort >= 0) {
                InetAddress address;
                try {
                    address = InetAddress.getByName(metricsHost);
                } catch (UnknownHostException e) {
                    throw new CommandLine.ParameterException(
                            cli, "--metrics-host: unknown address '" + metricsHost + "'");
                }
                cli.getErr()
                        .println("executor: metrics on http://" + metricsHost + ":"
                                + metrics.serve(address, metricsPort) + "/metrics");
                engine.withMetrics(metrics);
                broker.reportTo(metrics);
                runner.withMetrics(metrics);
            }
            runner.run(stop::get);
        } finally {
            stopped.countDown();
        }
        return 0;
    }
}
