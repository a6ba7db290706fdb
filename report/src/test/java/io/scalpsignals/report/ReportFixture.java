package io.scalpsignals.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A small backtest written by hand: four signals, three trades (a wins 50, b loses 100, c wins 30),
 * a rejection, three blocked candidates and an hour of feature records; ReportTest's expected
 * figures are worked out from these lines.
 */
final class ReportFixture {

    static final long T0 = 1_700_000_000_000L;

    private ReportFixture() {}

    /** Writes the backtest into {@code dir}. */
    static void write(Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path outputs = Files.createDirectories(dir.resolve("backfill"));
        Files.write(
                outputs.resolve("signals.jsonl"),
                List.of(
                        signal("a", "momentum_burst", "OPEN_LONG", 0, 100.0),
                        signal("b", "breakout", "OPEN_SHORT", 600_000, 101.0),
                        signal("c", "breakout", "OPEN_LONG", 1_200_000, 99.0),
                        signal("d", "vwap_rejection", "OPEN_LONG", 1_800_000, 100.0)));
        Files.write(
                outputs.resolve("blocked.jsonl"),
                List.of(
                        "{\"symbol\":\"X\",\"ts\":" + T0 + ",\"reason\":\"MIN_INTERVAL\"}",
                        "{\"symbol\":\"X\",\"ts\":" + T0 + ",\"reason\":\"MIN_INTERVAL\"}",
                        "{\"symbol\":\"X\",\"ts\":" + T0 + ",\"reason\":\"SPREAD\"}"));
        StringBuilder features = new StringBuilder();
        for (int i = 0; i <= 3_600; i++) {
            double p = 100 + Math.sin(i / 100.0);
            features.append("{\"symbol\":\"X\",\"ts\":")
                    .append(T0 + i * 1000L)
                    .append(",\"price\":")
                    .append(p)
                    .append(
                            ",\"vwap\":100.0,\"vwap_upper_1\":100.5,\"vwap_lower_1\":99.5,\"vwap_upper_2\":101.0,\"vwap_lower_2\":99.0}\n");
        }
        Files.writeString(outputs.resolve("features.jsonl"), features);
        // wallet: 10000 → a wins 50 → b loses 100 → c wins 30; d rejected
        Files.write(
                dir.resolve("journal.jsonl"),
                List.of(
                        journal(0, "OPENED", "a", "OPEN_LONG", null, 100.0, null, null, 9_999.0),
                        journal(300_000, "CLOSED", "a", "CLOSE", "TAKE_PROFIT", 101.0, 50.0, 0.05, 10_049.0),
                        journal(600_000, "OPENED", "b", "OPEN_SHORT", null, 101.0, null, null, 10_048.0),
                        journal(900_000, "CLOSED", "b", "CLOSE", "STOP_LOSS", 102.0, -100.0, -0.1, 9_948.0),
                        journal(1_200_000, "OPENED", "c", "OPEN_LONG", null, 99.0, null, null, 9_947.0),
                        journal(2_100_000, "CLOSED", "c", "CLOSE", "TIME_EXIT", 99.5, 30.0, 0.02, 9_977.0),
                        journal(1_800_000, "REJECTED", "d", "OPEN_LONG", "ALREADY_OPEN", 100.0, null, null, 9_947.0)));
    }

    private static String signal(String id, String trigger, String action, long offset, double price) {
        return "{\"intent_id\":\"" + id + "\",\"symbol\":\"X\",\"action\":\"" + action + "\",\"trigger\":\"" + trigger
                + "\",\"ts\":" + (T0 + offset) + ",\"price\":" + price + "}";
    }

    private static String journal(
            long offset,
            String event,
            String id,
            String action,
            String reason,
            double price,
            Double pnl,
            Double roi,
            double balance) {
        return "{\"ts\":" + (T0 + offset) + ",\"event\":\"" + event + "\",\"intent_id\":\"" + id
                + "\",\"symbol\":\"X\",\"action\":\""
                + action + "\",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + ",\"price\":" + price
                + ",\"qty\":1.0,\"pnl\":" + pnl + ",\"roi\":" + roi + ",\"balance\":" + balance + "}";
    }
}
