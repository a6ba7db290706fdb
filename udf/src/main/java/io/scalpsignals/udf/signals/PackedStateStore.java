package io.scalpsignals.udf.signals;

import org.apache.flink.api.common.state.AggregatingState;
import org.apache.flink.api.common.state.AggregatingStateDescriptor;
import org.apache.flink.api.common.state.KeyedStateStore;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReducingState;
import org.apache.flink.api.common.state.ReducingStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import javax.annotation.Nonnull;
import javax.annotation.Nullable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value and map states of one flink-cep {@code NFA} and its {@code SharedBuffer}, held on
 * the heap for one key at a time and stored as one byte string: {@link #load} reads a key's bytes
 * into the states, the NFA and its buffer work on them, {@link #pack} writes them back. {@link
 * KeyedNfa} keeps every pattern's bytes in one keyed map state, so that all patterns of an
 * operator share one RocksDB column family. RocksDB's checkpoint flushes every column family
 * written since the last one while the task waits, so the column families, not the bytes, set
 * how long a checkpoint holds the per-symbol operator (BENCHMARKS.md, issue 25).
 *
 * <p>Bytes: for each state in the order the NFA and buffer created them, a value state as a
 * presence flag and its value, a map state as its size and its entries, each with the state
 * descriptor's serializers. Map iteration is in insertion order; after {@link #load}, in the
 * packed order. A change is a write, a clear or a removal (also through an iterator); a value
 * changed in place without being put back is not one, as with RocksDB. Only value and map state (what {@code SharedBuffer} and {@link KeyedNfa} use) are
 * offered; the other kinds throw {@link UnsupportedOperationException}.
 */
final class PackedStateStore implements KeyedStateStore {

    private final List<Slot> slots = new ArrayList<>();
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private final DataInputDeserializer in = new DataInputDeserializer();
    private boolean changed;

    /**
     * Replaces the states' contents with those of {@code bytes}.
     *
     * @param bytes what {@link #pack} wrote for the key, or null for empty states
     * @throws IOException when the bytes do not match the states' serializers
     */
    void load(@Nullable byte[] bytes) throws IOException {
        if (bytes == null) {
            slots.forEach(Slot::clear);
        } else {
            in.setBuffer(bytes);
            for (Slot slot : slots) {
                slot.read(in);
            }
        }
        changed = false; // the states now hold what is stored, nothing to write back
    }

    /** Whether a state was written or cleared since the last {@link #load}. */
    boolean changed() {
        return changed;
    }

    /** Whether every state is empty. */
    boolean isEmpty() {
        for (Slot slot : slots) {
            if (!slot.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** The states' contents as bytes for {@link #load}. */
    byte[] pack() throws IOException {
        out.clear();
        for (Slot slot : slots) {
            slot.write(out);
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public <T> ValueState<T> getState(ValueStateDescriptor<T> d) {
        PackedValue<T> state = new PackedValue<>(d.getSerializer());
        slots.add(state);
        return state;
    }

    @Override
    public <UK, UV> MapState<UK, UV> getMapState(MapStateDescriptor<UK, UV> d) {
        PackedMap<UK, UV> state = new PackedMap<>(d.getKeySerializer(), d.getValueSerializer());
        slots.add(state);
        return state;
    }

    /** One state's contents for the loaded key. */
    private interface Slot {
        void read(DataInputDeserializer in) throws IOException;

        void write(DataOutputSerializer out) throws IOException;

        boolean isEmpty();

        void clear();
    }

    private final class PackedValue<T> implements ValueState<T>, Slot {
        private final TypeSerializer<T> serializer;
        private @Nullable T value;

        PackedValue(TypeSerializer<T> serializer) {
            this.serializer = serializer;
        }

        @Override
        public T value() {
            return value;
        }

        @Override
        public void update(T v) {
            value = v;
            changed = true;
        }

        @Override
        public void clear() {
            if (value != null) {
                value = null;
                changed = true;
            }
        }

        @Override
        public void read(DataInputDeserializer in) throws IOException {
            value = in.readBoolean() ? serializer.deserialize(in) : null;
        }

        @Override
        public void write(DataOutputSerializer out) throws IOException {
            out.writeBoolean(value != null);
            if (value != null) {
                serializer.serialize(value, out);
            }
        }

        @Override
        public boolean isEmpty() {
            return value == null;
        }
    }

    private final class PackedMap<K, V> implements MapState<K, V>, Slot {
        private final TypeSerializer<K> keys;
        private final TypeSerializer<V> values;
        private final Map<K, V> map = new LinkedHashMap<>();

        PackedMap(TypeSerializer<K> keys, TypeSerializer<V> values) {
            this.keys = keys;
            this.values = values;
        }

        @Override
        public V get(K key) {
            return map.get(key);
        }

        @Override
        public void put(K key, V value) {
            map.put(key, value);
            changed = true;
        }

        @Override
        public void putAll(Map<K, V> entries) {
            map.putAll(entries);
            changed = true;
        }

        @Override
        public void remove(K key) {
            if (map.remove(key) != null) {
                changed = true;
            }
        }

        @Override
        public boolean contains(K key) {
            return map.containsKey(key);
        }

        @Override
        public Iterable<Map.Entry<K, V>> entries() {
            return () -> removing(map.entrySet().iterator());
        }

        @Override
        public Iterable<K> keys() {
            return () -> removing(map.keySet().iterator());
        }

        @Override
        public Iterable<V> values() {
            return () -> removing(map.values().iterator());
        }

        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
            return removing(map.entrySet().iterator());
        }

        /**
         * {@code it}, whose {@code remove} counts as a change: flink-cep's {@code
         * SharedBuffer.advanceTime} prunes its event counts through {@code keys().iterator()}.
         */
        private <E> Iterator<E> removing(Iterator<E> it) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public E next() {
                    return it.next();
                }

                @Override
                public void remove() {
                    it.remove();
                    changed = true;
                }
            };
        }

        @Override
        public boolean isEmpty() {
            return map.isEmpty();
        }

        @Override
        public void clear() {
            if (!map.isEmpty()) {
                map.clear();
                changed = true;
            }
        }

        @Override
        public void read(DataInputDeserializer in) throws IOException {
            map.clear();
            for (int n = in.readInt(); n > 0; n--) {
                K key = keys.deserialize(in);
                map.put(key, values.deserialize(in));
            }
        }

        @Override
        public void write(DataOutputSerializer out) throws IOException {
            out.writeInt(map.size());
            for (Map.Entry<K, V> e : map.entrySet()) {
                keys.serialize(e.getKey(), out);
                values.serialize(e.getValue(), out);
            }
        }
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
        return new UnsupportedOperationException("only value and map state are packed");
    }
}
