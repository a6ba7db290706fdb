package io.scalpsignals.udf.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The risk parameters a signal carries, by profile and confidence (SPEC.md §5). All {@code *_pct}
 * and {@code *_roi} values are fractions of the leveraged ROI (0.02 is 2 %).
 *
 * <ul>
 *   <li>{@code crypto-perp} (default): confidence &gt;= 85: tp 0.025, sl 0.015, 1500 s; 70..84:
 *       tp 0.020, sl 0.015, 2100 s; below 70: tp 0.0125, sl 0.0125, 3000 s; leverage 5, size
 *       0.15.
 *   <li>{@code scalp-bps}: tp 0.0005, sl 0.0002, 300 s, leverage 1, size 0.005.
 *   <li>{@code options-0dte}: tp 0.30, sl 0.15, 900 s, leverage 1, size 0.05.
 * </ul>
 * Every profile uses cooldown 900 s, trailing activation 0.01 and distance 0.005 (SPEC.md gives
 * these for crypto-perp only).
 */
public enum RiskProfile {
    CRYPTO_PERP("crypto-perp"),
    SCALP_BPS("scalp-bps"),
    OPTIONS_0DTE("options-0dte");

    /** The risk parameters of one signal. */
    public record Params(
            double tpPct,
            double slPct,
            long timeInTradeLimitSec,
            double leverage,
            double sizePct,
            long cooldownSec,
            double trailActivationRoi,
            double trailDistanceRoi) {}

    private static final long COOLDOWN_SEC = 900;
    private static final double TRAIL_ACTIVATION_ROI = 0.01;
    private static final double TRAIL_DISTANCE_ROI = 0.005;

    private final String configName;

    RiskProfile(String configName) {
        this.configName = configName;
    }

    /** The name used by {@code --profile} and the {@code profile} key. */
    public String configName() {
        return configName;
    }

    /** The parameters for a signal of the given confidence (0..100). */
    public Params forConfidence(int confidence) {
        return switch (this) {
            case CRYPTO_PERP -> {
                if (confidence >= 85) {
                    yield params(0.025, 0.015, 1500, 5.0, 0.15);
                }
                yield confidence >= 70
                        ? params(0.020, 0.015, 2100, 5.0, 0.15)
                        : params(0.0125, 0.0125, 3000, 5.0, 0.15);
            }
            case SCALP_BPS -> params(0.0005, 0.0002, 300, 1.0, 0.005);
            case OPTIONS_0DTE -> params(0.30, 0.15, 900, 1.0, 0.05);
        };
    }

    private static Params params(double tp, double sl, long timeSec, double leverage, double size) {
        return new Params(tp, sl, timeSec, leverage, size, COOLDOWN_SEC, TRAIL_ACTIVATION_ROI, TRAIL_DISTANCE_ROI);
    }

    /**
     * @throws IllegalArgumentException naming the known profiles
     */
    public static RiskProfile parse(String name) {
        return Arrays.stream(values())
                .filter(p -> p.configName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("profile: unknown risk profile '" + name
                        + "' (expected "
                        + Arrays.stream(values()).map(RiskProfile::configName).collect(Collectors.joining(", "))
                        + ")"));
    }
}
