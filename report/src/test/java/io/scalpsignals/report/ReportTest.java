package io.scalpsignals.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

/**
 * The report's figures on a journal written in the test, each recomputed here by hand from the
 * lines below; the charts are real PNGs with content; the page is self-contained.
 */
class ReportTest {

    @TempDir static Path dir;

    static final long T0 = 1_700_000_000_000L;

    @BeforeAll
    static void writeBacktest() throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path outputs = Files.createDirectories(dir.resolve("backfill"));
        Files.write(outputs.resolve("signals.jsonl"), List.of(
                signal("a", "momentum_burst", "OPEN_LONG", 0, 100.0),
                signal("b", "breakout", "OPEN_SHORT", 600_000, 101.0),
                signal("c", "breakout", "OPEN_LONG", 1_200_000, 99.0),
                signal("d", "vwap_rejection", "OPEN_LONG", 1_800_000, 100.0)));
        Files.write(outputs.resolve("blocked.jsonl"), List.of(
                "{\"symbol\":\"X\",\"ts\":" + T0 + ",\"reason\":\"MIN_INTERVAL\"}",
                "{\"symbol\":\"X\",\"ts\":" + T0 + ",\"reason\":\"MIN_INTERVAL\"}",
                "{\"symbol\":\"X\",\"ts\":" + T0 + ",\"reason\":\"SPREAD\"}"));
        StringBuilder features = new StringBuilder();
        for (int i = 0; i <= 3_600; i++) {
            double p = 100 + Math.sin(i / 100.0);
            features.append("{\"symbol\":\"X\",\"ts\":").append(T0 + i * 1000L).append(",\"price\":").append(p)
                    .append(",\"vwap\":100.0,\"vwap_upper_1\":100.5,\"vwap_lower_1\":99.5,\"vwap_upper_2\":101.0,\"vwap_lower_2\":99.0}\n");
        }
        Files.writeString(outputs.resolve("features.jsonl"), features);
        // wallet: 10000 → a wins 50 → b loses 100 → c wins 30; d rejected
        Files.write(dir.resolve("journal.jsonl"), List.of(
                journal(0, "OPENED", "a", "OPEN_LONG", null, 100.0, null, null, 9_999.0),
                journal(300_000, "CLOSED", "a", "CLOSE", "TAKE_PROFIT", 101.0, 50.0, 0.05, 10_049.0),
                journal(600_000, "OPENED", "b", "OPEN_SHORT", null, 101.0, null, null, 10_048.0),
                journal(900_000, "CLOSED", "b", "CLOSE", "STOP_LOSS", 102.0, -100.0, -0.1, 9_948.0),
                journal(1_200_000, "OPENED", "c", "OPEN_LONG", null, 99.0, null, null, 9_947.0),
                journal(2_100_000, "CLOSED", "c", "CLOSE", "TIME_EXIT", 99.5, 30.0, 0.02, 9_977.0),
                journal(1_800_000, "REJECTED", "d", "OPEN_LONG", "ALREADY_OPEN", 100.0, null, null, 9_947.0)));
    }

    @Test
    void theFiguresAreTheJournals() throws IOException {
        Summary s = Summary.of(Backtest.load(dir, dir.resolve("backfill")));

        assertThat(s.trades()).isEqualTo(3);
        assertThat(s.winRate()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(s.pnl()).isCloseTo(50 - 100 + 30, within(1e-9));
        // highest wallet 10049 (after a), lowest after it 9947 (c opened): (10049 - 9947) / 10049
        assertThat(s.maxDrawdown()).isCloseTo((10_049.0 - 9_947.0) / 10_049.0, within(1e-12));
        // held 300 s, 300 s and 900 s
        assertThat(s.avgHoldingSec()).isCloseTo(500.0, within(1e-9));
        // 4 signals over the features' hour (3,600 s)
        assertThat(s.signals()).isEqualTo(4);
        assertThat(s.signalsPerHour()).isCloseTo(4.0, within(1e-9));
        assertThat(s.sharpe()).as("under %d trades", Summary.MIN_TRADES_FOR_SHARPE).isNaN();
    }

    @Test
    void sharpeIsTheMeanOverTheSampleDeviationOfTradeReturns() {
        List<Backtest.Trade> t = List.of(trade(0.02), trade(-0.01), trade(0.03), trade(0.01), trade(0.0));
        double mean = 0.01;
        double sd = Math.sqrt((0.0001 + 0.0004 + 0.0004 + 0 + 0.0001) / 4);
        assertThat(Summary.sharpe(t)).isCloseTo(mean / sd, within(1e-12));
    }

    @Test
    void theTableHasEachTriggerWithItsTradesAndExits() throws IOException {
        List<Summary.TriggerRow> rows = Summary.byTrigger(Backtest.load(dir, dir.resolve("backfill")));

        assertThat(rows).extracting(Summary.TriggerRow::trigger).containsExactly("breakout", "momentum_burst", "vwap_rejection");
        Summary.TriggerRow breakout = rows.get(0);
        assertThat(breakout.signals()).isEqualTo(2);
        assertThat(breakout.trades()).isEqualTo(2);
        assertThat(breakout.winRate()).isEqualTo(0.5);
        assertThat(breakout.avgRoi()).isCloseTo((-0.1 + 0.02) / 2, within(1e-12));
        assertThat(breakout.avgHoldingSec()).isCloseTo(600.0, within(1e-9));
        assertThat(breakout.exitsByReason()).isEqualTo(Map.of("STOP_LOSS", 1L, "TIME_EXIT", 1L));
        assertThat(rows.get(2).trades()).isZero();
        assertThat(rows.get(2).winRate()).isNaN();
    }

    @Test
    void theChartsArePngsWithContentAndThePageStandsAlone() throws IOException {
        Path report = HtmlReport.write(Backtest.load(dir, dir.resolve("backfill")));

        for (String name : List.of("price.png", "equity.png", "pnl.png", "blocked.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertThat(image).as(name).isNotNull();
            Set<Integer> colors = new HashSet<>();
            long drawn = 0;
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    int rgb = image.getRGB(x, y) & 0xFFFFFF;
                    colors.add(rgb);
                    if (rgb != 0xFFFFFF) {
                        drawn++;
                    }
                }
            }
            assertThat(colors).as(name + " colours").hasSizeGreaterThan(20);
            assertThat(drawn).as(name + " non-white pixels").isGreaterThan(image.getWidth() * image.getHeight() / 4 / 50);
        }
        String html = Files.readString(report);
        assertThat(html).contains("<td>trades</td><td>3</td>", "<td>win rate</td><td>66.7 %</td>", "<td>PnL (quote units)</td><td>-20.00</td>",
                "<td>MIN_INTERVAL</td><td>2</td>");
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(5);
        assertThat(html).doesNotContain("http://", "https://", "<script");
    }

    private static Backtest.Trade trade(double roi) {
        return new Backtest.Trade("i", "X", "breakout", "OPEN_LONG", 0, 1, 1, 1, roi, roi, "TAKE_PROFIT");
    }

    private static String signal(String id, String trigger, String action, long offset, double price) {
        return "{\"intent_id\":\"" + id + "\",\"symbol\":\"X\",\"action\":\"" + action + "\",\"trigger\":\"" + trigger
                + "\",\"ts\":" + (T0 + offset) + ",\"price\":" + price + "}";
    }

    private static String journal(long offset, String event, String id, String action, String reason, double price,
            Double pnl, Double roi, double balance) {
        return "{\"ts\":" + (T0 + offset) + ",\"event\":\"" + event + "\",\"intent_id\":\"" + id + "\",\"symbol\":\"X\",\"action\":\""
                + action + "\",\"reason\":" + (reason == null ? "null" : "\"" + reason + "\"") + ",\"price\":" + price
                + ",\"qty\":1.0,\"pnl\":" + pnl + ",\"roi\":" + roi + ",\"balance\":" + balance + "}";
    }
}
