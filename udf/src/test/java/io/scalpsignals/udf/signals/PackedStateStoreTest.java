package io.scalpsignals.udf.signals;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.junit.jupiter.api.Test;

import java.util.Iterator;

/** What counts as a change of the packed states, and what a load leaves behind. */
class PackedStateStoreTest {

    private final PackedStateStore store = new PackedStateStore();
    private final ValueState<String> value =
            store.getState(new ValueStateDescriptor<>("nfa", StringSerializer.INSTANCE));
    private final MapState<Long, Integer> counts =
            store.getMapState(new MapStateDescriptor<>("counts", LongSerializer.INSTANCE, IntSerializer.INSTANCE));

    @Test
    void aRemovalThroughAnIteratorIsAChangeThatIsPacked() throws Exception {
        counts.put(1L, 1);
        counts.put(2L, 1);
        store.load(store.pack());
        assertThat(store.changed()).isFalse();

        Iterator<Long> keys = counts.keys().iterator(); // as SharedBuffer.advanceTime prunes
        keys.next();
        keys.remove();

        assertThat(store.changed()).isTrue();
        store.load(store.pack());
        assertThat(counts.keys()).containsExactly(2L);
    }

    @Test
    void loadingNothingEmptiesTheStatesWithoutAChange() throws Exception {
        value.update("partial matches");
        counts.put(1L, 1);

        store.load(null); // another key, with nothing stored

        assertThat(store.changed()).as("nothing to write back for that key").isFalse();
        assertThat(store.isEmpty()).isTrue();
        assertThat(value.value()).isNull();
    }

    @Test
    void readingIsNoChange() throws Exception {
        counts.put(1L, 1);
        store.load(store.pack());

        counts.get(1L);
        counts.keys().forEach(k -> {});
        counts.entries().iterator().hasNext();

        assertThat(store.changed()).isFalse();
    }
}
