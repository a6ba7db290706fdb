package io.scalpsignals.udf.signals;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.State;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

import javax.annotation.Nonnull;

import java.util.ArrayList;
import java.util.List;

/**
 * The keyed state of a function's runtime context under names with a prefix, so that several
 * flink-cep {@code SharedBuffer}s, whose state names are fixed, live side by side in one
 * operator. Remembers every state it handed out, so that {@link #clearAll()} clears the current
 * key's entries of all of them. Only value and map state (what {@code SharedBuffer} and {@link
 * KeyedNfa} use) are offered; the other kinds throw {@link UnsupportedOperationException}.
 */
final class PrefixedStateStore implements KeyedStateStore {

    private final RuntimeContext context;
    private final String prefix;
    private final List<State> created = new ArrayList<>();

    PrefixedStateStore(RuntimeContext context, String prefix) {
        this.context = context;
        this.prefix = prefix;
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
        ValueState<T> state = context.getState(new ValueStateDescriptor<>(prefix + d.getName(), d.getSerializer()));
        created.add(state);
        return state;
    }

    @Override
    public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> d) {
        MapState<UK, UV> state = context.getMapState(
                new MapStateDescriptor<>(prefix + d.getName(), d.getKeySerializer(), d.getValueSerializer()));
        created.add(state);
        return state;
    }

    /** Clears the current key's entry of every state this store created. */
    void clearAll() {
        created.forEach(State::clear);
    }

    @Override
    public <T> ListState<T> getListState(ListStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <T> ReducingState<T> getReducingState(ReducingStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <IN, ACC, OUT> AggregatingState<IN, OUT> getAggregatingState(AggregatingStateDescriptor<IN, ACC, OUT> d) {
        throw unsupported();
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ValueState<T> getValueState(
            @Nonnull org.apache.flink.api.common.state.v2.ValueStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ListState<T> getListState(
            @Nonnull org.apache.flink.api.common.state.v2.ListStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <UK, UV> org.apache.flink.api.common.state.v2.MapState<UK, UV> getMapState(
            @Nonnull org.apache.flink.api.common.state.v2.MapStateDescriptor<UK, UV> d) {
        throw unsupported();
    }

    @Override
    public <T> org.apache.flink.api.common.state.v2.ReducingState<T> getReducingState(
            @Nonnull org.apache.flink.api.common.state.v2.ReducingStateDescriptor<T> d) {
        throw unsupported();
    }

    @Override
    public <IN, ACC, OUT> org.apache.flink.api.common.state.v2.AggregatingState<IN, OUT> getAggregatingState(
            @Nonnull org.apache.flink.api.common.state.v2.AggregatingStateDescriptor<IN, ACC, OUT> d) {
        throw unsupported();
    }

    @Override
    public String getBackendTypeIdentifier() {
        throw unsupported();
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("only value and map state are prefixed");
    }
}
