package io.scalpsignals.executor.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code executor close --symbol S | --all}: market close, journaled CLOSED / MANUAL. */
@Command(
        name = "close",
        mixinStandardHelpOptions = true,
        description = "Closes a symbol's position, or every position, at market.")
final class CloseCommand extends ControlCommand {
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
