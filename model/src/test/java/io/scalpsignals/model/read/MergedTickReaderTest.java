package io.scalpsignals.model.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.ReadResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The k-way merge of the job's source and the executor's replay. */
class MergedTickReaderTest {

    @TempDir
    Path dir;

    @Test
    void mergesByTsTheEarlierFileFirstAtEqualTsADeadLetterAsSoonAsItIsNext() throws Exception {
        Path a = Files.writeString(
                dir.resolve("a.csv"),
                "symbol,ts,price,size\nAAA,1700000001000,1,1\nAAA,1700000001005,2,1\nAAA,oops,3,1\nAAA,1700000001009,4,1\n");
        Path b = Files.writeString(
                dir.resolve("b.csv"),
                "symbol,ts,price,size\nBBB,1700000001003,10,1\nBBB,1700000001005,11,1\nBBB,1700000001020,12,1\n");
        List<String> out = new ArrayList<>();

        try (MergedTickReader merged = MergedTickReader.open(List.of(b, a), TickFormat.AUTO, null)) {
            while (merged.hasNext()) {
                ReadResult r = merged.next();
                out.add(r.isAccepted() ? r.tick().symbol() + "@" + (r.tick().ts() - 1_700_000_000_000L) : "dead");
            }
        }

        // b given first: at ts 1005 its BBB comes before a's AAA; a's bad line follows AAA@1005 at once
        assertThat(out).containsExactly("AAA@1000", "BBB@1003", "BBB@1005", "AAA@1005", "dead", "AAA@1009", "BBB@1020");
    }
}
