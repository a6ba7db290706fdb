package io.scalpsignals.job.cli;

import io.scalpsignals.job.config.ConfigFile;
import io.scalpsignals.udf.config.RiskProfile;
import io.scalpsignals.udf.config.StrategyConfig;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The strategy options of every command that runs the job ({@code backfill}, {@code run},
 * {@code submit}, application mode): {@code --config}, {@code --profile}, {@code --set}.
 */
final class StrategyOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Strategy configuration, YAML or properties.")
    Path config;

    @Option(
            names = "--profile",
            paramLabel = "NAME",
            description =
                    "Risk profile: crypto-perp (default), scalp-bps or options-0dte; overrides the config file's profile.")
    String profile;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "A configuration key's value, applied after --config and --profile (repeatable; what scalp backtest --sweep varies).")
    Map<String, String> set = new LinkedHashMap<>();

    /** These options with {@code more} applied after their own {@code --set} values. */
    StrategyOptions with(Map<String, String> more) {
        StrategyOptions o = new StrategyOptions();
        o.config = config;
        o.profile = profile;
        o.set = new LinkedHashMap<>(set);
        o.set.putAll(more);
        return o;
    }

    /**
     * The strategy configuration: the file's (or SPEC.md's defaults), with the profile if given,
     * then the {@code --set} values.
     *
     * @throws IllegalArgumentException naming a bad key or profile
     */
    StrategyConfig strategy() {
        StrategyConfig c = config == null ? StrategyConfig.defaults().validate() : ConfigFile.load(config);
        if (profile != null) {
            RiskProfile.parse(profile);
            c.profile = profile;
        }
        try {
            return ConfigFile.override(c, set);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--set: " + e.getMessage(), e);
        }
    }
}
