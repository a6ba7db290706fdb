package io.scalpsignals.model.read;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;

/** Applies {@link TickValidator} to a parsed tick and wraps the outcome. */
final class Ticks {

    private Ticks() {}

    static ReadResult validated(Tick tick, String raw, Object source) {
        TickValidator.Violation v = TickValidator.check(tick);
        if (v == null) {
            return ReadResult.accepted(tick);
        }
        return ReadResult.rejected(v.reason(), v.detail(), raw, source.toString());
    }
}
