package io.scalpsignals.executor.broker;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * Makes a venue's {@link Broker}: one per venue package, listed in {@code
 * META-INF/services/io.scalpsignals.executor.broker.BrokerFactory} and found by {@link Brokers}
 * under its {@link #name()} ({@code executor run --broker NAME}).
 */
public interface BrokerFactory {

    /** The name the user gives ({@code paper}, {@code bybit}), lower case. */
    String name();

    /** What its brokers can trade: {@link Broker#capabilities()}, known before one is made. */
    Capabilities capabilities();

    /**
     * @throws IllegalArgumentException naming the missing or bad setting (e.g. an environment variable)
     */
    Broker create(Context context);

    /**
     * What a broker may be made from.
     *
     * @param stateDir the executor's state directory (the paper broker keeps its order book there)
     * @param slippagePct the paper model's slippage, fraction of the price
     * @param feePct the fee per side, fraction of the notional, that a paper venue charges
     * @param makerFeePct the fee of a limit order's fill at a paper venue, fraction of the notional
     * @param limitTimeoutMs how long a limit entry rests at a venue before it is cancelled, ms
     * @param contractMultiplier shares per option contract at a paper venue
     * @param env the environment (API keys, base URLs)
     * @param clock the wall clock (request timestamps, caches)
     */
    record Context(
            Path stateDir,
            double slippagePct,
            double feePct,
            double makerFeePct,
            long limitTimeoutMs,
            int contractMultiplier,
            Map<String, String> env,
            Clock clock) {}
}
