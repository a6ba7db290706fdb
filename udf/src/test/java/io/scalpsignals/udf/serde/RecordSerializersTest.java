package io.scalpsignals.udf.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.scalpsignals.model.Tick;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.features.FeatureCalculator;
import io.scalpsignals.udf.features.InMemorySymbolStore;
import io.scalpsignals.udf.signals.ReadTick;
import io.scalpsignals.udf.state.BucketChunk;
import io.scalpsignals.udf.state.SymbolState;
import io.scalpsignals.udf.triggers.BreakoutFeed;
import io.scalpsignals.udf.triggers.PatternFeed;
import io.scalpsignals.udf.triggers.SymbolTick;

import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Random;

/**
 * Every hand-written serializer round-trips what the job really holds (state built by the engine
 * over random ticks, so every field carries a value), copies deeply, and reads its own snapshot as
 * compatible; a snapshot of another format version is refused or migrated, never misread.
 */
class RecordSerializersTest {

    private static final long T0 = 1_700_000_000_000L;

    /** A symbol's state after {@code n} random ticks: buckets, bars, levels, a held feed tick. */
    private static Object[] stateAfter(int n) {
        FeatureCalculator engine =
                new FeatureCalculator(StrategyConfig.defaults().features());
        SymbolState s = engine.newState();
        InMemorySymbolStore store = new InMemorySymbolStore();
        Random r = new Random(3);
        double price = 100;
        for (int i = 0; i < n; i++) {
            price *= 1 + r.nextGaussian() * 0.001;
            engine.onTick(
                    new Tick(
                            "BTCUSDT",
                            T0 + i * 700L,
                            price,
                            0.1 + r.nextDouble(),
                            i % 2 == 0 ? "buy" : null,
                            price - 0.01,
                            price + 0.01,
                            2.0,
                            Double.NaN),
                    s,
                    store,
                    store);
            s.seq++;
        }
        SymbolTick held =
                new SymbolTick(engine.features(Tick.trade("BTCUSDT", T0 + n * 700L, price, 1.0), s), 101.0, 99.0, 7);
        s.feed.vwap[0].entry = held;
        s.feed.vwap[1].pairEntry = held;
        s.feed.vwap[1].pairTouch = held;
        s.feed.vwap[1].fedSeq = 3;
        BreakoutFeed.Run run = new BreakoutFeed.Run();
        run.level = 101.5;
        run.firstTs = T0 + 1;
        run.latestTs = T0 + 2;
        run.held = held;
        s.feed.breakout[1].runs.add(run);
        BreakoutFeed.Run empty = new BreakoutFeed.Run();
        empty.level = 99.5;
        s.feed.breakout[1].runs.add(empty);
        s.gate.lastLongTs = T0;
        s.gate.lastEmittedTs = T0 + 5;
        return new Object[] {s, store};
    }

    private static <T> byte[] bytes(RecordSerializer<T> serializer, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    private static <T> T read(RecordSerializer<T> serializer, byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        T value = serializer.deserialize(in);
        assertThat(in.available()).as("every byte read").isZero();
        return value;
    }

    /** Serialize, read back, serialize again: the same bytes; a copy serializes the same too. */
    private static <T> T roundTrip(RecordSerializer<T> serializer, T value) throws IOException {
        byte[] first = bytes(serializer, value);
        T back = read(serializer, first);
        assertThat(bytes(serializer, back)).isEqualTo(first);
        T copy = serializer.copy(value);
        assertThat(bytes(serializer, copy)).isEqualTo(first);
        return back;
    }

    @Test
    void symbolStateRoundTripsWithItsFeedsAndGate() throws IOException {
        SymbolState s = (SymbolState) stateAfter(5_000)[0];
        SymbolTick setup = s.feed.vwap[0].entry;
        s.feed.bookImbalance[1].chain.addAll(List.of(setup, setup));
        s.feed.bookImbalance[1].held = setup;

        SymbolState back = roundTrip(SymbolStateSerializer.INSTANCE, s);

        assertThat(back.feed.vwap[0].entry).isEqualTo(s.feed.vwap[0].entry).isNotNull();
        assertThat(back.feed.vwap[0].pairEntry).isNull();
        assertThat(back.feed.vwap[1].pairTouch)
                .isEqualTo(s.feed.vwap[1].pairTouch)
                .isNotNull();
        assertThat(back.feed.vwap[1].fedSeq).isEqualTo(3);
        assertThat(back.feed.breakout[0].runs).isEmpty();
        assertThat(back.feed.breakout[1].runs)
                .extracting(r -> r.level, r -> r.firstTs, r -> r.latestTs, r -> r.held)
                .containsExactly(tuple(101.5, T0 + 1, T0 + 2, s.feed.vwap[0].entry), tuple(99.5, 0L, 0L, null));
        assertThat(back.refClose).containsExactly(s.refClose);
        assertThat(back.sessionM2).isEqualTo(s.sessionM2);
        assertThat(back.gate.lastEmittedTs).isEqualTo(T0 + 5);
        assertThat(back.feed.bookImbalance[0].chain).isEmpty();
        assertThat(back.feed.bookImbalance[1].chain).containsExactly(setup, setup);
        assertThat(back.feed.bookImbalance[1].held).isEqualTo(setup);
        SymbolState copy = SymbolStateSerializer.INSTANCE.copy(s);
        copy.nextSeq[0]++;
        assertThat(s.nextSeq[0]).as("a deep copy").isEqualTo(back.nextSeq[0]);
    }

    @Test
    void bucketChunksAndBarHistoryRoundTrip() throws IOException {
        InMemorySymbolStore store = (InMemorySymbolStore) stateAfter(5_000)[1];

        assertThat(store.chunks()).isNotEmpty();
        for (BucketChunk c : store.chunks().values()) {
            assertThat(roundTrip(BucketChunkSerializer.INSTANCE, c)).isEqualTo(c);
            assertThat(bytes(BucketChunkSerializer.INSTANCE, c)).hasSize(BucketChunkSerializer.INSTANCE.getLength());
        }
        assertThat(roundTrip(BarHistorySerializer.INSTANCE, store.load()).closedBars)
                .isEqualTo(store.load().closedBars)
                .isPositive();
    }

    @Test
    void ticksRoundTripEveryField() throws IOException {
        for (Tick t : List.of(
                new Tick("BTC/USDT:PERP", T0, 50_000.5, 0.001, "sell", 50_000.0, 50_001.0, 1.5, 2.5),
                new Tick("X", -1L, Double.MIN_VALUE, 1e300, null, Double.NaN, Double.NaN, Double.NaN, Double.NaN))) {
            ReadTick r = new ReadTick(t, 123_456L);
            assertThat(roundTrip(ReadTickSerializer.INSTANCE, r)).isEqualTo(r);
        }
        SymbolTick s = ((SymbolState) stateAfter(10)[0]).feed.vwap[0].entry;
        assertThat(roundTrip(SymbolTickSerializer.INSTANCE, s)).isEqualTo(s);
    }

    @Test
    void aSnapshotIsCompatibleWithItsOwnFormatAndNotWithAnother() throws IOException {
        for (RecordSerializer<?> serializer : List.of(
                SymbolStateSerializer.INSTANCE,
                BucketChunkSerializer.INSTANCE,
                BarHistorySerializer.INSTANCE,
                SymbolTickSerializer.INSTANCE,
                ReadTickSerializer.INSTANCE)) {
            assertThat(restoredCompatibility(serializer, serializer.version()))
                    .as(serializer.getClass().getSimpleName())
                    .matches(TypeSerializerSchemaCompatibility::isCompatibleAsIs);
            assertThat(restoredCompatibility(serializer, serializer.version() + 1))
                    .as("a later format")
                    .matches(TypeSerializerSchemaCompatibility::isIncompatible);
        }
    }

    @Test
    void formatOneOfTheSymbolStateIsReadWithItsPatternFeedDropped() throws IOException {
        SymbolState s = (SymbolState) stateAfter(5_000)[0];
        s.feed = new PatternFeed.State();
        byte[] current = bytes(SymbolStateSerializer.INSTANCE, s);
        byte[] two = formatThree(current);
        // format 1 = format 2 with the empty feeds (2 x (3 absent ticks, fedSeq, 0 runs) = 24 bytes)
        // replaced by feedKey, a held tick's flag and lastBreakTs, before the gate's 24 bytes
        DataOutputSerializer one = new DataOutputSerializer(two.length);
        one.write(two, 0, two.length - 48);
        one.writeInt(3);
        one.writeBoolean(false);
        one.writeLong(T0);
        one.write(two, two.length - 24, 24);

        assertThat(restoredCompatibility(SymbolStateSerializer.INSTANCE, 1))
                .matches(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration);
        SymbolState back = read(restoreSerializer(SymbolStateSerializer.INSTANCE, 1), one.getCopyOfBuffer());
        assertThat(bytes(SymbolStateSerializer.INSTANCE, back)).isEqualTo(current);
    }

    @Test
    void formatTwoOfTheSymbolStateIsReadWithItsPatternFeedDropped() throws IOException {
        SymbolState s = (SymbolState) stateAfter(5_000)[0];
        assertThat(s.feed.vwap[0].entry).as("a held tick to drop").isNotNull();
        byte[] two = formatThree(bytes(SymbolStateSerializer.INSTANCE, s)); // format 3 writes what format 2 did
        s.feed = new PatternFeed.State();
        byte[] current = bytes(SymbolStateSerializer.INSTANCE, s);

        assertThat(restoredCompatibility(SymbolStateSerializer.INSTANCE, 2))
                .matches(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration);
        SymbolState back = read(restoreSerializer(SymbolStateSerializer.INSTANCE, 2), two);
        assertThat(bytes(SymbolStateSerializer.INSTANCE, back)).isEqualTo(current);
    }

    @Test
    void formatFourOfTheSymbolStateIsReadWithoutItsStoredLastChainTs() throws IOException {
        SymbolState s = (SymbolState) stateAfter(5_000)[0];
        byte[] current = bytes(SymbolStateSerializer.INSTANCE, s);

        assertThat(restoredCompatibility(SymbolStateSerializer.INSTANCE, 4))
                .matches(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration);
        SymbolState back = read(restoreSerializer(SymbolStateSerializer.INSTANCE, 4), formatFour(current));
        assertThat(bytes(SymbolStateSerializer.INSTANCE, back)).isEqualTo(current);
    }

    @Test
    void formatThreeOfTheSymbolStateIsReadWithEmptyBookImbalanceFeeds() throws IOException {
        SymbolState s = (SymbolState) stateAfter(5_000)[0];
        byte[] current = bytes(SymbolStateSerializer.INSTANCE, s);

        assertThat(restoredCompatibility(SymbolStateSerializer.INSTANCE, 3))
                .matches(TypeSerializerSchemaCompatibility::isCompatibleAfterMigration);
        SymbolState back = read(restoreSerializer(SymbolStateSerializer.INSTANCE, 3), formatThree(current));
        assertThat(back.feed.vwap[0].entry).as("the other feeds kept").isEqualTo(s.feed.vwap[0].entry);
        assertThat(back.feed.bookImbalance).allSatisfy(b -> {
            assertThat(b.chain).isEmpty();
            assertThat(b.held).isNull();
        });
        assertThat(bytes(SymbolStateSerializer.INSTANCE, back)).isEqualTo(current);
    }

    /**
     * Format 3's bytes of a state whose current bytes are {@code current} and whose book_imbalance
     * feeds are empty: without their 2 x (chain size 0 as an int, no held tick) = 10 bytes before
     * the gate's 24.
     */
    private static byte[] formatThree(byte[] current) {
        DataOutputSerializer three = new DataOutputSerializer(current.length);
        try {
            checkEmptyBookFeeds(current);
            three.write(current, 0, current.length - 34);
            three.write(current, current.length - 24, 24);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return three.getCopyOfBuffer();
    }

    /** Format 4's bytes of the same state: each empty book feed with its stored last chain ts too. */
    private static byte[] formatFour(byte[] current) {
        DataOutputSerializer four = new DataOutputSerializer(current.length + 16);
        try {
            checkEmptyBookFeeds(current);
            four.write(current, 0, current.length - 34);
            for (int i = 0; i < 2; i++) {
                four.writeInt(0);
                four.writeLong(Long.MIN_VALUE);
                four.writeBoolean(false);
            }
            four.write(current, current.length - 24, 24);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return four.getCopyOfBuffer();
    }

    private static void checkEmptyBookFeeds(byte[] current) {
        for (int i = 0; i < 2; i++) {
            int at = current.length - 24 - 10 + 5 * i;
            assertThat(current[at + 3]).as("no setup in the chain").isZero();
            assertThat(current[at + 4]).as("no held setup").isZero();
        }
    }

    /** The serializer a restore of format {@code version} reads with. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <T> RecordSerializer<T> restoreSerializer(RecordSerializer<T> serializer, int version)
            throws IOException {
        TypeSerializerSnapshot<T> snapshot = serializer.snapshotConfiguration();
        snapshot.readSnapshot(
                version, new DataInputDeserializer(new byte[0]), RecordSerializersTest.class.getClassLoader());
        return (RecordSerializer<T>) snapshot.restoreSerializer();
    }

    /** The compatibility of the current serializer with a snapshot written as format {@code version}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeSerializerSchemaCompatibility<?> restoredCompatibility(
            RecordSerializer<?> serializer, int version) throws IOException {
        TypeSerializerSnapshot written = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        written.writeSnapshot(out);
        TypeSerializerSnapshot restored = serializer.snapshotConfiguration();
        restored.readSnapshot(
                version,
                new DataInputDeserializer(out.getCopyOfBuffer()),
                RecordSerializersTest.class.getClassLoader());
        return serializer.snapshotConfiguration().resolveSchemaCompatibility(restored);
    }
}
