package io.scalpsignals.model.read;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Column positions by lower-case header name. */
final class CsvColumns {

    private final Map<String, Integer> index;
    private final int count;

    private CsvColumns(Map<String, Integer> index, int count) {
        this.index = index;
        this.count = count;
    }

    static CsvColumns parseHeader(String header) {
        String[] names = CsvLines.split(header.strip(), -1);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.putIfAbsent(names[i].strip().toLowerCase(Locale.ROOT), i);
        }
        return new CsvColumns(index, names.length);
    }

    boolean has(String name) {
        return index.containsKey(name);
    }

    /** The position of {@code name}, or -1. */
    int position(String name) {
        return index.getOrDefault(name, -1);
    }

    int count() {
        return count;
    }
}
