package io.scalpsignals.model.read;

import static io.scalpsignals.model.read.ReaderFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Random and mutated lines through every reader: it never throws, and every line after the
 * header becomes exactly one record, an accepted tick that passes validation or a dead letter
 * carrying the line.
 */
class TickReaderPropertyTest {

    private static final String CSV_HEADER = "symbol,ts,price,size,side,bid,ask";
    private static final String TARDIS_HEADER = "exchange,symbol,timestamp,local_timestamp,id,side,price,amount";

    @Property(tries = 300)
    void csvLinesAreAcceptedOrDeadLettered(@ForAll("csvLines") List<String> lines) {
        checkLines(TickFormat.CSV, CSV_HEADER, lines);
    }

    @Property(tries = 300)
    void tardisLinesAreAcceptedOrDeadLettered(@ForAll("tardisLines") List<String> lines) {
        checkLines(TickFormat.TARDIS, TARDIS_HEADER, lines);
    }

    @Property(tries = 300)
    void bitstampLinesAreAcceptedOrDeadLettered(@ForAll("bitstampLines") List<String> lines) {
        checkLines(TickFormat.BITSTAMP, "timestamp,price,amount", lines);
    }

    @Property(tries = 300)
    void jsonLinesAreAcceptedOrDeadLettered(@ForAll("jsonLines") List<String> lines) {
        checkLines(TickFormat.JSONL, null, lines);
    }

    @Property(tries = 300)
    void aCsvLinesBytesParseAsItsText(@ForAll("csvLines") List<String> lines) {
        checkBytesAsText(TickFormat.CSV, CSV_HEADER, null, lines);
    }

    @Property(tries = 300)
    void aTardisLinesBytesParseAsItsText(@ForAll("tardisLines") List<String> lines) {
        checkBytesAsText(TickFormat.TARDIS, TARDIS_HEADER, null, lines);
    }

    @Property(tries = 300)
    void aBitstampLinesBytesParseAsItsText(@ForAll("bitstampLines") List<String> lines) {
        checkBytesAsText(TickFormat.BITSTAMP, "timestamp,price,amount", "BTCUSD", lines);
    }

    @Property(tries = 300)
    void aJsonLinesBytesParseAsItsText(@ForAll("jsonLines") List<String> lines) {
        JsonLineParser parser = new JsonLineParser(null);
        for (String text : lines) {
            LineParser.SourceRef source = new LineParser.SourceRef("x.jsonl", 1);
            assertThat(parser.parse(line(text), source)).as(text).isEqualTo(parser.parse(text, source));
        }
    }

    @Property(tries = 300)
    void freqtradeElementsAreAcceptedOrDeadLettered(@ForAll("freqtradeElements") List<String> elements) {
        List<ReadResult> r = readFreqtrade(elements);
        assertThat(r).hasSize(elements.size());
        r.forEach(TickReaderPropertyTest::checkRecord);
    }

    @Property(tries = 300)
    void brokenFreqtradeJsonNeverThrows(@ForAll("mutatedFreqtradeElements") List<String> elements) {
        // a mutation may split or merge elements, so only the records' shape is certain
        readFreqtrade(elements).forEach(TickReaderPropertyTest::checkRecord);
    }

    private static List<ReadResult> readFreqtrade(List<String> elements) {
        String content = "[" + String.join(",", elements) + "]";
        return read("X_Y-trades.json", TickFormat.FREQTRADE, null, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void checkLines(TickFormat format, String header, List<String> lines) {
        StringBuilder content = new StringBuilder(header == null ? "" : header + "\n");
        lines.forEach(line -> content.append(line).append('\n'));
        List<ReadResult> r = read("p." + format.cliName(), format, content.toString());
        assertThat(r).hasSize(lines.size());
        for (int i = 0; i < r.size(); i++) {
            checkRecord(r.get(i));
            if (!r.get(i).isAccepted()) {
                assertThat(r.get(i).deadLetter().raw()).isEqualTo(lines.get(i));
            }
        }
    }

    private static void checkRecord(ReadResult r) {
        if (r.isAccepted()) {
            Tick t = r.tick();
            assertThat(TickValidator.check(t)).isNull();
        } else {
            assertThat(r.deadLetter().reason()).isNotNull();
            assertThat(r.deadLetter().source()).isNotBlank();
        }
    }

    /** The bytes' fast path (ASCII, no string per field) decides every line as the text path does. */
    private static void checkBytesAsText(TickFormat format, String header, String symbol, List<String> lines) {
        CsvLineParser parser = CsvLineParser.forHeader(format, header, "x.csv", symbol);
        for (String text : lines) {
            LineParser.SourceRef source = new LineParser.SourceRef("x.csv", 2);
            assertThat(parser.parse(line(text), source)).as(text).isEqualTo(parser.parse(text, source));
        }
    }

    private static Line line(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        Line line = new Line();
        line.set(b, 0, b.length);
        return line;
    }

    // ---- generators: valid lines, then mutated at random ----

    @Provide
    Arbitrary<List<String>> csvLines() {
        Arbitrary<String> valid = Arbitraries.of("BTCUSDT", "ETH-USD", "x", "BAD SYM", "")
                .flatMap(sym -> numbers()
                        .tuple5()
                        .map(n -> String.join(",", sym, ts(n.get1()), n.get2(), n.get3(), "buy", n.get4(), n.get5())));
        return mutated(valid).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> tardisLines() {
        Arbitrary<String> valid = numbers()
                .tuple3()
                .map(n -> String.join(
                        ",", "binance", "BTCUSDT", ts(n.get1()) + "000", "0", "1", "sell", n.get2(), n.get3()));
        return mutated(valid).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> bitstampLines() {
        Arbitrary<String> valid = numbers().tuple3().map(n -> String.join(",", n.get1(), n.get2(), n.get3()));
        return mutated(valid).list().ofMaxSize(40);
    }

    @Provide
    Arbitrary<List<String>> jsonLines() {
        Arbitrary<String> valid = numbers()
                .tuple4()
                .map(n -> "{\"symbol\":\"BTCUSDT\",\"ts\":" + ts(n.get1()) + ",\"price\":" + n.get2() + ",\"size\":"
                        + n.get3() + ",\"bid\":" + n.get4() + "}");
        return mutated(valid)
                .filter(s -> !s.contains("\n") && !s.contains("\r"))
                .list()
                .ofMaxSize(40);
    }

    /** Well-formed JSON arrays whose values may be odd (words, NaN, missing columns). */
    @Provide
    Arbitrary<List<String>> freqtradeElements() {
        Arbitrary<String> number = numbers().map(TickReaderPropertyTest::asJsonValue);
        Arbitrary<String> ts = numbers().map(n -> asJsonValue(ts(n)));
        return Arbitraries.oneOf(
                        Combinators.combine(ts, number, number)
                                .as((t, p, v) -> "[" + t + ",\"1\",null,\"buy\"," + p + "," + v + ",1]"),
                        Combinators.combine(ts, number).as((t, p) -> "[" + t + "," + p + "]"),
                        Arbitraries.of("{}", "\"x\"", "null", "[]"))
                .list()
                .ofMaxSize(30);
    }

    @Provide
    Arbitrary<List<String>> mutatedFreqtradeElements() {
        Arbitrary<String> valid = numbers()
                .tuple3()
                .map(n -> "[" + ts(n.get1()) + ",\"1\",null,\"buy\"," + n.get2() + "," + n.get3() + ",1]");
        return Arbitraries.oneOf(valid, mutated(valid)).list().ofMaxSize(30);
    }

    /** A JSON number where the text is one, else the text as a JSON string. */
    private static String asJsonValue(String n) {
        return n.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?") ? n : "\"" + n + "\"";
    }

    private static String ts(String n) {
        return n.startsWith("-") || n.contains(".") || n.contains("e") ? n : "17" + n;
    }

    /** Plain and odd numbers: decimals, signs, exponents, NaN, huge, empty, words. */
    private static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.doubles().between(-10, 1e6).map(d -> Double.toString(d)),
                Arbitraries.longs().between(0, 99_999_999_999L).map(l -> Long.toString(l)),
                Arbitraries.of(
                        "NaN",
                        "Infinity",
                        "-0",
                        "0",
                        "1e400",
                        "",
                        "abc",
                        "1.5d",
                        "0x1p3",
                        "1e",
                        ".5",
                        "99999999999999999999"));
    }

    /** Keeps a line, or cuts, duplicates, inserts or deletes characters. */
    private static Arbitrary<String> mutated(Arbitrary<String> lines) {
        Arbitrary<Character> junk =
                Arbitraries.of(',', '"', '{', '}', '[', ']', ':', 'x', '9', ' ', '\t', '\u00e9', '\\');
        return Arbitraries.oneOf(
                lines,
                Tuple.of(lines, Arbitraries.integers().between(0, 200))
                        .get1()
                        .flatMap(s -> Arbitraries.integers()
                                .between(0, Math.max(0, s.length()))
                                .map(cut -> s.substring(0, cut))),
                lines.flatMap(s -> Arbitraries.integers()
                        .between(0, s.length())
                        .flatMap(at -> junk.map(c -> s.substring(0, at) + c + s.substring(at)))),
                lines.flatMap(s -> s.isEmpty()
                        ? Arbitraries.just(s)
                        : Arbitraries.integers()
                                .between(0, s.length() - 1)
                                .map(at -> s.substring(0, at) + s.substring(at + 1))),
                Arbitraries.strings().ofMaxLength(60).filter(s -> s.indexOf('\n') < 0 && s.indexOf('\r') < 0));
    }
}
