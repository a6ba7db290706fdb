package io.scalpsignals.testing;

import io.scalpsignals.model.Tick;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;

import org.junit.jupiter.api.Assumptions;

import javax.annotation.Nullable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real trade files of {@code ../shared/data} (see its SOURCES.md), located through the
 * {@code scalp.shared.data} system property that the build sets, and the demo's trades that the
 * build unpacks. A test that needs a missing file is skipped, with the reason, in a clone that has
 * no {@code shared/} beside it, unless the environment variable {@value #REQUIRE} is {@code
 * true}: then it fails, so that a suite cannot pass by skipping ({@code .ci/run} sets it).
 */
public final class SharedData {

    /** Binance USD-M futures BTCUSDT, 9,999 trades, tardis CSV. */
    public static final String TARDIS_BTCUSDT = "binance-futures_BTCUSDT_trades_20200222_tardis.csv";

    /** Binance spot XRP/ETH, 12,477 trades, freqtrade gzipped JSON array. */
    public static final String FREQTRADE_XRP_ETH = "XRP_ETH-trades.json.gz";

    /** The environment variable that turns a missing data file from a skip into a failure. */
    public static final String REQUIRE = "SCALP_REQUIRE_DATA";

    private SharedData() {}

    /**
     * The path of a shared data file.
     *
     * @throws org.opentest4j.TestAbortedException (a skip) when it is absent
     * @throws AssertionError instead when {@value #REQUIRE} is {@code true}
     */
    public static Path file(String name) {
        return present(
                Path.of(System.getProperty("scalp.shared.data", "../shared/data"), name), "shared data", required());
    }

    /**
     * {@code file} if it is a regular file; otherwise a skip, or with {@code required} a failure,
     * naming {@code what} and the path (null: its property is not set).
     */
    static Path present(@Nullable Path file, String what, boolean required) {
        if (file == null || !Files.isRegularFile(file)) {
            String why = what + " not found: " + (file == null ? "its path is not set" : file);
            if (required) {
                throw new AssertionError(why + " (" + REQUIRE + "=true: a test that needs data may not skip)");
            }
            Assumptions.abort(why);
        }
        return file;
    }

    private static boolean required() {
        return required(System.getenv());
    }

    /** Whether {@code env} requires data: {@value #REQUIRE} is {@code true} (any case). */
    static boolean required(Map<String, String> env) {
        return Boolean.parseBoolean(env.get(REQUIRE));
    }

    /** The valid ticks of a trade file, in file order (dead letters left out). */
    public static List<Tick> ticks(Path file, TickFormat format) throws IOException {
        List<Tick> out = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
                TickReader reader = TickReader.open(in, file.toString(), format, null)) {
            reader.forEachRemaining(r -> {
                if (r.isAccepted()) {
                    out.add(r.tick());
                }
            });
        }
        return out;
    }

    /** The demo's Bitstamp trades, unpacked by the build; missing: as {@link #file}. */
    public static Path demoTrades() {
        String p = System.getProperty("scalp.demo.data");
        return present(p == null ? null : Path.of(p), "demo trades (scalp.demo.data)", required());
    }
}
