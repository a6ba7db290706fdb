package io.scalpsignals.executor.cli;

import io.scalpsignals.executor.config.ExecutorConfig;
import io.scalpsignals.executor.config.ExecutorJson;
import io.scalpsignals.executor.state.StateExport;
import io.scalpsignals.executor.state.StateStore;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code executor export-state}: the old system's state document on stdout. */
@Command(
        name = "export-state",
        mixinStandardHelpOptions = true,
        description = "Prints the state document of the system this replaces.")
final class ExportStateCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--state-dir", required = true, paramLabel = "DIR")
    Path stateDir;

    @Override
    public Integer call() throws IOException {
        ExecutorCli.requireState(stateDir, spec.commandLine());
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
