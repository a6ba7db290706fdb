package io.scalpsignals.model.read;

import static io.scalpsignals.model.read.ReaderFixtures.gzip;
import static io.scalpsignals.model.read.ReaderFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The venues' daily trade archives as {@code scalp download} stores them, read as they are. */
class VenueArchiveFormatsTest {

    private static final String BYBIT =
            "timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional\n"
                    + "1704067200.0646,BTCUSDT,Buy,0.003,42283.6,ZeroMinusTick,5b2a0f9e-0d1d-5e7b-9a5e-1c1b1f0b9f0a,1.268508e+10,0.003,126.8508\n"
                    + "1704067200.1,BTCUSDT,Sell,0.5,42283.5,MinusTick,7c3b1e8f-1e2e-5f8c-8b6f-2d2c2e1c8e1b,2.11417e+12,0.5,21141.75\n";

    private static final String AGG_HEADER =
            "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n";
    private static final String AGG_ROWS = "1922183470,42314.00,0.012,4369186520,4369186520,1704067200012,true\n"
            + "1922183471,42314.10,0.250,4369186521,4369186523,1704067200019,false\n";

    @Test
    void readsBybitsGzippedArchiveWithFractionalSecondsAndTheTakersSide() {
        List<ReadResult> r = read("BTCUSDT2024-01-01.csv.gz", TickFormat.AUTO, null, gzip(BYBIT));

        assertThat(r)
                .extracting(ReadResult::tick)
                .containsExactly(
                        new Tick(
                                "BTCUSDT",
                                1_704_067_200_064L,
                                42283.6,
                                0.003,
                                "buy",
                                Double.NaN,
                                Double.NaN,
                                Double.NaN,
                                Double.NaN),
                        new Tick(
                                "BTCUSDT",
                                1_704_067_200_100L,
                                42283.5,
                                0.5,
                                "sell",
                                Double.NaN,
                                Double.NaN,
                                Double.NaN,
                                Double.NaN));
    }

    @Test
    void readsBinancesZippedAggTradesWithTheSymbolFromTheFileNameAndTheSideFromTheMakerFlag() {
        List<ReadResult> withHeader = read(
                "data/BTCUSDT-aggTrades-2024-01-01.zip",
                TickFormat.AUTO,
                null,
                zip("BTCUSDT-aggTrades-2024-01-01.csv", AGG_HEADER + AGG_ROWS));
        List<ReadResult> headerless = read(
                "BTCUSDT-aggTrades-2020-01-01.zip",
                TickFormat.AUTO,
                null,
                zip("BTCUSDT-aggTrades-2020-01-01.csv", AGG_ROWS));
        List<ReadResult> named = read(
                "trades.csv",
                TickFormat.BINANCE_AGGTRADES,
                "ETHUSDT",
                (AGG_HEADER + AGG_ROWS).getBytes(StandardCharsets.UTF_8));

        List<Tick> expected = List.of(
                new Tick(
                        "BTCUSDT",
                        1_704_067_200_012L,
                        42314.00,
                        0.012,
                        "sell",
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN),
                new Tick(
                        "BTCUSDT",
                        1_704_067_200_019L,
                        42314.10,
                        0.250,
                        "buy",
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN));
        assertThat(withHeader).extracting(ReadResult::tick).isEqualTo(expected);
        assertThat(headerless).extracting(ReadResult::tick).isEqualTo(expected);
        assertThat(named).extracting(ReadResult::tick).extracting(Tick::symbol).containsOnly("ETHUSDT");
        assertThat(TickFormat.parse("binance-aggtrades")).isEqualTo(TickFormat.BINANCE_AGGTRADES);
        assertThat(TickFormat.BINANCE_AGGTRADES.cliName()).isEqualTo("binance-aggtrades");
    }

    @Test
    void binanceLinesOutOfTimeOrderAreReadInTimeOrderAndCounted() throws IOException {
        // as binance-public-data issue 339: a block of earlier trades after later ones, then a bad line
        String lines = AGG_HEADER
                + "1922183480,42320.00,0.100,1,1,1704067201000,false\n"
                + "1922183481,42321.00,0.200,2,2,1704067201000,true\n"
                + "1922183470,42314.00,0.012,3,3,1704067200012,true\n"
                + "1922183471,42314.10,0.250,4,4,1704067200019,false\n"
                + "1922183472,42314.20,0.300,5,5,1704067200019,false\n"
                + "1922183490,oops,0.1,6,6,1704067202000,true\n"
                + "1922183491,42330.00,0.400,7,7,1704067202000,true\n";
        try (TickReader reader = TickReader.open(
                new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)),
                "BTCUSDT-aggTrades-2024-01-01.csv",
                TickFormat.AUTO,
                null)) {
            List<ReadResult> r = new ArrayList<>();
            reader.forEachRemaining(r::add);

            assertThat(reader.reordered()).isEqualTo(3); // the three trades of 00:00:00
            assertThat(r.get(0).deadLetter().source()).isEqualTo("BTCUSDT-aggTrades-2024-01-01.csv:7");
            assertThat(r.subList(1, r.size()))
                    .extracting(x -> x.tick().ts() + " " + x.tick().size())
                    .containsExactly(
                            "1704067200012 0.012",
                            "1704067200019 0.25",
                            "1704067200019 0.3", // one millisecond: file order, the aggregate id's
                            "1704067201000 0.1",
                            "1704067201000 0.2",
                            "1704067202000 0.4");
        }
        List<ReadResult> inOrder = read(
                "BTCUSDT-aggTrades-2024-01-01.csv",
                TickFormat.AUTO,
                null,
                (AGG_HEADER + AGG_ROWS).getBytes(StandardCharsets.UTF_8));
        assertThat(inOrder).extracting(x -> x.tick().ts()).containsExactly(1_704_067_200_012L, 1_704_067_200_019L);
    }

    @Test
    void badLinesAreDeadLetteredAsInTheOtherFormats() {
        List<ReadResult> r = read(
                "BTCUSDT-aggTrades-2024-01-01.csv",
                TickFormat.AUTO,
                null,
                (AGG_HEADER + "1,abc,0.1,1,1,1704067200012,true\n1,42314.0,0.1,1,1\n" + AGG_ROWS)
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(r).hasSize(4);
        assertThat(r.get(0).deadLetter().reason()).isEqualTo(DeadLetterReason.BAD_NUMBER);
        assertThat(r.get(0).deadLetter().source()).isEqualTo("BTCUSDT-aggTrades-2024-01-01.csv:2");
        assertThat(r.get(1).deadLetter().reason()).isEqualTo(DeadLetterReason.MISSING_FIELD);
        assertThat(r.subList(2, 4)).allMatch(ReadResult::isAccepted);
    }

    private static byte[] zip(String entry, String content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry(entry));
            z.write(content.getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
