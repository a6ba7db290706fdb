package io.scalpsignals.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.scalpsignals.testing.Command;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code report.html} rendered by headless Chromium (Debian's package, installed by {@code
 * deploy/local/chromium.sh install}): it loads with no console message of any level, the
 * screenshot shows the charts (many colours, not a blank or table-only page), and the zoomable
 * charts are drawn and zoom down to single ticks. A page with a script error is caught by the same
 * check.
 */
class ReportChromiumITCase {

    private static final Path ROOT =
            Path.of(System.getProperty("scalp.root", "..")).toAbsolutePath().normalize();

    @TempDir
    static Path dir;

    private record Render(String log, BufferedImage screenshot) {}

    @BeforeAll
    static void installChromium() throws Exception {
        Command install = Command.run(
                ROOT,
                Map.of(),
                Duration.ofMinutes(10),
                "bash",
                ROOT.resolve("deploy/local/chromium.sh").toString(),
                "install");
        assertThat(install.code()).as(install.output()).isZero();
    }

    @Test
    void theReportLoadsWithoutConsoleMessagesAndShowsItsCharts() throws Exception {
        ReportFixture.write(dir);
        Path page = HtmlReport.write(Backtest.load(dir, dir.resolve("backfill")));

        Render r = render(page, "report");

        assertThat(consoleLines(r.log())).isEmpty();
        assertThat(colours(r.screenshot())).isGreaterThan(200);
    }

    @Test
    void theZoomableChartsAreDrawnAndZoomToSingleTicks() throws Exception {
        ReportFixture.write(dir);
        Path page = HtmlReport.write(Backtest.load(dir, dir.resolve("backfill")));
        long t0 = ReportFixture.T0 / 1000;

        String whole = dumpDom(page.toUri().toString(), "whole");
        String zoomed = dumpDom(page.toUri() + "#zoom=" + (t0 + 100) + "," + (t0 + 110), "zoomed");

        // the fixture's chart symbol has a tick every second for an hour: 3,601 in all
        assertThat(chart(whole, "price-chart")).contains("data-visible-points=\"3601\"");
        assertThat(chart(zoomed, "price-chart"))
                .contains("data-x-range=\"" + (t0 + 100) + "," + (t0 + 110) + "\"", "data-visible-points=\"11\"");
        assertThat(chart(zoomed, "equity-chart")).contains("data-x-range=\"" + (t0 + 100) + "," + (t0 + 110) + "\"");
        for (String id : new String[] {"price-chart", "equity-chart", "drawdown-chart"}) {
            assertThat(chart(whole, id)).as(id).contains("class=\"uplot", "<canvas");
        }
    }

    /** The element with id {@code id} and what it holds, up to the next chart. */
    private static String chart(String dom, String id) {
        int start = dom.indexOf("id=\"" + id + "\"");
        assertThat(start).as(id + " in the page").isPositive();
        int end = dom.indexOf("<div id=\"", start);
        return dom.substring(start, end < 0 ? Math.min(dom.length(), start + 20_000) : end);
    }

    /** The DOM after {@code url} loaded and its scripts ran. */
    private static String dumpDom(String url, String name) throws IOException, InterruptedException {
        Path out = dir.resolve(name + "-dom.html");
        Process p = new ProcessBuilder(
                        "chromium",
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                        "--window-size=1280,2400",
                        "--dump-dom",
                        url)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .redirectOutput(out.toFile())
                .start();
        boolean finished;
        try {
            finished = p.waitFor(2, TimeUnit.MINUTES);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertThat(finished).as("chromium finished").isTrue();
        assertThat(p.exitValue()).isZero();
        return Files.readString(out);
    }

    @Test
    void theCheckCatchesAPageWithAScriptError() throws Exception {
        Path page = Files.writeString(
                dir.resolve("broken.html"),
                "<!DOCTYPE html><html><body><p>x</p><script>undefinedFunction();</script></body></html>");

        Render r = render(page, "broken");

        assertThat(consoleLines(r.log())).anySatisfy(l -> assertThat(l).contains("undefinedFunction is not defined"));
        assertThat(colours(r.screenshot())).isLessThan(20);
    }

    private static List<String> consoleLines(String log) {
        return log.lines().filter(l -> l.contains(":CONSOLE")).toList();
    }

    private static int colours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    /** Loads {@code page} in headless Chromium (flags as the machine's probe uses them), logging at INFO. */
    private static Render render(Path page, String name) throws IOException, InterruptedException {
        Path shot = dir.resolve(name + "-screenshot.png");
        Path log = dir.resolve(name + "-chromium.log");
        Process p = new ProcessBuilder(
                        "chromium",
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                        "--enable-logging=stderr",
                        "--log-level=0",
                        "--window-size=1280,2400",
                        "--screenshot=" + shot,
                        page.toUri().toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished;
        try {
            finished = p.waitFor(2, TimeUnit.MINUTES);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly); // renderer and GPU processes, if it hung
            p.destroyForcibly();
        }
        assertThat(finished).as("chromium finished").isTrue();
        String text = Files.readString(log);
        assertThat(p.exitValue()).as(text).isZero();
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).as("screenshot").isNotNull();
        return new Render(text, image);
    }
}
