package io.scalpsignals.report;

import static org.assertj.core.api.Assertions.assertThat;

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
