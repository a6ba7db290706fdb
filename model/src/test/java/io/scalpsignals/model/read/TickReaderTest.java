package io.scalpsignals.model.read;

import static io.scalpsignals.model.read.ReaderFixtures.gzip;
import static io.scalpsignals.model.read.ReaderFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scalpsignals.model.DeadLetter;
import io.scalpsignals.model.DeadLetterReason;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Every format of SPEC.md §8, compression, detection, and the dead-letter reasons. */
class TickReaderTest {

    private static final long TS = 1_700_000_000_123L;

    @Test
    void readsCsvWithQuotesAndAnyColumnOrder() {
        List<ReadResult> r = read(
                "t.csv",
                TickFormat.CSV,
                "price,ts,size,symbol,side,bid,ask,bid_size,ask_size\n"
                        + "50000.5,1700000000123,0.01,BTCUSDT,buy,50000.4,50000.6,2,3\n"
                        + "50001,1700000000124,0.02,ETHUSDT,SELL,,,,\n");

        assertThat(r)
                .extracting(ReadResult::tick)
                .containsExactly(
                        new Tick("BTCUSDT", TS, 50000.5, 0.01, "buy", 50000.4, 50000.6, 2, 3),
                        new Tick(
                                "ETHUSDT",
                                TS + 1,
                                50001,
                                0.02,
                                "sell",
                                Double.NaN,
                                Double.NaN,
                                Double.NaN,
                                Double.NaN));
    }

    @Test
    void readsJsonLines() {
        List<ReadResult> r = read(
                "t.jsonl",
                TickFormat.JSONL,
                "{\"symbol\":\"BTCUSDT\",\"ts\":1700000000123,\"price\":50000.5,\"size\":0.01,\"side\":\"buy\",\"extra\":{\"a\":[1]}}\n"
                        + "{\"symbol\":\"BTCUSDT\",\"ts\":1700000000124,\"price\":\"50001\",\"size\":0.5,\"bid\":50000,\"ask\":50002}\n");

        assertThat(r)
                .extracting(ReadResult::tick)
                .containsExactly(
                        new Tick("BTCUSDT", TS, 50000.5, 0.01, "buy", Double.NaN, Double.NaN, Double.NaN, Double.NaN),
                        new Tick("BTCUSDT", TS + 1, 50001, 0.5, null, 50000, 50002, Double.NaN, Double.NaN));
    }

    @Test
    void readsBitstampWithSecondsAndTheDefaultSymbol() {
        List<ReadResult> r = read(
                "b.csv", TickFormat.BITSTAMP, "timestamp,price,amount\n1385337600,800.010000000000,0.100000000000\n");

        assertThat(r.get(0).tick()).isEqualTo(Tick.trade("BTCUSD", 1_385_337_600_000L, 800.01, 0.1));
    }

    @Test
    void readsTardisWithMicroseconds() {
        List<ReadResult> r = read(
                "t.csv",
                TickFormat.TARDIS,
                "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n"
                        + "binance-futures,BTCUSDT,1582329602111999,1582329602418379,42377944,buy,9682,0.132\n");

        assertThat(r.get(0).tick())
                .isEqualTo(new Tick(
                        "BTCUSDT",
                        1_582_329_602_111L,
                        9682,
                        0.132,
                        "buy",
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN));
    }

    @Test
    void readsGzippedFreqtradeArraysWithTheSymbolFromTheFileName() {
        byte[] gz = gzip("[[1570752011620,\"13519807\",null,\"sell\",0.00141342,23.0,0.03250866],"
                + "[1570752011621,\"13519808\",null,\"buy\",0.00141266,54.0,0.07628364]]");

        List<ReadResult> r = read("data/XRP_ETH-trades.json.gz", TickFormat.AUTO, null, gz);

        assertThat(r)
                .extracting(ReadResult::tick)
                .containsExactly(
                        new Tick(
                                "XRP_ETH",
                                1_570_752_011_620L,
                                0.00141342,
                                23.0,
                                "sell",
                                Double.NaN,
                                Double.NaN,
                                Double.NaN,
                                Double.NaN),
                        new Tick(
                                "XRP_ETH",
                                1_570_752_011_621L,
                                0.00141266,
                                54.0,
                                "buy",
                                Double.NaN,
                                Double.NaN,
                                Double.NaN,
                                Double.NaN));
    }

    @Test
    void detectsEveryFormat() {
        byte[] csv = "symbol,ts,price,size\n".getBytes(StandardCharsets.UTF_8);
        assertThat(FormatDetector.detect("x", csv)).isEqualTo(TickFormat.CSV);
        assertThat(FormatDetector.detect("x", "{\"a\":1}\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(TickFormat.JSONL);
        assertThat(FormatDetector.detect("x", " [[1]]".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(TickFormat.FREQTRADE);
        assertThat(FormatDetector.detect("empty.csv", new byte[0]))
                .isEqualTo(TickFormat.JSONL); // no records either way
        assertThat(FormatDetector.detect("x", "timestamp,price,amount\r\n1,2,3".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(TickFormat.BITSTAMP);
        assertThat(FormatDetector.detect(
                        "x",
                        "exchange,symbol,timestamp,local_timestamp,id,side,price,amount\n"
                                .getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(TickFormat.TARDIS);
        assertThatThrownBy(() -> FormatDetector.detect("x.txt", "hello,world\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("cannot tell the format of x.txt");
    }

    @Test
    void aHeaderWithoutARequiredColumnFailsBeforeAnyRecord() {
        assertThatThrownBy(() -> read("t.csv", TickFormat.CSV, "symbol,ts,size\nA,1,2\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("t.csv: the csv header lacks column 'price' (header: 'symbol,ts,size')");
    }

    @Test
    void everyMalformedLineIsDeadLetteredWithItsReasonAndEveryGoodLineRead() {
        String good = "BTCUSDT,1700000000123,100.5,0.5";
        String content = String.join(
                        "\n",
                        "symbol,ts,price,size",
                        good,
                        "BTCUSDT,1700000000123,abc,0.5",
                        "BTCUSDT,1700000000123,NaN,0.5",
                        "BTCUSDT,1700000000123,-3,0.5",
                        "BTCUSDT,1700000000123,100.5,0",
                        "BTC USDT,1700000000123,100.5,0.5",
                        "BTCUSDT,1700000000123,100.5",
                        "BTCUSDT,17e99,100.5,0.5",
                        "BTCUSDT,1,100.5,0.5",
                        "BTCUSDT,1700000000123,1.5d,0.5",
                        "",
                        good)
                + "\n";

        List<ReadResult> r = read("bad.csv", TickFormat.CSV, content);

        assertThat(r).hasSize(12);
        assertThat(r.get(0).isAccepted()).isTrue();
        assertThat(r.get(11).isAccepted()).isTrue();
        assertThat(r.subList(1, 11))
                .extracting(x -> x.deadLetter().reason())
                .containsExactly(
                        DeadLetterReason.BAD_NUMBER,
                        DeadLetterReason.BAD_PRICE,
                        DeadLetterReason.BAD_PRICE,
                        DeadLetterReason.BAD_SIZE,
                        DeadLetterReason.BAD_SYMBOL,
                        DeadLetterReason.MISSING_FIELD,
                        DeadLetterReason.BAD_TS,
                        DeadLetterReason.BAD_TS,
                        DeadLetterReason.BAD_NUMBER,
                        DeadLetterReason.UNPARSABLE);
        DeadLetter first = r.get(1).deadLetter();
        assertThat(first.raw()).isEqualTo("BTCUSDT,1700000000123,abc,0.5");
        assertThat(first.source()).isEqualTo("bad.csv:3");
        assertThat(first.detail()).isEqualTo("price: not a number: 'abc'");
    }

    @Test
    void badJsonRecordsAreDeadLettered() {
        List<ReadResult> r = read(
                "t.jsonl",
                TickFormat.JSONL,
                String.join(
                        "\n",
                        "{\"symbol\":\"A\",\"ts\":1700000000123,\"price\":1,\"size\":1}",
                        "{\"symbol\":\"A\",\"ts\":1700000000123,\"price\":1,",
                        "[1,2]",
                        "{\"symbol\":7,\"ts\":1700000000123,\"price\":1,\"size\":1}",
                        "{\"symbol\":\"A\",\"ts\":1700000000123,\"price\":true,\"size\":1}",
                        "{\"symbol\":\"A\",\"ts\":1700000000123,\"size\":1}",
                        "{\"symbol\":\"A\",\"ts\":\"soon\",\"price\":1,\"size\":1}",
                        "{\"symbol\":\"A\",\"ts\":1700000000123,\"price\":2,\"size\":1,\"bid\":3,\"ask\":2}",
                        "{\"symbol\":\"A\",\"ts\":1700000000123,\"price\":1,\"size\":1} {}"));

        assertThat(r)
                .extracting(x -> x.isAccepted() ? null : x.deadLetter().reason())
                .containsExactly(
                        null,
                        DeadLetterReason.UNPARSABLE,
                        DeadLetterReason.UNPARSABLE,
                        DeadLetterReason.BAD_SYMBOL,
                        DeadLetterReason.BAD_NUMBER,
                        DeadLetterReason.MISSING_FIELD,
                        DeadLetterReason.BAD_TS,
                        DeadLetterReason.BAD_QUOTE,
                        DeadLetterReason.UNPARSABLE);
        assertThat(r.get(5).deadLetter().source()).isEqualTo("t.jsonl:6");
    }

    @Test
    void aTruncatedGzipKeepsTheGoodLinesAndDeadLettersTheRest() {
        StringBuilder csv = new StringBuilder("symbol,ts,price,size\n");
        for (int i = 0; i < 5_000; i++) {
            csv.append("BTCUSDT,").append(TS + i).append(",100.5,0.5\n");
        }
        byte[] gz = gzip(csv.toString());
        byte[] truncated = Arrays.copyOf(gz, gz.length / 2);

        List<ReadResult> r = read("t.csv.gz", TickFormat.CSV, null, truncated);

        ReadResult last = r.get(r.size() - 1);
        assertThat(last.deadLetter().reason()).isEqualTo(DeadLetterReason.UNREADABLE_INPUT);
        List<ReadResult> before = r.subList(0, r.size() - 1);
        assertThat(before).hasSizeGreaterThan(1_000).allMatch(ReadResult::isAccepted);
        assertThat(before.get(before.size() - 1).tick().ts()).isEqualTo(TS + before.size() - 1);
        // the cut line travels with the dead letter: nothing between the good lines and it is lost
        String upToTheCut = csv.substring(0, csv.indexOf("BTCUSDT," + (TS + before.size())));
        assertThat(csv.substring(upToTheCut.length()))
                .startsWith(last.deadLetter().raw());
        assertThat(last.deadLetter().source()).isEqualTo("t.csv.gz:" + (before.size() + 2));
    }

    @Test
    void aBrokenFreqtradeArrayDeadLettersTheBadElementsAndStopsAtBrokenJson() {
        byte[] content =
                "[[1570752011620,\"1\",null,\"sell\",0.5,23.0,1],[1570752011620,\"2\",null,\"sell\",0.5],\"x\",[1570752011620,\"3\",null,\"buy\",-1,2,3],[1,2,"
                        .getBytes(StandardCharsets.UTF_8);

        List<ReadResult> r = read("XRP_ETH-trades.json", TickFormat.FREQTRADE, null, content);

        assertThat(r)
                .extracting(x -> x.isAccepted() ? null : x.deadLetter().reason())
                .containsExactly(
                        null,
                        DeadLetterReason.MISSING_FIELD,
                        DeadLetterReason.UNPARSABLE,
                        DeadLetterReason.BAD_PRICE,
                        DeadLetterReason.UNPARSABLE);
        assertThat(r.get(3).deadLetter().source()).isEqualTo("XRP_ETH-trades.json:4");
    }
}
