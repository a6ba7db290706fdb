package io.scalpsignals.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.testing.FakeArchive;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@link ArchiveDownloader} against a local archive server: days, 404s, resumes, checksums (synthetic trades). */
class ArchiveDownloaderTest {

    private static final LocalDate DAY = LocalDate.of(2020, 2, 22);
    /** The transfer is under test, not the trades: synthetic rows, so the test needs no data and never skips. */
    private static final List<String[]> ROWS = FakeArchive.syntheticRows(2_000);
    /** Short, so that a stalled transfer is given up quickly. */
    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

    @TempDir
    Path out;

    private FakeArchive archive;
    private final List<String> progress = new ArrayList<>();
    private final List<ArchiveDownloader> downloaders = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        archive = new FakeArchive();
    }

    @AfterEach
    void stop() throws IOException {
        for (ArchiveDownloader d : downloaders) {
            d.close();
        }
        archive.close();
    }

    @Test
    void fetchesTheDaysThereSkipsTheMissingOnesAndSkipsCompleteDaysOnTheNextRun() throws Exception {
        byte[] bybit = FakeArchive.bybitArchive(ROWS);
        archive.put(Venue.BYBIT.archivePath("BTCUSDT", DAY), bybit);
        ArchiveDownloader d = downloader(Venue.BYBIT);

        List<ArchiveDownloader.Outcome> first = List.of(d.day("BTCUSDT", DAY.minusDays(1)), d.day("BTCUSDT", DAY));
        List<ArchiveDownloader.Outcome> again = List.of(d.day("BTCUSDT", DAY));

        assertThat(first).containsExactly(ArchiveDownloader.Outcome.MISSING, ArchiveDownloader.Outcome.DOWNLOADED);
        assertThat(again).containsExactly(ArchiveDownloader.Outcome.COMPLETE);
        assertThat(out.resolve("BTCUSDT2020-02-22.csv.gz")).hasBinaryContent(bybit);
        assertThat(out.resolve("BTCUSDT2020-02-21.csv.gz")).doesNotExist();
        assertThat(archive.requests).hasSize(2); // the complete day was not asked for again
    }

    @Test
    void aTransferCutShortResumesWhereItStopped() throws Exception {
        byte[] zip = FakeArchive.binanceArchive("BTCUSDT-aggTrades-2020-02-22.csv", ROWS);
        String path = Venue.BINANCE.archivePath("BTCUSDT", DAY);
        archive.put(path, zip);
        archive.put(path + ".CHECKSUM", FakeArchive.checksum(zip, "BTCUSDT-aggTrades-2020-02-22.zip"));
        archive.cutNextTransfer(path);

        ArchiveDownloader.Outcome outcome = downloader(Venue.BINANCE).day("BTCUSDT", DAY);

        assertThat(outcome).isEqualTo(ArchiveDownloader.Outcome.DOWNLOADED);
        assertThat(out.resolve("BTCUSDT-aggTrades-2020-02-22.zip")).hasBinaryContent(zip);
        assertThat(archive.requests.stream()
                        .filter(r -> r.startsWith(path + " "))
                        .toList())
                .containsExactly(path + " ", path + " bytes=" + zip.length / 2 + "-");
        assertThat(progress).anySatisfy(l -> assertThat(l).contains("resumed at", "verified (SHA-256)"));
    }

    @Test
    void aTransferThatStallsIsGivenUpAfterTheReadTimeoutAndResumed() throws Exception {
        byte[] bybit = FakeArchive.bybitArchive(ROWS);
        String path = Venue.BYBIT.archivePath("BTCUSDT", DAY);
        archive.put(path, bybit);
        archive.stallNextTransfer(path);

        ArchiveDownloader.Outcome outcome = downloader(Venue.BYBIT).day("BTCUSDT", DAY);

        assertThat(outcome).isEqualTo(ArchiveDownloader.Outcome.DOWNLOADED);
        assertThat(out.resolve("BTCUSDT2020-02-22.csv.gz")).hasBinaryContent(bybit);
        assertThat(archive.requests).containsExactly(path + " ", path + " bytes=" + bybit.length / 2 + "-");
        assertThat(progress)
                .anySatisfy(l -> assertThat(l).contains("retrying after", "Read timed out"))
                .anySatisfy(l -> assertThat(l).contains("resumed at"));
    }

    @Test
    void aFileThatFailsItsChecksumIsFetchedOnceMoreThenRejected() throws Exception {
        byte[] zip = FakeArchive.binanceArchive("BTCUSDT-aggTrades-2020-02-22.csv", ROWS);
        String path = Venue.BINANCE.archivePath("BTCUSDT", DAY);
        archive.put(path, zip);
        archive.put(
                path + ".CHECKSUM",
                FakeArchive.checksum(
                        "not the archive".getBytes(StandardCharsets.UTF_8), "BTCUSDT-aggTrades-2020-02-22.zip"));

        ArchiveDownloader.Outcome outcome = downloader(Venue.BINANCE).day("BTCUSDT", DAY);

        assertThat(outcome).isEqualTo(ArchiveDownloader.Outcome.CORRUPT);
        assertThat(out.resolve("BTCUSDT-aggTrades-2020-02-22.zip")).doesNotExist();
        assertThat(out.resolve("BTCUSDT-aggTrades-2020-02-22.zip.part")).doesNotExist();
        assertThat(archive.requests.stream()
                        .filter(r -> r.startsWith(path + " "))
                        .count())
                .isEqualTo(2);
    }

    @Test
    void aTruncatedGzipWithoutAChecksumIsNotKept() throws Exception {
        byte[] bybit = FakeArchive.bybitArchive(ROWS);
        byte[] cut = Arrays.copyOf(bybit, bybit.length - 100);
        archive.put(Venue.BYBIT.archivePath("BTCUSDT", DAY), cut);

        assertThat(downloader(Venue.BYBIT).day("BTCUSDT", DAY)).isEqualTo(ArchiveDownloader.Outcome.CORRUPT);
        assertThat(Files.list(out)).isEmpty();
    }

    private ArchiveDownloader downloader(Venue v) {
        ArchiveDownloader d =
                new ArchiveDownloader(v, archive.url(), out, progress::add, 3, Duration.ofMillis(10), READ_TIMEOUT);
        downloaders.add(d);
        return d;
    }
}
