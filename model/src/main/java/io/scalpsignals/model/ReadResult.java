package io.scalpsignals.model;

import javax.annotation.Nullable;

/**
 * What a reader made of one input record: exactly one of {@link #tick()} and {@link
 * #deadLetter()} is non-null.
 */
public record ReadResult(@Nullable Tick tick, @Nullable DeadLetter deadLetter) {

    public ReadResult {
        if ((tick == null) == (deadLetter == null)) {
            throw new IllegalArgumentException("exactly one of tick and deadLetter must be set");
        }
    }

    public static ReadResult accepted(Tick tick) {
        return new ReadResult(tick, null);
    }

    public static ReadResult rejected(DeadLetterReason reason, String detail, String raw, String source) {
        return new ReadResult(null, new DeadLetter(reason, detail, raw, source));
    }

    public boolean isAccepted() {
        return tick != null;
    }
}
