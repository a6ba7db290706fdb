package io.scalpsignals.executor.cli;

import io.scalpsignals.executor.state.StateStore;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code executor journal}: prints the committed journal (SPEC.md §7), one JSON object per
 * line, as {@code replay --journal} writes it. Safe beside a running executor (SQLite WAL:
 * it reads the last committed state).
 */
@Command(name = "journal", mixinStandardHelpOptions = true, description = "Prints the committed journal, JSON lines.")
final class JournalCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--state-dir", required = true, paramLabel = "DIR")
    Path stateDir;

    @Override
    public Integer call() {
        ExecutorCli.requireState(stateDir, spec.commandLine());
        try (StateStore store = StateStore.open(stateDir)) {
            store.journal().forEach(spec.commandLine().getOut()::println);
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
