package io.scalpsignals.executor.broker;

/** Told of every request a broker makes to its venue (the executor's metrics). */
@FunctionalInterface
public interface BrokerMetrics {

    /**
     * @param endpoint the request's path, e.g. {@code /v5/order/create}
     * @param outcome {@code ok}, {@code retCode_N} (the venue refused), {@code http_N}, {@code no_json} or {@code io_error}
     * @param nanos how long the request took
     */
    void onCall(String endpoint, String outcome, long nanos);
}
