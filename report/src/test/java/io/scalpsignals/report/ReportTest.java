package io.scalpsignals.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's figures on the journal of {@link ReportFixture}, each worked out by hand from its
 * lines; the charts are real PNGs with content; the page is self-contained.
 */
class ReportTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeBacktest() throws IOException {
        ReportFixture.write(dir);
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
        assertThat(s.sharpe())
                .as("under %d trades", Summary.MIN_TRADES_FOR_SHARPE)
                .isNaN();
    }

    @Test
    void theTradersFiguresAreTheJournals() throws IOException {
        Backtest b = Backtest.load(dir, dir.resolve("backfill"));
        Summary s = Summary.of(b);

        assertThat(s.profitFactor()).isCloseTo((50.0 + 30.0) / 100.0, within(1e-12));
        assertThat(s.expectancy()).isCloseTo((50 - 100 + 30) / 3.0, within(1e-9));
        assertThat(s.avgWin()).isCloseTo(40.0, within(1e-9));
        assertThat(s.avgLoss()).isCloseTo(-100.0, within(1e-9));
        // each entry fee is the balance's drop at OPENED (1.0), the exit fee that rate at the exit price
        assertThat(s.feesPaid()).isCloseTo((1 + 101 / 100.0) + (1 + 102 / 101.0) + (1 + 99.5 / 99.0), within(1e-9));
        // held 300 + 300 + 900 s of the features' 3,600 s
        assertThat(s.exposure()).isCloseTo(1_500 / 3_600.0, within(1e-12));
        assertThat(s.tradesPerDay()).isCloseTo(3 / (3_600 / 86_400.0), within(1e-9));
        assertThat(s.sortino()).isNaN();
        assertThat(Summary.bySymbol(b)).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("X");
            assertThat(r.pnl()).isCloseTo(-20.0, within(1e-9));
        });
        assertThat(Summary.byExitReason(b))
                .extracting(Summary.GroupRow::key)
                .containsExactly("STOP_LOSS", "TAKE_PROFIT", "TIME_EXIT");
    }

    @Test
    void sortinoIsTheMeanOverTheDownsideDeviationOfTradeReturns() {
        List<Backtest.Trade> t = List.of(trade(0.02), trade(-0.01), trade(0.03), trade(0.01), trade(0.0));
        assertThat(Summary.sortino(t)).isCloseTo(0.01 / Math.sqrt(0.0001 / 5), within(1e-12));
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

        assertThat(rows)
                .extracting(Summary.TriggerRow::trigger)
                .containsExactly("breakout", "momentum_burst", "vwap_rejection");
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
    void aBacktestWithLimitEntriesShowsTheirFigures(@TempDir Path limit) throws IOException {
        ReportFixture.write(limit);
        Files.writeString(limit.resolve("settings.json"), "{\"entry_order\":\"limit\",\"maker_fee_pct\":0.0002}");

        String html = Files.readString(HtmlReport.write(Backtest.load(limit, limit.resolve("backfill"))));

        assertThat(html).contains("<h2>Limit entries</h2>").contains("<tr><td>fill rate</td><td>n/a</td></tr>");
        assertThat(Files.readString(HtmlReport.write(Backtest.load(dir, dir.resolve("backfill")))))
                .doesNotContain("Limit entries");
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
            assertThat(drawn)
                    .as(name + " non-white pixels")
                    .isGreaterThan(image.getWidth() * image.getHeight() / 4 / 50);
        }
        String html = Files.readString(report);
        assertThat(html)
                .contains(
                        "<td>trades</td><td>3 (72.00 per day)</td>",
                        "<td>win rate</td><td>66.7 %</td>",
                        "<td>PnL (quote units, after fees)</td><td>-20.00</td>",
                        "<td>profit factor</td><td>0.80</td>",
                        "<td>MIN_INTERVAL</td><td>2</td>",
                        "<td>TIME_EXIT</td><td>1</td>");
        // exits by reason per trigger as words and counts, not a Java map
        assertThat(html).contains("<td>STOP_LOSS 1, TIME_EXIT 1</td>").doesNotContain("{STOP_LOSS=");
        assertThat(html.split("src=\"data:image/png;base64,", -1)).hasSize(5);
        // one file that opens offline: the charts' script and style inline, nothing loaded from elsewhere
        assertThat(html).doesNotContain("src=\"http", "href=\"http", "@import", "<link", "<script src");
        assertThat(html)
                .contains(
                        "var uPlot=",
                        "<div id=\"price-chart\"",
                        "<div id=\"equity-chart\"",
                        "<div id=\"drawdown-chart\"");
    }

    private static Backtest.Trade trade(double roi) {
        return new Backtest.Trade("i", "X", "breakout", "OPEN_LONG", 0, 1, 1, 1, roi, roi, "TAKE_PROFIT", 0);
    }
}
