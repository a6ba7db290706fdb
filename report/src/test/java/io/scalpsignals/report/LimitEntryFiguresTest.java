package io.scalpsignals.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The limit-entry figures counted from a journal written by hand. */
class LimitEntryFiguresTest {

    @TempDir
    Path dir;

    @Test
    void ordersAreCountedByOutcomeAndTheFeesSplitByMakerAndTaker() throws IOException {
        Files.writeString(dir.resolve("settings.json"), "{\"entry_order\":\"limit\",\"maker_fee_pct\":0.0002}");
        Files.write(
                dir.resolve("journal.jsonl"),
                List.of(
                        opened("a", 100.0, 10, "limit entry filled 10 of 10"),
                        opened("b", 50.0, 3, "limit entry filled 3 of 10"),
                        rejected("c", "LIMIT_TIMEOUT"),
                        rejected("d", "LIMIT_CANCELLED"),
                        rejected("e", "NO_QUOTE"),
                        rejected("f", "COOLDOWN"),
                        "{\"event\":\"CLOSED\",\"intent_id\":\"a\",\"reason\":\"TAKE_PROFIT\"}"));

        LimitEntryFigures f = LimitEntryFigures.read(dir, 1.0).orElseThrow();

        // a's entry (closed): 1,000 x 0.0002; b is still open, so not in the trades' fees
        assertThat(f).isEqualTo(new LimitEntryFigures(4, 2, 1, 1, 1, 1, 0.2, 0.8));
        assertThat(f.format())
                .startsWith("limit entries     4 placed: 2 filled (1 in part), 1 timed out, 1 cancelled;"
                        + " fill rate 50.0 %\n");
    }

    @Test
    void aTradeAfterALimitEntryPaysTheMakerFeeInAndTheTakerFeeOut() throws IOException {
        Files.writeString(
                dir.resolve("settings.json"),
                "{\"entry_order\":\"limit\",\"maker_fee_pct\":0.0002,\"fee_pct\":0.00055,"
                        + "\"starting_balance\":10000}");
        Files.write(
                dir.resolve("journal.jsonl"),
                List.of(
                        // 10 at 100: the maker fee 0.2
                        "{\"ts\":1,\"event\":\"OPENED\",\"intent_id\":\"a\",\"symbol\":\"X\",\"action\":\"OPEN_LONG\","
                                + "\"price\":100.0,\"qty\":10.0,\"balance\":9999.8,\"detail\":\"limit entry filled 10 of 10\"}",
                        // out at 110: the taker fee 1,100 x 0.00055 = 0.605
                        "{\"ts\":2,\"event\":\"CLOSED\",\"intent_id\":\"a\",\"symbol\":\"X\",\"action\":\"CLOSE\","
                                + "\"reason\":\"TAKE_PROFIT\",\"price\":110.0,\"qty\":10.0,\"pnl\":99.195,\"roi\":0.1,"
                                + "\"balance\":10099.195}"));

        Backtest b = Backtest.load(dir, dir.resolve("outputs"));

        assertThat(b.trades())
                .singleElement()
                .satisfies(t -> assertThat(t.fees()).isCloseTo(0.805, within(1e-9)));
        assertThat(LimitEntryFigures.read(dir, Summary.of(b).feesPaid()).orElseThrow())
                .satisfies(f -> {
                    assertThat(f.makerFees()).isCloseTo(0.2, within(1e-9));
                    assertThat(f.takerFees()).isCloseTo(0.605, within(1e-9));
                });
    }

    @Test
    void aBacktestOfMarketEntriesHasNone() throws IOException {
        Files.writeString(dir.resolve("settings.json"), "{\"entry_order\":\"market\"}");

        assertThat(LimitEntryFigures.read(dir, 1.0)).isEmpty();
    }

    private static String opened(String id, double price, double qty, String detail) {
        return "{\"event\":\"OPENED\",\"intent_id\":\"" + id + "\",\"price\":" + price + ",\"qty\":" + qty
                + ",\"reason\":null,\"detail\":\"" + detail + "\"}";
    }

    private static String rejected(String id, String reason) {
        return "{\"event\":\"REJECTED\",\"intent_id\":\"" + id + "\",\"reason\":\"" + reason + "\"}";
    }
}
