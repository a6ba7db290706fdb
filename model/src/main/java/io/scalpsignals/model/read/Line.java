package io.scalpsignals.model.read;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One line of a trade file as bytes (UTF-8, without its terminator), reused from line to line;
 * its text is decoded only when asked for (a dead letter's {@code raw}, a parser's slow path).
 */
final class Line {

    byte[] bytes = new byte[256];
    int length;
    private String text;

    /** The line's text, decoded once. */
    String text() {
        if (text == null) {
            text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
        return text;
    }

    void set(byte[] source, int from, int to) {
        int n = to - from;
        if (n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(n, bytes.length * 2));
        }
        System.arraycopy(source, from, bytes, 0, n);
        length = n;
        text = null;
    }

    void append(byte[] source, int from, int to) {
        int n = to - from;
        if (length + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + n, bytes.length * 2));
        }
        System.arraycopy(source, from, bytes, length, n);
        length += n;
        text = null;
    }

    /** Takes {@code other}'s content, leaving {@code other} with this line's old buffer. */
    void swap(Line other) {
        byte[] b = bytes;
        int n = length;
        String t = text;
        bytes = other.bytes;
        length = other.length;
        text = other.text;
        other.bytes = b;
        other.length = n;
        other.text = t;
    }

    /** True when every byte is ASCII (then one byte is one character). */
    boolean isAscii() {
        for (int i = 0; i < length; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
