package io.scalpsignals.executor.broker.bybit;

import io.scalpsignals.executor.broker.Broker;
import io.scalpsignals.executor.broker.BrokerFactory;
import io.scalpsignals.executor.broker.Capabilities;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * {@code --broker bybit}: {@link BybitBroker} from {@code BYBIT_API_KEY}, {@code BYBIT_API_SECRET},
 * {@code BYBIT_BASE_URL} (default {@code https://api.bybit.com}; {@code
 * https://api-testnet.bybit.com} for the testnet) and {@code BYBIT_FILL_TIMEOUT_SEC} (default 30:
 * how long a fill is polled for).
 */
public final class BybitBrokerFactory implements BrokerFactory {

    @Override
    public String name() {
        return "bybit";
    }

    @Override
    public Capabilities capabilities() {
        return BybitBroker.CAPABILITIES;
    }

    @Override
    public Broker create(Context context) {
        return fromEnvironment(context.env(), context.clock(), Duration.ofMillis(context.limitTimeoutMs()));
    }

    /**
     * @throws IllegalArgumentException naming the missing or bad variable
     */
    public static BybitBroker fromEnvironment(Map<String, String> env, Clock clock) {
        return fromEnvironment(env, clock, BybitBroker.LIMIT_TIMEOUT);
    }

    /**
     * As {@link #fromEnvironment(Map, Clock)}, a limit entry resting at most {@code limitTimeout}.
     *
     * @throws IllegalArgumentException naming the missing or bad variable
     */
    public static BybitBroker fromEnvironment(Map<String, String> env, Clock clock, Duration limitTimeout) {
        String key = env.get("BYBIT_API_KEY");
        String secret = env.get("BYBIT_API_SECRET");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("BYBIT_API_KEY is not set");
        }
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("BYBIT_API_SECRET is not set");
        }
        String timeout = env.getOrDefault("BYBIT_FILL_TIMEOUT_SEC", Long.toString(BybitBroker.FILL_TIMEOUT.toSeconds()))
                .strip();
        long seconds;
        try {
            seconds = Long.parseLong(timeout);
        } catch (NumberFormatException e) {
            seconds = 0;
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException(
                    "BYBIT_FILL_TIMEOUT_SEC: must be a whole number of seconds > 0, got '" + timeout + "'");
        }
        return new BybitBroker(
                URI.create(env.getOrDefault("BYBIT_BASE_URL", "https://api.bybit.com")),
                key,
                secret,
                clock,
                Duration.ofSeconds(seconds),
                limitTimeout);
    }
}
