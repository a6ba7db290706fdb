package io.scalpsignals.job.backtest;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The settings combinations of a sweep: a grid ({@code --sweep KEY=V1,V2,...}, every combination of
 * the values, the first key varying slowest) times a random search ({@code --sample KEY=LO..HI}, N
 * draws from a seeded generator, each key uniform in its range: whole numbers when both bounds are,
 * else decimals to 6 significant digits). The same arguments give the same combinations.
 */
public final class SweepPlan {

    private SweepPlan() {}

    /**
     * @param sweeps {@code KEY=V1,V2,...} each
     * @param samples {@code KEY=LO..HI} each
     * @param draws how many random draws when {@code samples} is not empty
     * @param seed the random search's seed
     * @return the combinations, key to value as text, in run order; one empty map when neither is given
     * @throws IllegalArgumentException naming the option and the malformed argument
     */
    public static List<Map<String, String>> combinations(
            List<String> sweeps, List<String> samples, int draws, long seed) {
        List<Map<String, String>> grid = new ArrayList<>(List.of(new LinkedHashMap<>()));
        for (String sweep : sweeps) {
            String[] kv = keyValue("--sweep", sweep, "KEY=V1,V2,...");
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combo : grid) {
                for (String v : kv[1].split(",", -1)) {
                    if (v.isBlank()) {
                        throw new IllegalArgumentException("--sweep " + kv[0] + ": empty value in '" + kv[1] + "'");
                    }
                    Map<String, String> c = new LinkedHashMap<>(combo);
                    if (c.put(kv[0], v.strip()) != null) {
                        throw new IllegalArgumentException("--sweep " + kv[0] + ": the key is swept twice");
                    }
                    next.add(c);
                }
            }
            grid = next;
        }
        if (samples.isEmpty()) {
            return grid;
        }
        if (draws < 1) {
            throw new IllegalArgumentException("--samples: must be >= 1 with --sample, got " + draws);
        }
        List<Range> ranges = samples.stream().map(Range::parse).toList();
        SplittableRandom random = new SplittableRandom(seed);
        List<Map<String, String>> out = new ArrayList<>();
        for (int i = 0; i < draws; i++) {
            Map<String, String> draw = new LinkedHashMap<>();
            for (Range r : ranges) {
                draw.put(r.key(), r.draw(random));
            }
            for (Map<String, String> combo : grid) {
                Map<String, String> c = new LinkedHashMap<>(combo);
                for (Map.Entry<String, String> e : draw.entrySet()) {
                    if (c.put(e.getKey(), e.getValue()) != null) {
                        throw new IllegalArgumentException("--sample " + e.getKey() + ": the key is also swept");
                    }
                }
                out.add(c);
            }
        }
        return out;
    }

    private static String[] keyValue(String option, String arg, String expected) {
        int eq = arg.indexOf('=');
        if (eq <= 0 || eq == arg.length() - 1) {
            throw new IllegalArgumentException(option + ": expected " + expected + ", got '" + arg + "'");
        }
        return new String[] {arg.substring(0, eq).strip(), arg.substring(eq + 1)};
    }

    /** One {@code --sample KEY=LO..HI}. */
    private record Range(String key, BigDecimal lo, BigDecimal hi, boolean whole) {

        static Range parse(String arg) {
            String[] kv = keyValue("--sample", arg, "KEY=LO..HI");
            String[] bounds = kv[1].split("\\.\\.", -1);
            try {
                if (bounds.length != 2) {
                    throw new NumberFormatException();
                }
                BigDecimal lo = new BigDecimal(bounds[0].strip());
                BigDecimal hi = new BigDecimal(bounds[1].strip());
                if (lo.compareTo(hi) > 0) {
                    throw new IllegalArgumentException(
                            "--sample " + kv[0] + ": LO must not exceed HI, got '" + kv[1] + "'");
                }
                return new Range(kv[0], lo, hi, lo.scale() <= 0 && hi.scale() <= 0);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--sample " + kv[0] + ": expected LO..HI as numbers, got '" + kv[1] + "'");
            }
        }

        String draw(SplittableRandom random) {
            if (whole) {
                return Long.toString(random.nextLong(lo.longValueExact(), hi.longValueExact() + 1));
            }
            double v = lo.doubleValue() + random.nextDouble() * (hi.doubleValue() - lo.doubleValue());
            return new BigDecimal(v)
                    .round(new MathContext(6))
                    .stripTrailingZeros()
                    .toPlainString();
        }
    }
}
