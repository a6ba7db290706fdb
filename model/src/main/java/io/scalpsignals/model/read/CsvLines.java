package io.scalpsignals.model.read;

import java.util.Arrays;

/**
 * Splits a line of a trade CSV into its fields. Trade files hold numbers, symbols and words,
 * never a comma inside a field, so quoting is limited to stripping one pair of surrounding
 * double quotes from a field.
 */
final class CsvLines {

    private CsvLines() {}

    /**
     * @param line one line without its line terminator
     * @param expected the expected number of fields (a sizing hint), or -1
     * @return the fields, blank-stripped and unquoted
     */
    static String[] split(String line, int expected) {
        String[] out = new String[Math.max(expected, 4)];
        int n = 0;
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            int end = comma < 0 ? line.length() : comma;
            if (n == out.length) {
                out = Arrays.copyOf(out, n * 2);
            }
            out[n++] = unquote(line.substring(start, end).strip());
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    private static String unquote(String field) {
        int n = field.length();
        if (n >= 2 && field.charAt(0) == '"' && field.charAt(n - 1) == '"') {
            return field.substring(1, n - 1);
        }
        return field;
    }
}
