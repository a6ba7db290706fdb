package io.scalpsignals.executor.state;

import javax.annotation.Nullable;

/** Why the state directory cannot be used (corrupt, of a newer schema, unreadable); the message says what to do. */
public final class StateException extends RuntimeException {
    public StateException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
