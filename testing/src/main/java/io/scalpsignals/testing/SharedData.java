package io.scalpsignals.testing;

import io.scalpsignals.model.Tick;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real trade files of {@code ../shared/data} (see its SOURCES.md), located through the
 * {@code scalp.shared.data} system property that the build sets. A test that needs them is
 * skipped, with the reason, in a clone that has no {@code shared/} beside it.
 */
public final class SharedData {

    /** Binance USD-M futures BTCUSDT, 9,999 trades, tardis CSV. */
    public static final String TARDIS_BTCUSDT = "binance-futures_BTCUSDT_trades_20200222_tardis.csv";

    /** Binance spot XRP/ETH, 12,477 trades, freqtrade gzipped JSON array. */
    public static final String FREQTRADE_XRP_ETH = "XRP_ETH-trades.json.gz";

    private SharedData() {}

    /** The path of a shared data file; skips the calling test when it is absent. */
    public static Path file(String name) {
        String dir = System.getProperty("scalp.shared.data", "../shared/data");
        Path p = Path.of(dir, name);
        Assumptions.assumeTrue(Files.isRegularFile(p), "shared data file not found: " + p);
        return p;
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

    public static Path demoTrades() {
        String p = System.getProperty("scalp.demo.data", "");
        Assumptions.assumeTrue(!p.isEmpty() && Files.isRegularFile(Path.of(p)), "demo trades not unpacked: " + p);
        return Path.of(p);
    }
}
