package io.scalpsignals.sinks.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.read.TickFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Several files merged by ts, file order kept at equal ts, and the restore position. */
class MergingTickIteratorTest {

    @TempDir
    Path dir;

    private List<InputFile> files() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.jsonl");
        Files.writeString(
                a,
                "symbol,ts,price,size\n"
                        + "AAA,1700000000000,1,1\n"
                        + "AAA,1700000000005,2,1\n"
                        + "AAA,oops,3,1\n"
                        + "AAA,1700000000009,4,1\n");
        Files.writeString(
                b,
                "{\"symbol\":\"BBB\",\"ts\":1700000000003,\"price\":10,\"size\":1}\n"
                        + "{\"symbol\":\"BBB\",\"ts\":1700000000005,\"price\":11,\"size\":1}\n"
                        + "{\"symbol\":\"BBB\",\"ts\":1700000000020,\"price\":12,\"size\":1}\n");
        return List.of(
                new InputFile(a.toString(), TickFormat.AUTO, null), new InputFile(b.toString(), TickFormat.AUTO, null));
    }

    private static List<String> drain(MergingTickIterator it) {
        List<String> out = new ArrayList<>();
        while (it.hasNext()) {
            ReadResult r = it.next();
            out.add(
                    r.isAccepted()
                            ? r.tick().symbol() + "@" + (r.tick().ts() - 1_700_000_000_000L)
                            : "dead:"
                                    + r.deadLetter()
                                            .source()
                                            .substring(r.deadLetter().source().lastIndexOf('/') + 1));
        }
        return out;
    }

    @Test
    void mergesFilesByTimestampKeepingEachFilesOrder() throws IOException {
        List<String> merged = drain(new MergingTickIterator(files(), 0));

        assertThat(merged).containsExactly("AAA@0", "BBB@3", "AAA@5", "dead:a.csv:4", "BBB@5", "AAA@9", "BBB@20");
    }

    @Test
    void aRestoredIteratorSkipsWhatWasEmitted() throws IOException {
        List<InputFile> files = files();
        MergingTickIterator first = new MergingTickIterator(files, 0);
        first.next();
        first.next();
        first.next();
        TickFilesSplit checkpointed = new TickFilesSplit(files, 0).getUpdatedSplitForIterator(first);
        first.close();

        TickFilesSplit restored = new TickFilesSplitSerializer()
                .deserialize(TickFilesSplitSerializer.VERSION, new TickFilesSplitSerializer().serialize(checkpointed));

        assertThat(restored.emitted()).isEqualTo(3);
        assertThat(restored.files()).isEqualTo(files);
        assertThat(drain(restored.getIterator())).containsExactly("dead:a.csv:4", "BBB@5", "AAA@9", "BBB@20");
    }
}
