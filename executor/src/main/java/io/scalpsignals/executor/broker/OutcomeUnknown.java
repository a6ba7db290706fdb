package io.scalpsignals.executor.broker;

/**
 * The venue may or may not have taken an order: it was unreachable past the retry budget, or the
 * order's fill was not seen in time. The intent stays PENDING and the executor stops; a restart
 * asks the venue again by client order id, so the order is neither repeated nor lost.
 */
public final class OutcomeUnknown extends RuntimeException {

    public OutcomeUnknown(String message, Throwable cause) {
        super(message, cause);
    }

    public OutcomeUnknown(String message) {
        super(message);
    }
}
