package io.scalpsignals.udf.serde;

import io.scalpsignals.udf.state.GateState;
import io.scalpsignals.udf.state.SymbolState;
import io.scalpsignals.udf.triggers.BookImbalanceFeed;
import io.scalpsignals.udf.triggers.BreakoutFeed;
import io.scalpsignals.udf.triggers.PatternFeed;
import io.scalpsignals.udf.triggers.SymbolTick;
import io.scalpsignals.udf.triggers.VwapFeed;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.array.DoublePrimitiveArraySerializer;
import org.apache.flink.api.common.typeutils.base.array.LongPrimitiveArraySerializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import javax.annotation.Nullable;

import java.io.IOException;

/**
 * {@link SymbolState}, the per-symbol state read and written at every tick: scalars and the
 * cursors' arrays in declaration order, the pattern feeds' held ticks and runs (the book_imbalance
 * feeds' after the others'), and the gate's
 * three timestamps; about 400 bytes and 170 per held tick (typically one or two, at most three per
 * vwap_rejection feed, one per breakout run, and per book_imbalance feed its chain and held setup:
 * at most {@code 2 ceil(W / (W - P)) + 1}, 5 with the defaults). Format 5: format 3's bounded feeds
 * (their CEP state in {@code KeyedNfa}'s one map state) and the book_imbalance feeds. Read too:
 * format 4 (which also stored the ts of a chain's last setup, derived from the chain now), format 3
 * (no book_imbalance feeds: they start empty), formats 1 and 2 (their pattern feed dropped, {@link
 * #reading(int)}).
 */
public final class SymbolStateSerializer extends RecordSerializer<SymbolState> {

    private static final long serialVersionUID = 1L;
    /** Arrays as Flink writes them: the length, then the values. */
    private static final DoublePrimitiveArraySerializer DOUBLES = DoublePrimitiveArraySerializer.INSTANCE;

    private static final LongPrimitiveArraySerializer LONGS = LongPrimitiveArraySerializer.INSTANCE;

    /** The format written. */
    private static final int FORMAT = 5;

    public static final SymbolStateSerializer INSTANCE = new SymbolStateSerializer(FORMAT);

    /** The format {@link #deserialize} reads. */
    private final int reads;

    private SymbolStateSerializer(int reads) {
        super(FORMAT, false);
        this.reads = reads;
    }

    /**
     * Reads formats 1 (the pattern feed before the bounded feeds), 2 (the feeds' CEP state in four
     * states per pattern), 3 (no book_imbalance feeds) and 4 (the chain's last ts stored) too.
     */
    @Override
    public boolean canRead(int version) {
        return version >= 1 && version <= FORMAT;
    }

    /**
     * The pattern feed of formats 1 and 2 is read and dropped: format 1's (its zone key, held tick
     * and last break) has no counterpart now, and format 2's goes with CEP partial matches that
     * were kept in states this version no longer reads (four per pattern, now one {@code cep} map
     * state for all). The feeds and the patterns start empty at the restore, together, and for up
     * to a pattern's window (120 s, 30 s) a match whose first tick came before the restore can be
     * missed. Format 3 had no book_imbalance pattern: its feeds start empty, as its patterns do.
     */
    @Override
    protected RecordSerializer<SymbolState> reading(int version) {
        return version == FORMAT ? this : new SymbolStateSerializer(version);
    }

    @Override
    public SymbolState createInstance() {
        return new SymbolState();
    }

    @Override
    public SymbolState copy(SymbolState from) {
        SymbolState s = shallowCopy(from);
        s.nextSeq = from.nextSeq.clone();
        s.nextId = from.nextId.clone();
        s.nextClose = from.nextClose.clone();
        s.nextSize = from.nextSize.clone();
        s.refId = from.refId.clone();
        s.refClose = from.refClose.clone();
        GateState g = new GateState();
        g.lastLongTs = from.gate.lastLongTs;
        g.lastShortTs = from.gate.lastShortTs;
        g.lastEmittedTs = from.gate.lastEmittedTs;
        s.gate = g;
        s.feed = copyFeed(from.feed);
        return s;
    }

    private static SymbolState shallowCopy(SymbolState from) {
        SymbolState s = new SymbolState();
        s.lastTs = from.lastTs;
        s.firstBucket = from.firstBucket;
        s.curBucket = from.curBucket;
        s.curClose = from.curClose;
        s.curSize = from.curSize;
        s.tailSeq = from.tailSeq;
        s.recentVolume = from.recentVolume;
        s.recentBuckets = from.recentBuckets;
        s.baseVolume = from.baseVolume;
        s.baseBuckets = from.baseBuckets;
        s.sessionEnd = from.sessionEnd;
        s.sessionVolume = from.sessionVolume;
        s.sessionPv = from.sessionPv;
        s.sessionMean = from.sessionMean;
        s.sessionM2 = from.sessionM2;
        s.barStart = from.barStart;
        s.barOpen = from.barOpen;
        s.barHigh = from.barHigh;
        s.barLow = from.barLow;
        s.barClose = from.barClose;
        s.barVolume = from.barVolume;
        s.barPv = from.barPv;
        s.barTrades = from.barTrades;
        s.levelHigh = from.levelHigh;
        s.levelLow = from.levelLow;
        s.seq = from.seq;
        return s;
    }

    @Override
    public void serialize(SymbolState s, DataOutputView out) throws IOException {
        out.writeLong(s.lastTs);
        out.writeLong(s.firstBucket);
        out.writeLong(s.curBucket);
        out.writeDouble(s.curClose);
        out.writeDouble(s.curSize);
        out.writeLong(s.tailSeq);
        LONGS.serialize(s.nextSeq, out);
        LONGS.serialize(s.nextId, out);
        DOUBLES.serialize(s.nextClose, out);
        DOUBLES.serialize(s.nextSize, out);
        LONGS.serialize(s.refId, out);
        DOUBLES.serialize(s.refClose, out);
        out.writeDouble(s.recentVolume);
        out.writeInt(s.recentBuckets);
        out.writeDouble(s.baseVolume);
        out.writeInt(s.baseBuckets);
        out.writeLong(s.sessionEnd);
        out.writeDouble(s.sessionVolume);
        out.writeDouble(s.sessionPv);
        out.writeDouble(s.sessionMean);
        out.writeDouble(s.sessionM2);
        out.writeLong(s.barStart);
        out.writeDouble(s.barOpen);
        out.writeDouble(s.barHigh);
        out.writeDouble(s.barLow);
        out.writeDouble(s.barClose);
        out.writeDouble(s.barVolume);
        out.writeDouble(s.barPv);
        out.writeLong(s.barTrades);
        out.writeDouble(s.levelHigh);
        out.writeDouble(s.levelLow);
        out.writeLong(s.seq);
        writeFeed(s.feed, out);
        out.writeLong(s.gate.lastLongTs);
        out.writeLong(s.gate.lastShortTs);
        out.writeLong(s.gate.lastEmittedTs);
    }

    @Override
    public SymbolState deserialize(DataInputView in) throws IOException {
        SymbolState s = new SymbolState();
        s.lastTs = in.readLong();
        s.firstBucket = in.readLong();
        s.curBucket = in.readLong();
        s.curClose = in.readDouble();
        s.curSize = in.readDouble();
        s.tailSeq = in.readLong();
        s.nextSeq = LONGS.deserialize(in);
        s.nextId = LONGS.deserialize(in);
        s.nextClose = DOUBLES.deserialize(in);
        s.nextSize = DOUBLES.deserialize(in);
        s.refId = LONGS.deserialize(in);
        s.refClose = DOUBLES.deserialize(in);
        s.recentVolume = in.readDouble();
        s.recentBuckets = in.readInt();
        s.baseVolume = in.readDouble();
        s.baseBuckets = in.readInt();
        s.sessionEnd = in.readLong();
        s.sessionVolume = in.readDouble();
        s.sessionPv = in.readDouble();
        s.sessionMean = in.readDouble();
        s.sessionM2 = in.readDouble();
        s.barStart = in.readLong();
        s.barOpen = in.readDouble();
        s.barHigh = in.readDouble();
        s.barLow = in.readDouble();
        s.barClose = in.readDouble();
        s.barVolume = in.readDouble();
        s.barPv = in.readDouble();
        s.barTrades = in.readLong();
        s.levelHigh = in.readDouble();
        s.levelLow = in.readDouble();
        s.seq = in.readLong();
        if (reads == 1) {
            in.readInt();
            if (in.readBoolean()) {
                SymbolTickSerializer.INSTANCE.deserialize(in);
            }
            in.readLong();
        } else {
            readFeed(s.feed, in, reads);
            if (reads == 2) {
                s.feed = new PatternFeed.State();
            }
        }
        s.gate.lastLongTs = in.readLong();
        s.gate.lastShortTs = in.readLong();
        s.gate.lastEmittedTs = in.readLong();
        return s;
    }

    /** Ticks are immutable: a copy shares them. */
    private static PatternFeed.State copyFeed(PatternFeed.State from) {
        PatternFeed.State s = new PatternFeed.State();
        for (int d = 0; d < 2; d++) {
            VwapFeed v = from.vwap[d];
            s.vwap[d].entry = v.entry;
            s.vwap[d].pairEntry = v.pairEntry;
            s.vwap[d].pairTouch = v.pairTouch;
            s.vwap[d].fedSeq = v.fedSeq;
            for (BreakoutFeed.Run r : from.breakout[d].runs) {
                BreakoutFeed.Run copy = new BreakoutFeed.Run();
                copy.level = r.level;
                copy.firstTs = r.firstTs;
                copy.latestTs = r.latestTs;
                copy.held = r.held;
                s.breakout[d].runs.add(copy);
            }
            BookImbalanceFeed b = from.bookImbalance[d];
            s.bookImbalance[d].chain.addAll(b.chain);
            s.bookImbalance[d].held = b.held;
        }
        return s;
    }

    private static void writeFeed(PatternFeed.State f, DataOutputView out) throws IOException {
        for (int d = 0; d < 2; d++) {
            VwapFeed v = f.vwap[d];
            writeTick(v.entry, out);
            writeTick(v.pairEntry, out);
            writeTick(v.pairTouch, out);
            out.writeLong(v.fedSeq);
            out.writeByte(f.breakout[d].runs.size());
            for (BreakoutFeed.Run r : f.breakout[d].runs) {
                out.writeDouble(r.level);
                out.writeLong(r.firstTs);
                out.writeLong(r.latestTs);
                writeTick(r.held, out);
            }
        }
        for (BookImbalanceFeed b : f.bookImbalance) {
            out.writeInt(b.chain.size());
            for (SymbolTick t : b.chain) {
                SymbolTickSerializer.INSTANCE.serialize(t, out);
            }
            writeTick(b.held, out);
        }
    }

    /** The feeds as format {@code reads} (2 and later) wrote them. */
    private static void readFeed(PatternFeed.State f, DataInputView in, int reads) throws IOException {
        for (int d = 0; d < 2; d++) {
            VwapFeed v = f.vwap[d];
            v.entry = readTick(in);
            v.pairEntry = readTick(in);
            v.pairTouch = readTick(in);
            v.fedSeq = in.readLong();
            int runs = in.readUnsignedByte();
            for (int i = 0; i < runs; i++) {
                BreakoutFeed.Run r = new BreakoutFeed.Run();
                r.level = in.readDouble();
                r.firstTs = in.readLong();
                r.latestTs = in.readLong();
                r.held = readTick(in);
                f.breakout[d].runs.add(r);
            }
        }
        if (reads < 4) {
            return;
        }
        for (BookImbalanceFeed b : f.bookImbalance) {
            int chained = in.readInt();
            for (int i = 0; i < chained; i++) {
                b.chain.add(SymbolTickSerializer.INSTANCE.deserialize(in));
            }
            if (reads == 4) {
                in.readLong(); // the chain's last setup's ts, which format 5 derives from the chain
            }
            b.held = readTick(in);
        }
    }

    private static void writeTick(@Nullable SymbolTick t, DataOutputView out) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            SymbolTickSerializer.INSTANCE.serialize(t, out);
        }
    }

    @Nullable
    private static SymbolTick readTick(DataInputView in) throws IOException {
        return in.readBoolean() ? SymbolTickSerializer.INSTANCE.deserialize(in) : null;
    }

    @Override
    public TypeSerializerSnapshot<SymbolState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** The snapshot Flink instantiates on restore. */
    public static final class Snapshot extends VersionedSnapshot<SymbolState> {
        public Snapshot() {
            super(INSTANCE);
        }
    }
}
