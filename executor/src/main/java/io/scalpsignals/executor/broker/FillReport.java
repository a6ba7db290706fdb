package io.scalpsignals.executor.broker;

/**
 * What a venue reports of an order's execution.
 *
 * @param clientOrderId the order's client order id
 * @param filledQty the quantity executed so far, base units or contracts; at most the order's
 * @param avgPrice the average price of what was executed, quote units (per share for an option);
 *     0 while nothing was
 * @param fee what the venue charged for it, in {@code feeCurrency} (a negative fee is a rebate)
 * @param feeCurrency e.g. {@code USDT}, {@code USD}
 * @param done whether the order is final (filled, or cancelled with what was filled): nothing more
 *     will be executed
 */
public record FillReport(
        String clientOrderId, double filledQty, double avgPrice, double fee, String feeCurrency, boolean done) {}
