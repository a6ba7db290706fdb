package io.scalpsignals.executor.broker;

import java.util.ArrayList;
import java.util.List;

/**
 * What a venue's adapter can trade, declared by the adapter (freqtrade's "exchange has" table in
 * small): the executor compares it at start with what its settings need and refuses to start
 * short of one, naming it.
 *
 * @param options option contracts
 * @param limitOrders limit orders (maker entries)
 * @param reduceOnly reduce-only orders, which can only shrink a position (every close is one)
 */
public record Capabilities(boolean options, boolean limitOrders, boolean reduceOnly) {

    /**
     * What an executor needs: market orders and reduce-only closes, option contracts when {@code
     * options}, limit orders when {@code limitEntries} ({@code entry_order: limit}).
     */
    public static Capabilities required(boolean options, boolean limitEntries) {
        return new Capabilities(options, limitEntries, true);
    }

    /** What {@code needed} asks for and this venue lacks, by name ({@code options}, {@code limit orders}, {@code reduce-only orders}); empty when none. */
    public List<String> lacking(Capabilities needed) {
        List<String> out = new ArrayList<>();
        if (needed.options && !options) {
            out.add("options");
        }
        if (needed.limitOrders && !limitOrders) {
            out.add("limit orders");
        }
        if (needed.reduceOnly && !reduceOnly) {
            out.add("reduce-only orders");
        }
        return out;
    }
}
