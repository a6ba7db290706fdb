package io.scalpsignals.udf.serde;

import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import javax.annotation.Nullable;

import java.io.IOException;

/** Field codecs shared by the serializers: the model's records, nullable strings, arrays. */
final class Fields {

    private Fields() {}

    static void writeNullableString(@Nullable String s, DataOutputView out) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    @Nullable
    static String readNullableString(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    /** A tick's side as one byte: 0 none, 1 buy, 2 sell (the only values a validated tick has). */
    static void writeSide(@Nullable String side, DataOutputView out) throws IOException {
        out.writeByte(side == null ? 0 : "buy".equals(side) ? 1 : 2);
    }

    @Nullable
    static String readSide(DataInputView in) throws IOException {
        return switch (in.readByte()) {
            case 0 -> null;
            case 1 -> "buy";
            case 2 -> "sell";
            default -> throw new IOException("corrupt tick side");
        };
    }

    static void writeTick(Tick t, DataOutputView out) throws IOException {
        out.writeUTF(t.symbol());
        out.writeLong(t.ts());
        out.writeDouble(t.price());
        out.writeDouble(t.size());
        writeSide(t.side(), out);
        out.writeDouble(t.bid());
        out.writeDouble(t.ask());
        out.writeDouble(t.bidSize());
        out.writeDouble(t.askSize());
    }

    static Tick readTick(DataInputView in) throws IOException {
        return new Tick(
                in.readUTF(),
                in.readLong(),
                in.readDouble(),
                in.readDouble(),
                readSide(in),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble());
    }

    static void writeFeatures(TickFeatures f, DataOutputView out) throws IOException {
        out.writeUTF(f.symbol());
        out.writeLong(f.ts());
        out.writeDouble(f.price());
        out.writeDouble(f.size());
        out.writeDouble(f.vel5s());
        out.writeDouble(f.vel15s());
        out.writeDouble(f.vel30s());
        out.writeDouble(f.vel60s());
        out.writeDouble(f.speed30s());
        out.writeDouble(f.ret5m());
        out.writeDouble(f.volumeRatio());
        out.writeDouble(f.vwap());
        out.writeDouble(f.vwapSigma());
        out.writeDouble(f.vwapUpper1());
        out.writeDouble(f.vwapLower1());
        out.writeDouble(f.vwapUpper2());
        out.writeDouble(f.vwapLower2());
        out.writeDouble(f.spreadPct());
        out.writeDouble(f.imbalance());
    }

    static TickFeatures readFeatures(DataInputView in) throws IOException {
        return new TickFeatures(
                in.readUTF(),
                in.readLong(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble(),
                in.readDouble());
    }
}
