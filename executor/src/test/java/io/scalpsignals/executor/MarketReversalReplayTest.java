package io.scalpsignals.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.executor.cli.ExecutorCli;
import io.scalpsignals.testing.CliRun;
import io.scalpsignals.testing.SignalLine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** MARKET_REVERSAL from a ticks file's top of book, through {@code executor replay} (SPEC.md §7). */
class MarketReversalReplayTest {

    @TempDir
    Path dir;

    @Test
    void aReplayReadsTheTicksQuotesAndClosesOnTheBookTurningAgainstThePosition() throws Exception {
        long t0 = Scenario.T0;
        Path ticks = Files.writeString(
                dir.resolve("ticks.csv"),
                "symbol,ts,price,size,side,bid,ask,bid_size,ask_size\n"
                        + "BTCUSDT," + t0 + ",100,1,buy,99.99,100.01,50,50\n"
                        + "BTCUSDT," + (t0 + 1_000) + ",100.01,1,sell,100,100.02,30,70\n" // -0.4
                        + "BTCUSDT," + (t0 + 2_000) + ",100.01,1,sell,100,100.02,15,85\n" // -0.7
                        + "BTCUSDT," + (t0 + 3_000) + ",100.02,1,buy,,,,\n");
        Path signals = Files.write(
                dir.resolve("signals.jsonl"),
                List.of(SignalLine.open(Scenario.id("a"), "BTCUSDT", "OPEN_LONG", t0, 100.0)
                        .json()));
        Path journal = dir.resolve("journal.jsonl");

        CliRun run = CliRun.of(
                ExecutorCli::run,
                "replay",
                "--signals",
                signals.toString(),
                "--ticks",
                ticks.toString(),
                "--exec",
                "reversal_exit_triggers=breakout",
                "--state-dir",
                dir.resolve("state").toString(),
                "--journal",
                journal.toString());

        assertThat(run.code()).as(run.err()).isZero();
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"event\":\"OPENED\"");
        assertThat(lines.get(1))
                .contains("\"event\":\"CLOSED\"", "\"reason\":\"MARKET_REVERSAL\"", "\"ts\":" + (t0 + 2_000));
    }
}
