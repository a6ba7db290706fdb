package io.scalpsignals.marketdata.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * How {@code bin/scalp}'s commands end, whichever jar runs them (the job's, or the Flink-free
 * market-data jar): a usage error (an unknown option, a missing file, a bad value) prints one line
 * and exits with 2; a failed run prints its message and root cause and exits with 1.
 */
public final class ScalpCommandLine {

    private ScalpCommandLine() {}

    /**
     * Runs {@code command} (a picocli {@code @Command}) on {@code args}.
     *
     * @return the exit code
     */
    public static int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setParameterExceptionHandler((e, a) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("scalp: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, c, p) -> {
            PrintWriter err = c.getErr();
            err.println("scalp: " + c.getCommandName() + " failed: " + rootMessage(e));
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        });
        return cli.execute(args);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t + ")";
    }
}
