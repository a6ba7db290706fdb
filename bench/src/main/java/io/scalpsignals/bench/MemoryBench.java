package io.scalpsignals.bench;

import io.scalpsignals.model.Tick;
import io.scalpsignals.udf.serde.BarHistorySerializer;
import io.scalpsignals.udf.serde.BucketChunkSerializer;
import io.scalpsignals.udf.serde.SymbolStateSerializer;
import io.scalpsignals.udf.state.BarHistory;
import io.scalpsignals.udf.state.BucketChunk;
import io.scalpsignals.udf.state.SymbolState;

import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Keyed state per symbol at steady state: every symbol has traded once a second for longer than
 * {@code history_sec} (3,900 s), so its bucket history is full. Heap: the live objects the heap
 * state backend keeps (the same {@link SymbolState}, {@link BucketChunk}s and {@link BarHistory}),
 * measured as the growth of the used heap after a full GC. RocksDB: what the state's serializers
 * write per symbol (key group, symbol key and map key included), before RocksDB's compression.
 */
public final class MemoryBench {

    /** Per-symbol figures and the most symbols a 2 GB heap holds. */
    public record Result(int symbols, long heapBytesPerSymbol, long rocksDbBytesPerSymbol, int bucketsPerSymbol) {
        /** Symbols in a TaskManager with a 2 GB heap, 70 % of it for keyed state. */
        public long symbolsIn2GbHeap() {
            return (long) (2L * 1024 * 1024 * 1024 * 0.7 / heapBytesPerSymbol);
        }
    }

    private MemoryBench() {}

    public static Result run(int symbols) throws IOException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);
        Map<String, Floor.Slot> slots = steadyState(symbols);
        long heap = (usedAfterGc(memory) - before) / symbols;

        DataOutputSerializer out = new DataOutputSerializer(4096);
        long bytes = 0;
        long buckets = 0;
        for (Map.Entry<String, Floor.Slot> e : slots.entrySet()) {
            out.clear();
            StringSerializer.INSTANCE.serialize(e.getKey(), out);
            int key = 2 + out.length(); // RocksDB keys: key group (2 bytes) + serialized symbol
            out.clear();
            SymbolStateSerializer.INSTANCE.serialize(e.getValue().state, out);
            bytes += key + out.length();
            out.clear();
            BarHistorySerializer.INSTANCE.serialize(e.getValue().store.load(), out);
            bytes += key + out.length();
            for (Map.Entry<Long, BucketChunk> c : e.getValue().store.chunks().entrySet()) {
                out.clear();
                LongSerializer.INSTANCE.serialize(c.getKey(), out);
                BucketChunkSerializer.INSTANCE.serialize(c.getValue(), out);
                bytes += key + out.length();
            }
            buckets += e.getValue().store.bucketCount();
        }
        return new Result(symbols, heap, bytes / symbols, (int) (buckets / symbols));
    }

    /** Every symbol ticking once a second for 4,000 s; the ticks are garbage on return. */
    private static Map<String, Floor.Slot> steadyState(int symbols) {
        List<Tick> ticks = new ArrayList<>(symbols * 4_000);
        long t0 = 1_700_000_000_000L;
        for (int sec = 0; sec < 4_000; sec++) {
            for (int s = 0; s < symbols; s++) {
                double price = 100 + s + Math.sin(sec / 30.0);
                ticks.add(Tick.trade(
                        String.format(Locale.ROOT, "SYM%04dUSDT", s), t0 + sec * 1000L + s % 1000, price, 1.0));
            }
        }
        Map<String, Floor.Slot> slots = new HashMap<>();
        Floor.run(ticks, slots);
        return slots;
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
