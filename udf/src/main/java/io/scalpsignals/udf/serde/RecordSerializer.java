package io.scalpsignals.udf.serde;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * A hand-written, stateless serializer of one of the job's records or state classes: the fields
 * in a fixed order, no reflection, no Kryo. Its {@link #version()} is the data format; the
 * {@link VersionedSnapshot} written into checkpoints and savepoints carries it, so that a later
 * version of the serializer can read old state ({@link #canRead(int)}) and Flink migrates it on
 * restore, or refuses the restore when it cannot.
 *
 * @param <T> the record type
 */
public abstract class RecordSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    private final int version;
    private final boolean immutable;

    /**
     * @param version the data format this serializer writes, 1 for the first
     * @param immutable whether the records are immutable (then {@link #copy(Object)} may return its argument)
     */
    protected RecordSerializer(int version, boolean immutable) {
        this.version = version;
        this.immutable = immutable;
    }

    /** The data format this serializer writes, 1 for the first. */
    public final int version() {
        return version;
    }

    @Override
    public boolean isImmutableType() {
        return immutable;
    }

    /** Whether this serializer reads data written in format {@code version}; only its own by default. */
    public boolean canRead(int version) {
        return version == version();
    }

    /**
     * A serializer that reads format {@code version} (one this serializer {@link #canRead}); this
     * one for its own format. A later format overrides it to read the earlier ones.
     */
    protected RecordSerializer<T> reading(int version) {
        if (version != version()) {
            throw new IllegalStateException(getClass().getSimpleName() + " cannot read format " + version);
        }
        return this;
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    /**
     * The snapshot of a {@link RecordSerializer}: its data format version. Each serializer
     * declares a subclass with a public no-argument constructor, which Flink instantiates when
     * it reads a checkpoint.
     */
    public abstract static class VersionedSnapshot<T> implements TypeSerializerSnapshot<T> {

        private final RecordSerializer<T> serializer;
        private int readVersion;

        protected VersionedSnapshot(RecordSerializer<T> serializer) {
            this.serializer = serializer;
            this.readVersion = serializer.version();
        }

        @Override
        public int getCurrentVersion() {
            return serializer.version();
        }

        @Override
        public void writeSnapshot(DataOutputView out) {}

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader classLoader) {
            this.readVersion = version;
        }

        /**
         * @throws IllegalStateException when the state was written in a format this version
         *     cannot read
         */
        @Override
        public TypeSerializer<T> restoreSerializer() {
            return serializer.reading(readVersion);
        }

        @Override
        public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
            if (old.getClass() != getClass()) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            int oldVersion = ((VersionedSnapshot<T>) old).readVersion;
            if (oldVersion == serializer.version()) {
                return TypeSerializerSchemaCompatibility.compatibleAsIs();
            }
            return serializer.canRead(oldVersion)
                    ? TypeSerializerSchemaCompatibility.compatibleAfterMigration()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
