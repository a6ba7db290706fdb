package io.scalpsignals.model.read;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Strict number parsing for trade files. {@link Double#parseDouble} alone would also accept
 * {@code "1.5d"}, hex floats and surrounding blanks, which no trade file means.
 */
final class Numbers {

    private Numbers() {}

    /**
     * Parses a decimal number; {@code NaN} and {@code [+-]Infinity} are accepted so that the
     * validator can report them as non-finite values rather than as unreadable ones.
     *
     * @throws NumberFormatException when {@code s} is not a plain decimal number
     */
    static double parseDouble(String s) {
        if (!isDecimal(s)
                && !s.equals("NaN")
                && !s.equals("Infinity")
                && !s.equals("-Infinity")
                && !s.equals("+Infinity")) {
            throw new NumberFormatException("not a number: '" + abbreviate(s) + "'");
        }
        return Double.parseDouble(s);
    }

    /**
     * Parses an integer or decimal epoch timestamp in the given unit and returns epoch ms, rounded
     * down (a trade at 1.5 ms belongs to millisecond 1).
     *
     * @throws NumberFormatException when {@code s} is not a decimal number or is out of range
     */
    static long parseEpoch(String s, TimeUnitScale scale) {
        if (isInteger(s) && s.length() <= 18) {
            long v = Long.parseLong(s);
            return switch (scale) {
                case SECONDS -> Math.multiplyExact(v, 1000L);
                case MILLIS -> v;
                case MICROS -> Math.floorDiv(v, 1000L);
            };
        }
        if (!isDecimal(s)) {
            throw new NumberFormatException("not a timestamp: '" + abbreviate(s) + "'");
        }
        BigDecimal v = new BigDecimal(s);
        BigDecimal ms = switch (scale) {
            case SECONDS -> v.movePointRight(3);
            case MILLIS -> v;
            case MICROS -> v.movePointLeft(3);
        };
        try {
            return ms.setScale(0, RoundingMode.FLOOR).longValueExact();
        } catch (ArithmeticException e) {
            throw new NumberFormatException("timestamp out of range: '" + abbreviate(s) + "'");
        }
    }

    /** The unit of a timestamp column. */
    enum TimeUnitScale {
        SECONDS,
        MILLIS,
        MICROS
    }

    private static boolean isInteger(String s) {
        int n = s.length();
        int i = (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) ? 1 : 0;
        if (i == n) {
            return false;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** {@code [+-]?(digits[.digits]|.digits)([eE][+-]?digits)?} */
    private static boolean isDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        int digits = 0;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
                i++;
            }
            int exp = 0;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /**
     * The epoch ms of the plain integer {@code b[from, to)} (ASCII) in {@code scale}, as {@link
     * #parseEpoch} computes it; {@link Long#MIN_VALUE} when it is not a plain integer of at most 18
     * characters or overflows (the caller then takes the text path, which reports why).
     */
    static long plainEpoch(byte[] b, int from, int to, TimeUnitScale scale) {
        int i = from;
        boolean negative = false;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            negative = b[i] == '-';
            i++;
        }
        if (i == to || to - from > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return Long.MIN_VALUE;
            }
            v = v * 10 + d;
        }
        v = negative ? -v : v;
        return switch (scale) {
            case SECONDS -> v > Long.MAX_VALUE / 1000 || v < Long.MIN_VALUE / 1000 + 1 ? Long.MIN_VALUE : v * 1000L;
            case MILLIS -> v;
            case MICROS -> Math.floorDiv(v, 1000L);
        };
    }

    /** True when ASCII {@code b[from, to)} is a plain decimal number ({@link #parseDouble}'s grammar). */
    static boolean isDecimal(byte[] b, int from, int to) {
        int i = from;
        if (i < to && (b[i] == '-' || b[i] == '+')) {
            i++;
        }
        int digits = 0;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            i++;
            digits++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                i++;
            }
            int exp = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == to;
    }
}
