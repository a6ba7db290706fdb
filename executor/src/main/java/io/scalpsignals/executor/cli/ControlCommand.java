package io.scalpsignals.executor.cli;

import io.scalpsignals.executor.state.StateStore;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The kill switch's commands: a request written to the state directory for the executor that owns it. */
abstract class ControlCommand implements Callable<Integer> {
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
        ExecutorCli.requireState(stateDir, cli);
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
