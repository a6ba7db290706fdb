package io.scalpsignals.executor.cli;

import picocli.CommandLine.Command;

/** {@code executor pause}: no new opens; exits still run; survives a restart. */
@Command(
        name = "pause",
        mixinStandardHelpOptions = true,
        description = "Stops new opens (exits still run) until resume.")
final class PauseCommand extends ControlCommand {
    @Override
    public Integer call() {
        return request("PAUSE", null, "pause");
    }
}
