package io.scalpsignals.executor.cli;

import io.scalpsignals.executor.state.StateException;
import io.scalpsignals.executor.state.StateImport;
import io.scalpsignals.executor.state.StateStore;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code bin/executor} command line (SPEC.md §8). A usage error or a state directory that
 * cannot be used (corrupt, or written by a newer schema) prints one line and exits with 2.
 */
@Command(
        name = "executor",
        mixinStandardHelpOptions = true,
        description = "Turns signals into orders and manages exits.",
        subcommands = {
            RunCommand.class,
            ReplayCommand.class,
            ExportStateCommand.class,
            JournalCommand.class,
            PauseCommand.class,
            ResumeCommand.class,
            CloseCommand.class
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
            return e instanceof StateException ? CommandLine.ExitCode.USAGE : CommandLine.ExitCode.SOFTWARE;
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

    static void requireState(Path stateDir, CommandLine cli) {
        if (!Files.isRegularFile(stateDir.resolve("state.db"))) {
            throw new CommandLine.ParameterException(cli, "--state-dir: no executor state in " + stateDir);
        }
    }
}
