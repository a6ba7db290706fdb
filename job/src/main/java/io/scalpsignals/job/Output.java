package io.scalpsignals.job;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The outputs of a backfill (SPEC.md §8), each written to {@code DIR/<name>.jsonl}. */
public enum Output {
    FEATURES("features"),
    BARS("bars"),
    SIGNALS("signals"),
    BLOCKED("blocked"),
    DEAD_LETTER("dead-letter"),
    LATE("late");

    private final String fileName;

    Output(String fileName) {
        this.fileName = fileName;
    }

    /** The file's base name, without {@code .jsonl}. */
    public String fileName() {
        return fileName;
    }

    /**
     * Parses {@code --outputs}: a comma-separated list of output names.
     *
     * @throws IllegalArgumentException naming an unknown output
     */
    public static Set<Output> parseList(String list) {
        Set<Output> out = EnumSet.noneOf(Output.class);
        for (String name : list.split(",")) {
            String n = name.strip().toLowerCase(Locale.ROOT);
            if (n.isEmpty()) {
                continue;
            }
            out.add(Arrays.stream(values())
                    .filter(o -> o.fileName.equals(n))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--outputs: unknown output '"
                            + name.strip()
                            + "' (expected "
                            + Arrays.stream(values()).map(Output::fileName).collect(Collectors.joining(", "))
                            + ")")));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--outputs: name at least one output");
        }
        return out;
    }
}
