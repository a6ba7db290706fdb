package io.scalpsignals.executor.broker;

import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The venues on the class path, by name ({@link BrokerFactory}, through {@link ServiceLoader}). */
public final class Brokers {

    private Brokers() {}

    /** The factories, by name. */
    public static TreeMap<String, BrokerFactory> factories() {
        TreeMap<String, BrokerFactory> out = new TreeMap<>();
        ServiceLoader.load(BrokerFactory.class).forEach(f -> out.put(f.name(), f));
        return out;
    }

    /** The venues' names, sorted. */
    public static List<String> names() {
        return List.copyOf(factories().keySet());
    }

    /**
     * The factory named {@code name}, in any case ({@code bybit}, {@code BYBIT}).
     *
     * @throws IllegalArgumentException naming the venues there are, when none has that name
     */
    public static BrokerFactory named(String name) {
        BrokerFactory f = factories().get(name.toLowerCase(Locale.ROOT));
        if (f == null) {
            throw new IllegalArgumentException("no broker '" + name + "'; there are " + String.join(", ", names()));
        }
        return f;
    }
}
