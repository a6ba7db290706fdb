package io.scalpsignals.job.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.job.TwoSlotMiniCluster;
import io.scalpsignals.job.cli.ScalpCli;
import io.scalpsignals.marketdata.Venue;
import io.scalpsignals.testing.CliRun;
import io.scalpsignals.testing.FakeArchive;
import io.scalpsignals.testing.SharedData;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code scalp download} then {@code scalp backfill} on what it fetched: the tardis file's real
 * trades, served as Bybit's and as Binance's daily archives by a local server, give exactly the
 * features and signals of the tardis file itself (the same ticks, read through the new formats).
 * The Binance archive has its second half before its first, as real ones can be out of time
 * order (binance-public-data issue 339): it still backfills as its trades in time order, none late.
 */
class DownloadBackfillITCase {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = TwoSlotMiniCluster.create();

    private static final LocalDate DAY = LocalDate.of(2020, 2, 22);

    @TempDir
    Path dir;

    @Test
    void theDownloadedArchivesBackfillAsTheTradesTheyHold() throws Exception {
        Path reference = dir.resolve("tardis");
        assertThat(ScalpCli.run(
                        "backfill",
                        "--input",
                        SharedData.file(SharedData.TARDIS_BTCUSDT).toString(),
                        "--outputs",
                        "features,signals",
                        "--out",
                        reference.toString()))
                .isZero();

        try (FakeArchive archive = new FakeArchive()) {
            archive.put(Venue.BYBIT.archivePath("BTCUSDT", DAY), FakeArchive.bybitArchive(FakeArchive.tardisRows()));
            byte[] zip = FakeArchive.binanceArchive(
                    "BTCUSDT-aggTrades-2020-02-22.csv", secondHalfFirst(FakeArchive.tardisRows()));
            archive.put(Venue.BINANCE.archivePath("BTCUSDT", DAY), zip);
            archive.put(
                    Venue.BINANCE.archivePath("BTCUSDT", DAY) + ".CHECKSUM",
                    FakeArchive.checksum(zip, "BTCUSDT-aggTrades-2020-02-22.zip"));

            for (String venue : List.of("bybit", "binance")) {
                Path files = dir.resolve(venue + "-files");
                CliRun download = CliRun.of(
                        ScalpCli::run,
                        "download",
                        "--venue",
                        venue,
                        "--symbol",
                        "BTCUSDT",
                        "--from",
                        "2020-02-21",
                        "--to",
                        "2020-02-23",
                        "--base-url",
                        archive.url(),
                        "--out",
                        files.toString());
                Path out = dir.resolve(venue);
                int backfill = ScalpCli.run(
                        "backfill",
                        "--input",
                        Files.list(files).findFirst().orElseThrow().toString(),
                        "--outputs",
                        "features,signals,late",
                        "--out",
                        out.toString());

                assertThat(download.code()).as(download.err()).isZero();
                assertThat(download.out())
                        .startsWith(
                                "3 days: 1 downloaded, 0 already complete, 2 missing at the source, 0 corrupt, 0 failed");
                assertThat(backfill).isZero();
                assertThat(out.resolve("features.jsonl")).hasSameTextualContentAs(reference.resolve("features.jsonl"));
                assertThat(out.resolve("late.jsonl"))
                        .as(venue + ": nothing late")
                        .isEmptyFile();
                assertThat(withoutEmittedAt(out.resolve("signals.jsonl")))
                        .isEqualTo(withoutEmittedAt(reference.resolve("signals.jsonl")));
            }
        }
    }

    /**
     * The rows from the first change of millisecond after the middle on, then those before it: two
     * blocks out of time order, each in its own order (a millisecond's trades never split).
     */
    private static List<String[]> secondHalfFirst(List<String[]> rows) {
        int cut = rows.size() / 2;
        while (Long.parseLong(rows.get(cut)[2]) / 1000 == Long.parseLong(rows.get(cut - 1)[2]) / 1000) { // µs → ms
            cut++;
        }
        List<String[]> out = new ArrayList<>(rows.subList(cut, rows.size()));
        out.addAll(rows.subList(0, cut));
        return out;
    }

    private static List<String> withoutEmittedAt(Path signals) throws Exception {
        return Files.readAllLines(signals).stream()
                .map(l -> l.replaceAll("\"emitted_at\":\\d+,", ""))
                .sorted()
                .toList();
    }
}
