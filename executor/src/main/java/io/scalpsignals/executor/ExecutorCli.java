package io.scalpsignals.executor;

import io.scalpsignals.executor.options.OptionsConfig;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code bin/executor} command line (SPEC.md §8). A usage error or a state directory that
 * cannot be used (corrupt, or written by a newer schema) prints one line and exits with 2.
 */
@Command(
        name = "executor",
        mixinStandardHelpOptions = true,
        description = "Turns signals into orders and manages exits.",
        subcommands = {
            ExecutorCli.RunCommand.class,
            ExecutorCli.ReplayCommand.class,
            ExecutorCli.ExportStateCommand.class,
            ExecutorCli.JournalCommand.class,
            ExecutorCli.PauseCommand.class,
            ExecutorCli.ResumeCommand.class,
            ExecutorCli.CloseCommand.class
        })
public final class ExecutorCli implements Runnable {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        CommandLine cli = new CommandLine(new ExecutorCli()).setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("executor: " + e.getMessage());
            e.getCommandLine().getErr().flush();
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            c.getErr().println("executor: " + e.getMessage());
            c.getErr().flush();
            return e instanceof StateStore.StateException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                new CommandLine(this), "name a command: run, replay, journal, export-state, pause, resume or close");
    }

    /**
     * Opens the state directory for {@code run} and {@code replay}, committing events in groups
     * ({@link StateStore#MAX_GROUP}; an intent is committed before its order leaves, a live run
     * commits before it commits Kafka offsets); on a first start (no state yet) with {@code
     * TRADING_STATE_FILE} set, imports that document.
     */
    static StateStore openState(Path stateDir, CommandLine cli) {
        boolean fresh = !Files.exists(stateDir.resolve("state.db"));
        StateStore store = StateStore.open(stateDir, StateStore.MAX_GROUP);
        String legacy = System.getenv("TRADING_STATE_FILE");
        if (fresh && legacy != null && !legacy.isBlank()) {
            try {
                int[] n = StateImport.into(store, Path.of(legacy));
                cli.getErr()
                        .printf(
                                "executor: imported %d intents, %d cooldowns, %d positions from %s%n",
                                n[0], n[1], n[2], legacy);
            } catch (IllegalArgumentException e) {
                store.close();
                throw new CommandLine.ParameterException(cli, e.getMessage());
            }
        }
        return store;
    }

    /** The executor's settings ({@link ExecutorConfig}), for {@code run}, {@code replay} and {@code scalp backtest}. */
    public static final class ExecSettings {
        @Option(
                names = "--exec-config",
                paramLabel = "FILE",
                description =
                        "The executor's settings, YAML (deploy/config/executor.yaml lists every key with its default).")
        Path file;

        @Option(
                names = "--exec",
                paramLabel = "KEY=VALUE",
                description = "One executor setting, after --exec-config (repeatable), e.g. --exec fee_pct=0.0002.")
        Map<String, String> overrides = new LinkedHashMap<>();

        /**
         * SPEC.md §7's defaults, then the replaced system's environment variables, then the file,
         * then each {@code --exec}.
         *
         * @throws CommandLine.ParameterException naming the option, the key and why
         */
        public ExecutorConfig resolve(CommandLine cli) {
            ExecutorConfig config;
            try {
                config = ExecutorConfig.fromEnvironment(System.getenv());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, e.getMessage());
            }
            try {
                config = file == null ? config : config.load(file);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--exec-config: " + e.getMessage());
            }
            try {
                return config.with(overrides);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--exec: " + e.getMessage());
            }
        }
    }

    /** The options scalp's settings, for {@code run} and {@code replay} with a chain. */
    static final class OptionsSettings {
        /** The profile whose signals the executor trades as options scalps (SPEC.md §5). */
        static final String OPTIONS_PROFILE = "options-0dte";

        @Option(
                names = "--profile",
                paramLabel = "NAME",
                description =
                        "The job's risk profile the signals come from: options-0dte trades them as options scalps"
                                + " (needs a chain, which alone also turns that on); crypto-perp and scalp-bps trade the signal's symbol.")
        String profile;

        @Option(
                names = "--options-config",
                paramLabel = "FILE",
                description =
                        "The options scalp's settings, YAML (deploy/config/options-0dte.yaml lists every key); needs a chain.")
        Path file;

        @Option(
                names = "--option",
                paramLabel = "KEY=VALUE",
                description =
                        "One options setting, after --options-config (repeatable), e.g. --option max_daily_scalps=3.")
        Map<String, String> overrides = new LinkedHashMap<>();

        /**
         * @param chainOption the name of the option that gives the chain, for messages
         * @param chain that option's value, or null when it was not given
         * @return the settings when a chain is given (options mode), else null
         * @throws CommandLine.ParameterException for settings without a chain, or a bad key or value
         */
        @Nullable
        OptionsConfig resolve(CommandLine cli, String chainOption, @Nullable Object chain) {
            if (profile != null
                    && !List.of(OPTIONS_PROFILE, "crypto-perp", "scalp-bps").contains(profile)) {
                throw new CommandLine.ParameterException(
                        cli,
                        "--profile: unknown risk profile '" + profile
                                + "' (expected crypto-perp, scalp-bps, options-0dte)");
            }
            if (OPTIONS_PROFILE.equals(profile) && chain == null) {
                throw new CommandLine.ParameterException(
                        cli, "--profile options-0dte needs " + chainOption + ": contracts are chosen from it");
            }
            if (profile != null && !OPTIONS_PROFILE.equals(profile) && chain != null) {
                throw new CommandLine.ParameterException(
                        cli,
                        chainOption + " trades options scalps: it goes with --profile options-0dte, not " + profile);
            }
            if (chain == null) {
                if (file != null || !overrides.isEmpty()) {
                    throw new CommandLine.ParameterException(cli, "--options-config and --option need " + chainOption);
                }
                return null;
            }
            OptionsConfig base;
            try {
                base = file == null ? OptionsConfig.defaults() : OptionsConfig.load(file);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--options-config: " + e.getMessage());
            }
            try {
                return base.with(overrides);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--option: " + e.getMessage());
            }
        }
    }

    /** {@code executor run}: live on Kafka, wall clock; SIGTERM finishes the record in hand, commits, closes. */
    @Command(name = "run", mixinStandardHelpOptions = true, description = "Runs live on Kafka signals and ticks.")
    static final class RunCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--bootstrap-servers",
                defaultValue = "127.0.0.1:9092",
                description = "Default: ${DEFAULT-VALUE}.")
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
                        "Option-chain quotes, one JSON object per record: turns options scalping on (paper broker only).")
        String chainTopic;

        @Mixin
        OptionsSettings optionsSettings;

        @Mixin
        ExecSettings execSettings;

        @Option(names = "--group-id", defaultValue = "scalp-executor", description = "Default: ${DEFAULT-VALUE}.")
        String groupId;

        @Option(names = "--state-dir", required = true, paramLabel = "DIR")
        Path stateDir;

        /** Where orders go. */
        enum BrokerKind {
            PAPER,
            BYBIT
        }

        @Option(
                names = "--broker",
                defaultValue = "paper",
                paramLabel = "paper|bybit",
                description = "paper (default) or bybit (BYBIT_API_KEY, BYBIT_API_SECRET, BYBIT_BASE_URL).")
        BrokerKind broker;

        private Broker broker(ExecutorConfig config) {
            return switch (broker) {
                case PAPER -> new PaperBroker(stateDir, config.slippagePct());
                case BYBIT -> {
                    try {
                        yield BybitBroker.fromEnvironment(System.getenv(), Clock.systemUTC());
                    } catch (IllegalArgumentException e) {
                        throw new CommandLine.ParameterException(
                                spec.commandLine(), "--broker bybit: " + e.getMessage());
                    }
                }
            };
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
            if (options != null && broker != BrokerKind.PAPER) {
                throw new CommandLine.ParameterException(
                        cli,
                        "--chain-topic: options scalps trade on the paper broker only;"
                                + " the Bybit adapter trades linear contracts");
            }
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
            try (StateStore store = openState(stateDir, cli);
                    Broker broker = broker(config);
                    ExecutorMetrics metrics = new ExecutorMetrics()) {
                Engine engine = new Engine(store, broker, config, Clock.systemUTC(), options);
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
                    if (broker instanceof BybitBroker bybit) {
                        bybit.withCalls(metrics::onBrokerCall);
                    }
                    runner.withMetrics(metrics);
                }
                runner.run(stop::get);
            } finally {
                stopped.countDown();
            }
            return 0;
        }
    }

    /** {@code executor replay}: event-time clock over a signals file, a ticks file and (options) a chain file. */
    @Command(
            name = "replay",
            mixinStandardHelpOptions = true,
            description = "Replays signals against ticks on an event-time clock.")
    static final class ReplayCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--signals",
                required = true,
                paramLabel = "FILE",
                description = "Signals, one JSON object per line.")
        Path signals;

        @Option(
                names = "--ticks",
                paramLabel = "FILE",
                description = "Trades, any format of scalp backfill (optional with --chain).")
        Path ticks;

        @Option(
                names = "--chain",
                paramLabel = "FILE",
                description =
                        "Option-chain quotes, one JSON object per line: turns options scalping on (README: Options scalping).")
        Path chain;

        @Mixin
        OptionsSettings optionsSettings;

        @Mixin
        ExecSettings execSettings;

        @Option(names = "--ticks-format", defaultValue = "auto", description = "Default: ${DEFAULT-VALUE}.")
        String ticksFormat;

        @Option(
                names = "--ticks-symbol",
                paramLabel = "SYMBOL",
                description = "Symbol of tick records that carry none (as scalp backfill --symbol).")
        String ticksSymbol;

        @Option(
                names = "--state-dir",
                required = true,
                paramLabel = "DIR",
                description = "Durable state; a rerun resumes.")
        Path stateDir;

        @Option(names = "--journal", required = true, paramLabel = "FILE", description = "The journal, JSON lines.")
        Path journal;

        @Option(
                names = "--latency-ms",
                defaultValue = "0",
                paramLabel = "MS",
                description = "How long a signal takes to reach the executor: a signal with ts T is decided at T + MS,"
                        + " after the ticks up to then (default: ${DEFAULT-VALUE}, at its own ts).")
        long latencyMs;

        @Option(
                names = "--settings-out",
                paramLabel = "FILE",
                description =
                        "Writes the settings the replay ran with (every --exec key, latency_ms) as JSON, for the report.")
        Path settingsOut;

        @Override
        public Integer call() throws IOException {
            CommandLine cli = spec.commandLine();
            TickFormat format;
            try {
                format = TickFormat.parse(ticksFormat);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cli, "--ticks-format: " + e.getMessage());
            }
            if (ticks == null && chain == null) {
                throw new CommandLine.ParameterException(cli, "--ticks is required (without --chain)");
            }
            for (Path p : new Path[] {signals, ticks, chain}) {
                if (p != null && !Files.isRegularFile(p)) {
                    throw new CommandLine.ParameterException(cli, "no readable file " + p);
                }
            }
            OptionsConfig options = optionsSettings.resolve(cli, "--chain", chain);
            if (ticks != null) {
                try (InputStream in = Files.newInputStream(ticks);
                        TickReader reader = TickReader.open(in, ticks.toString(), format, ticksSymbol)) {
                    // the format is known and the header readable: fail here, not midway
                } catch (IllegalArgumentException e) {
                    throw new CommandLine.ParameterException(cli, "--ticks: " + e.getMessage());
                }
            }
            ExecutorConfig config = execSettings.resolve(cli);
            if (latencyMs < 0) {
                throw new CommandLine.ParameterException(cli, "--latency-ms: must be >= 0, got " + latencyMs);
            }
            if (settingsOut != null) {
                if (settingsOut.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(settingsOut.toAbsolutePath().getParent());
                }
                Files.writeString(settingsOut, config.describe(latencyMs));
            }
            try (StateStore store = openState(stateDir, cli);
                    PaperBroker broker = new PaperBroker(stateDir, config.slippagePct())) {
                Engine engine = new Engine(store, broker, config, null, options);
                Replay.run(
                        engine,
                        new Replay.Inputs(signals, ticks, format, ticksSymbol, chain, latencyMs),
                        w -> cli.getErr().println("executor: skipped " + w));
                List<String> lines = store.journal();
                Files.write(
                        journal,
                        (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
            }
            return 0;
        }
    }

    /** {@code executor export-state}: the old system's state document on stdout. */
    @Command(
            name = "export-state",
            mixinStandardHelpOptions = true,
            description = "Prints the state document of the system this replaces.")
    static final class ExportStateCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--state-dir", required = true, paramLabel = "DIR")
        Path stateDir;

        @Override
        public Integer call() throws IOException {
            requireState(stateDir, spec.commandLine());
            ExecutorConfig config = ExecutorConfig.defaults();
            try (StateStore store = StateStore.open(stateDir)) {
                spec.commandLine()
                        .getOut()
                        .println(ExecutorJson.MAPPER
                                .writerWithDefaultPrettyPrinter()
                                .writeValueAsString(StateExport.of(store, store.ledger(config.startingBalance()))));
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /**
     * {@code executor journal}: prints the committed journal (SPEC.md §7), one JSON object per
     * line, as {@code replay --journal} writes it. Safe beside a running executor (SQLite WAL:
     * it reads the last committed state).
     */
    @Command(
            name = "journal",
            mixinStandardHelpOptions = true,
            description = "Prints the committed journal, JSON lines.")
    static final class JournalCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--state-dir", required = true, paramLabel = "DIR")
        Path stateDir;

        @Override
        public Integer call() {
            requireState(stateDir, spec.commandLine());
            try (StateStore store = StateStore.open(stateDir)) {
                store.journal().forEach(spec.commandLine().getOut()::println);
            }
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** The kill switch's commands: a request written to the state directory for the executor that owns it. */
    abstract static class ControlCommand implements Callable<Integer> {
        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(
                names = "--state-dir",
                required = true,
                paramLabel = "DIR",
                description = "The state directory of the executor to steer.")
        Path stateDir;

        /** Writes {@code command} for the executor; says when it applies. */
        int request(String command, @Nullable String symbol, String what) {
            CommandLine cli = spec.commandLine();
            requireState(stateDir, cli);
            try (StateStore store = StateStore.open(stateDir)) {
                store.requestControl(command, symbol, System.currentTimeMillis());
            }
            cli.getOut()
                    .println("executor: " + what + " requested; a running executor applies it after its next poll"
                            + " (within a second), a stopped one when it starts (see its journal and log)");
            cli.getOut().flush();
            return 0;
        }
    }

    /** {@code executor pause}: no new opens; exits still run; survives a restart. */
    @Command(
            name = "pause",
            mixinStandardHelpOptions = true,
            description = "Stops new opens (exits still run) until resume.")
    static final class PauseCommand extends ControlCommand {
        @Override
        public Integer call() {
            return request("PAUSE", null, "pause");
        }
    }

    /** {@code executor resume}: opens allowed again. */
    @Command(name = "resume", mixinStandardHelpOptions = true, description = "Allows opens again after a pause.")
    static final class ResumeCommand extends ControlCommand {
        @Override
        public Integer call() {
            return request("RESUME", null, "resume");
        }
    }

    /** {@code executor close --symbol S | --all}: market close, journaled CLOSED / MANUAL. */
    @Command(
            name = "close",
            mixinStandardHelpOptions = true,
            description = "Closes a symbol's position, or every position, at market.")
    static final class CloseCommand extends ControlCommand {
        @CommandLine.ArgGroup(multiplicity = "1")
        Target target;

        static final class Target {
            @Option(
                    names = "--symbol",
                    paramLabel = "SYMBOL",
                    required = true,
                    description = "The symbol whose position to close.")
            String symbol;

            @Option(names = "--all", required = true, description = "Close every open position.")
            boolean all;
        }

        @Override
        public Integer call() {
            return target.all
                    ? request("CLOSE", null, "close of every position")
                    : request("CLOSE", target.symbol, "close of " + target.symbol);
        }
    }

    private static void requireState(Path stateDir, CommandLine cli) {
        if (!Files.isRegularFile(stateDir.resolve("state.db"))) {
            throw new CommandLine.ParameterException(cli, "--state-dir: no executor state in " + stateDir);
        }
    }
}
