package io.scalpsignals.model.read;

import io.scalpsignals.model.ReadResult;

/** Turns one line of a line-oriented trade file into a tick or a dead letter; never throws. */
interface LineParser {

    /**
     * @param line the line without its terminator
     * @param source where the line is, {@code file:line}, for a dead letter
     */
    ReadResult parse(String line, SourceRef source);

    /** As {@link #parse(String, SourceRef)} on a line's bytes; decodes it by default. */
    default ReadResult parse(Line line, SourceRef source) {
        return parse(line.text(), source);
    }

    /** A lazily formatted {@code name:position}: most records are valid and never need it. */
    record SourceRef(String name, long position) {
        @Override
        public String toString() {
            return name + ":" + position;
        }
    }
}
