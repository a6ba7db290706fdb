package io.scalpsignals.udf.signals;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.cep.configuration.SharedBufferCacheConfig;
import org.apache.flink.cep.nfa.NFA;
import org.apache.flink.cep.nfa.NFAState;
import org.apache.flink.cep.nfa.NFAStateSerializer;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBuffer;
import org.apache.flink.cep.nfa.sharedbuffer.SharedBufferAccessor;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.time.TimerService;
import org.apache.flink.configuration.Configuration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One Flink CEP {@link Pattern} run in each key's own event time, inside a keyed function: the
 * pattern compiled by flink-cep's {@link NFACompiler}, run by its {@link NFA} over a {@link
 * SharedBuffer} in the function's keyed state. Each event's timestamp is its key's time: the NFA
 * is advanced to it (pruning partial matches that fell out of {@code within}), then the event is
 * processed. That is what Flink's {@code CepOperator} does in event time once the watermark
 * passes an event, with a watermark after every event of the key; here nothing waits for a
 * watermark, and no key's progress depends on another's. Events must come in timestamp order
 * per key (equal timestamps allowed).
 *
 * <p>Relied on from flink-cep (classes without a stability annotation, so {@code
 * KeyedNfaTest} runs the same patterns through {@code CepOperator} and through this class and
 * compares the matches, failing the build if an upgrade changes them): {@code
 * NFACompiler.compileFactory}, {@code NFA.open/process/advanceTime/close}, {@code
 * NFAState}/{@code NFAStateSerializer}, and {@code SharedBuffer} built on a {@code
 * KeyedStateStore}.
 *
 * <pre>{@code
 * // in open(): one per pattern, each under its own name in the shared map state "cep"
 * KeyedNfa<SymbolTick> nfa = new KeyedNfa<>("breakout-long", Patterns.breakout(OPEN_LONG, config),
 *         getRuntimeContext().createSerializer(TypeInformation.of(SymbolTick.class)), getRuntimeContext());
 * // in processElement(): for the current key
 * for (Map<String, List<SymbolTick>> match : nfa.process(tick, tick.ts())) { ... }
 * }</pre>
 *
 * <p>Keyed state per key: one entry, under {@code name}, of the map state {@value #STATE} that
 * all patterns of the function share: the NFA's partial matches and the shared buffer's three
 * map states, packed into bytes ({@link PackedStateStore}); written only when the call changed
 * them, and removed once they are empty (only the start state left, as {@code CepOperator}
 * clears its NFA state then, and the shared buffer pruned). One map state instead of four
 * states per pattern keeps RocksDB's column families, which each checkpoint flushes while the
 * task waits, to one for every pattern. Bounded by the pattern's partial matches, which {@code
 * within} prunes at the key's next event; a key whose events stop keeps its last partial matches
 * until {@link #clear()}. Conditions get no processing time: reading it throws (results depend on event
 * time only).
 *
 * @param <T> the event type
 */
public final class KeyedNfa<T> implements AutoCloseable {

    private static final TimerService NO_PROCESSING_TIME = () -> {
        throw new UnsupportedOperationException("CEP conditions run in event time only");
    };

    /** The name of the keyed map state (pattern name to packed state) the patterns share. */
    public static final String STATE = "cep";

    private final String name;
    private final NFA<T> nfa;
    private final AfterMatchSkipStrategy skip;
    private final MapState<String, byte[]> packed;
    private final PackedStateStore store = new PackedStateStore();
    private final ValueState<NFAState> nfaState;
    private final SharedBuffer<T> buffer;
    /** The matches of the last {@link #process} call, reused. */
    private final List<Map<String, List<T>>> matches = new ArrayList<>();
    /** The partial matches after the last {@link #process} call, the start state included. */
    private int lastPartialMatches;

    /**
     * Call from the keyed function's {@code open}.
     *
     * @param name unique within the function: this pattern's key in the map state {@value #STATE}
     * @param serializer the events' serializer, for the shared buffer
     * @throws Exception when the NFA's conditions cannot be opened
     */
    public KeyedNfa(String name, Pattern<T, ?> pattern, TypeSerializer<T> serializer, RuntimeContext context)
            throws Exception {
        this.nfa = NFACompiler.compileFactory(pattern, false).createNFA();
        this.skip = pattern.getAfterMatchSkipStrategy();
        this.name = name;
        this.packed = context.getMapState(
                new MapStateDescriptor<>(STATE, StringSerializer.INSTANCE, BytePrimitiveArraySerializer.INSTANCE));
        this.nfaState = store.getState(new ValueStateDescriptor<>("nfa", new NFAStateSerializer()));
        this.buffer = new SharedBuffer<>(store, serializer, new SharedBufferCacheConfig());
        nfa.open(context, new Configuration());
    }

    /**
     * Advances the current key's time to {@code ts} and processes {@code event} at it.
     *
     * @param ts the event's timestamp, not below the key's previous one
     * @return the matches completed by the advance or the event, in the NFA's order; the list is
     *     reused by the next call
     * @throws Exception when the keyed state cannot be read or written
     */
    public List<Map<String, List<T>>> process(T event, long ts) throws Exception {
        store.load(packed.get(name));
        NFAState state = nfaState.value();
        boolean stored = state != null;
        if (!stored) {
            state = nfa.createInitialNFAState();
        }
        matches.clear();
        try (SharedBufferAccessor<T> accessor = buffer.getAccessor()) {
            matches.addAll(nfa.advanceTime(accessor, state, ts, skip).f0);
            matches.addAll(nfa.process(accessor, state, event, ts, skip, NO_PROCESSING_TIME));
        }
        lastPartialMatches = state.getPartialMatches().size();
        if (lastPartialMatches == 1 && state.getCompletedMatches().isEmpty()) {
            if (stored) {
                nfaState.clear(); // only the start state: nothing to keep
            }
        } else if (state.isStateChanged()) {
            state.resetStateChanged();
            state.resetNewStartPartialMatch();
            nfaState.update(state);
        }
        if (store.changed()) {
            if (store.isEmpty()) {
                packed.remove(name);
            } else {
                packed.put(name, store.pack());
            }
        }
        return matches;
    }

    /** The partial matches of the key of the last {@link #process} call after it, the start state included. */
    public int lastPartialMatches() {
        return lastPartialMatches;
    }

    /**
     * The current key's stored partial matches, the start state included (0 when none is stored).
     * For tests: it reloads the key's state.
     */
    int partialMatches() throws Exception {
        store.load(packed.get(name));
        NFAState state = nfaState.value();
        return state == null ? 0 : state.getPartialMatches().size();
    }

    /** Clears the current key's partial matches and shared buffer. */
    public void clear() throws Exception {
        packed.remove(name);
    }

    /** Closes the conditions and stops the shared buffer's statistics timer thread. */
    @Override
    public void close() throws Exception {
        nfa.close();
        buffer.releaseCacheStatisticsTimer();
    }
}
