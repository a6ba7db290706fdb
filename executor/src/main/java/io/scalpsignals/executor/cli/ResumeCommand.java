package io.scalpsignals.executor.cli;

import picocli.CommandLine.Command;

/** {@code executor resume}: opens allowed again. */
@Command(name = "resume", mixinStandardHelpOptions = true, description = "Allows opens again after a pause.")
final class ResumeCommand extends ControlCommand {
    @Override
    public Integer call() {
        return request("RESUME", null, "resume");
    }
}
