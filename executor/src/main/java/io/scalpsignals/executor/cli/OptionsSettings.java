package io.scalpsignals.executor.cli;

import io.scalpsignals.executor.options.OptionsConfig;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import javax.annotation.Nullable;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options scalp's settings, for {@code run} and {@code replay} with a chain. */
final class OptionsSettings {
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
            description = "One options setting, after --options-config (repeatable), e.g. --option max_daily_scalps=3.")
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
                    cli, chainOption + " trades options scalps: it goes with --profile options-0dte, not " + profile);
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
