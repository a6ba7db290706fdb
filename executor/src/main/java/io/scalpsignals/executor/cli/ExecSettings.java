package io.scalpsignals.executor.cli;

import io.scalpsignals.executor.config.ExecutorConfig;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The executor's settings ({@link ExecutorConfig}), for {@code run}, {@code replay} and {@code scalp backtest}. */
public final class ExecSettings {
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
