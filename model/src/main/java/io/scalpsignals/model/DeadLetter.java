package io.scalpsignals.model;

/**
 * An input record that failed parsing or validation (SPEC.md §1). It never stops the job.
 *
 * @param reason why it failed, one of {@link DeadLetterReason}
 * @param detail a human-readable explanation (which field, which value)
 * @param raw the original text of the record, unchanged
 * @param source where it came from: {@code file:line} for files, {@code topic/partition/offset}
 *     for Kafka
 */
public record DeadLetter(DeadLetterReason reason, String detail, String raw, String source) {}
