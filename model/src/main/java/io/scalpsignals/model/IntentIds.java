package io.scalpsignals.model;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.NameBasedGenerator;

import java.util.UUID;

/**
 * Deterministic intent ids (SPEC.md §6): the RFC 4122 name-based version 5 (SHA-1) UUID, in the
 * namespace {@value #NAMESPACE}, of the UTF-8 name {@code symbol|trigger|action|ts|strategy_version}.
 * Lower case with dashes, 36 characters: valid as a client order id at Bybit, Binance and
 * Alpaca. The same ticks give the same ids live, after a failover replay and in a backfill.
 */
public final class IntentIds {

    public static final String NAMESPACE = "9b2d4d0e-6a41-4c5f-9a7e-3f0c2b8e1d57";

    private static final NameBasedGenerator GENERATOR = Generators.nameBasedGenerator(UUID.fromString(NAMESPACE));

    private IntentIds() {}

    /** The intent id of a signal, e.g. for {@code BTCUSDT|breakout|OPEN_LONG|1700000000123|1}. */
    public static String of(String symbol, Trigger trigger, Action action, long ts, String strategyVersion) {
        return of(symbol + "|" + trigger.wireName() + "|" + action.name() + "|" + ts + "|" + strategyVersion);
    }

    /** The version 5 UUID of {@code name} in the intent namespace. */
    public static String of(String name) {
        return GENERATOR.generate(name).toString();
    }
}
