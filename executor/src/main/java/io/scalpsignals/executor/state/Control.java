package io.scalpsignals.executor.state;

import javax.annotation.Nullable;

/**
 * A request of {@code executor pause|resume|close} to the executor that owns a state directory,
 * applied in order.
 *
 * @param seq its order
 * @param command PAUSE, RESUME or CLOSE
 * @param symbol CLOSE's symbol, or null for every position
 */
public record Control(long seq, String command, @Nullable String symbol) {}
