package io.scalpsignals.model;

/** Why an input record was dead-lettered (SPEC.md §1 validation rules). */
public enum DeadLetterReason {
    /** Not parsable as the format's JSON or CSV, including a wrong number of columns. */
    UNPARSABLE,
    /** A required field (symbol, ts, price, size) is absent or empty. */
    MISSING_FIELD,
    /** A numeric field is not a number (a word, a boolean, an object). */
    BAD_NUMBER,
    /** The symbol does not match {@code [A-Za-z0-9._:/-]{1,32}}. */
    BAD_SYMBOL,
    /** The price is not finite or not &gt; 0. */
    BAD_PRICE,
    /** The size is not finite or not &gt; 0. */
    BAD_SIZE,
    /** The timestamp is not between 2000-01-01 and 2100-01-01. */
    BAD_TS,
    /** A quote is not finite or not &gt; 0, a quote size is negative, or {@code bid > ask}. */
    BAD_QUOTE,
    /** The input could not be read on (a truncated gzip member, an I/O error). */
    UNREADABLE_INPUT,
    /** A Kafka record without a key, or whose key is not the tick's symbol. */
    BAD_KEY,
    /** A record over the size limit (1 MiB for Kafka records). */
    TOO_LARGE
}
