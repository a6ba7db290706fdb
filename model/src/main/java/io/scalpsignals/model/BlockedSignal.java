package io.scalpsignals.model;

/**
 * A candidate the gate blocked (SPEC.md §5; the {@code blocked} output): the signal it would
 * have been, and the first check it failed.
 */
public record BlockedSignal(Signal signal, BlockReason reason) {}
