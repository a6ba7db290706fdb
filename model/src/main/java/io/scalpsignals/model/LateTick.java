package io.scalpsignals.model;

/**
 * A tick whose {@code ts} is smaller than the last accepted {@code ts} of its symbol (SPEC.md §1).
 * It changes no state.
 *
 * @param tick the late tick
 * @param lastAcceptedTs the last accepted {@code ts} of the symbol when it arrived, epoch ms
 */
public record LateTick(Tick tick, long lastAcceptedTs) {}
