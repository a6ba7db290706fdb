package io.scalpsignals.job;

import io.scalpsignals.model.ReadResult;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.api.common.state.CheckpointListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fails its task once: on the first attempt, at the first record after both {@code after}
 * records and a completed checkpoint, so that the job restores from that checkpoint. It leaves a
 * marker file, which shows the test that the failure really happened.
 */
final class FailOnceAfterCheckpoint extends RichMapFunction<ReadResult, ReadResult> implements CheckpointListener {

    private static final long serialVersionUID = 1L;

    private final long after;
    private final String marker;
    private transient long seen;
    private transient boolean checkpointed;
    private transient boolean firstAttempt;

    FailOnceAfterCheckpoint(long after, Path marker) {
        this.after = after;
        this.marker = marker.toString();
    }

    @Override
    public void open(OpenContext openContext) {
        firstAttempt = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
    }

    @Override
    public ReadResult map(ReadResult r) throws IOException {
        seen++;
        if (firstAttempt && checkpointed && seen >= after) {
            Files.writeString(Path.of(marker), "failed after " + seen + " records");
            throw new IllegalStateException("injected task failure after " + seen + " records");
        }
        return r;
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        checkpointed = true;
    }
}
