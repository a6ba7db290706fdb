package io.scalpsignals.job.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The signals a backtest replays do not depend on the backfill's order across symbols. */
class ReplayOrderTest {

    @TempDir
    Path dir;

    private static String signal(String symbol, long ts, String intent) {
        return "{\"intent_id\":\"" + intent + "\",\"symbol\":\"" + symbol + "\",\"ts\":" + ts + "}";
    }

    @Test
    void signalsAreReplayedByTsThenSymbolEachSymbolInItsOwnOrder() throws Exception {
        // one subtask wrote ETH first, another BTC first; at ts 2000 ETH has two signals in gate order
        List<String> ethFirst = List.of(
                signal("ETH", 1000, "e1"),
                signal("ETH", 2000, "e2"),
                signal("ETH", 2000, "e3"),
                signal("BTC", 2000, "b1"),
                signal("BTC", 1500, "b0"));
        List<String> btcFirst = List.of(
                signal("BTC", 1500, "b0"),
                signal("BTC", 2000, "b1"),
                signal("ETH", 1000, "e1"),
                signal("ETH", 2000, "e2"),
                signal("ETH", 2000, "e3"));
        Path a = Files.write(dir.resolve("a.jsonl"), ethFirst);
        Path b = Files.write(dir.resolve("b.jsonl"), btcFirst);

        List<String> fromA =
                Files.readAllLines(Backtester.inReplayOrder(a, Backtester.Window.ALL, dir.resolve("a-out")));
        List<String> fromB =
                Files.readAllLines(Backtester.inReplayOrder(b, Backtester.Window.ALL, dir.resolve("b-out")));

        assertThat(fromA)
                .isEqualTo(fromB)
                .containsExactly(
                        signal("ETH", 1000, "e1"),
                        signal("BTC", 1500, "b0"),
                        signal("BTC", 2000, "b1"),
                        signal("ETH", 2000, "e2"),
                        signal("ETH", 2000, "e3"));
        assertThat(Files.readAllLines(
                        Backtester.inReplayOrder(a, new Backtester.Window(1500, 2000), dir.resolve("window"))))
                .containsExactly(signal("BTC", 1500, "b0"));
    }

    @Test
    void aLineThatIsNoSignalStaysAfterTheLineBeforeIt() throws Exception {
        Path file = Files.write(
                dir.resolve("bad.jsonl"),
                List.of("not json", signal("ETH", 2000, "e1"), "{\"ts\":\"soon\"}", signal("BTC", 1000, "b1")));

        assertThat(Files.readAllLines(Backtester.inReplayOrder(file, Backtester.Window.ALL, dir.resolve("out"))))
                .containsExactly("not json", signal("BTC", 1000, "b1"), signal("ETH", 2000, "e1"), "{\"ts\":\"soon\"}");
    }
}
