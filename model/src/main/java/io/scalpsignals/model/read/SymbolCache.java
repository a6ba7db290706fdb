package io.scalpsignals.model.read;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The symbols a reader has decoded, by their bytes, so that a file of millions of trades of a
 * few hundred symbols allocates a symbol string once per symbol, not once per trade. Holds at
 * most {@value #MAX} symbols (an open-addressing table of twice that); beyond, each is decoded.
 */
final class SymbolCache {

    static final int MAX = 4096;

    private final byte[][] keys = new byte[MAX * 2][];
    private final String[] values = new String[MAX * 2];
    private int size;

    /** The string of ASCII bytes {@code b[from, to)}. */
    String get(byte[] b, int from, int to) {
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int mask = keys.length - 1;
        for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
            byte[] k = keys[slot];
            if (k == null) {
                String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
                if (size < MAX) {
                    keys[slot] = Arrays.copyOfRange(b, from, to);
                    values[slot] = s;
                    size++;
                }
                return s;
            }
            if (Arrays.equals(k, 0, k.length, b, from, to)) {
                return values[slot];
            }
        }
    }
}
