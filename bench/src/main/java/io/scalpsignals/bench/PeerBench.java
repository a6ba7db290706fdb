package io.scalpsignals.bench;

import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;
import io.scalpsignals.sinks.source.InputFile;
import io.scalpsignals.sinks.source.TickFileSource;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.table.api.Schema;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.WilliamsRIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.HighPriceIndicator;
import org.ta4j.core.indicators.helpers.HighestValueIndicator;
import org.ta4j.core.indicators.helpers.LowPriceIndicator;
import org.ta4j.core.indicators.helpers.LowestValueIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Peers on the same trades. <b>ta4j</b> (0.15, the last line on Java 17): 15-s bars built from the
 * trades with {@code addTrade}, and at every bar close the bar indicators of SPEC.md §3 (RSI 7,
 * EMA 3/5/8, Williams %R 7, Donchian 20 high and low, VWAP 20 and 50), double numbers. <b>Flink
 * SQL</b>: the windowed part as a query, per symbol the VWAP and the volume over a 300-s window
 * sliding every 15 s ({@code HOP}), from the same file source, to a discarding sink.
 */
public final class PeerBench {

    /**
     * Ticks per second of a peer.
     *
     * @param checksum a sum over the outputs, returned so the work cannot be optimised away (0 for SQL)
     */
    public record Result(String name, long ticks, long nanos, long outputs, double checksum) {
        public double ticksPerSecond() {
            return ticks / (nanos / 1e9);
        }
    }

    private PeerBench() {}

    /** ta4j over {@code ticks} in memory, single thread, like the floor. */
    public static Result ta4j(List<Tick> ticks) {
        Map<String, Series> series = new HashMap<>();
        long outputs = 0;
        double checksum = 0;
        long start = System.nanoTime();
        for (Tick t : ticks) {
            Series s = series.computeIfAbsent(t.symbol(), Series::new);
            long barEnd = Math.floorDiv(t.ts(), 15_000L) * 15_000L + 15_000L;
            if (barEnd != s.barEnd) {
                if (s.barEnd != Long.MIN_VALUE) {
                    checksum += s.indicatorsOfLastBar();
                    outputs++;
                }
                s.series.addBar(
                        Duration.ofSeconds(15), ZonedDateTime.ofInstant(Instant.ofEpochMilli(barEnd), ZoneOffset.UTC));
                s.barEnd = barEnd;
            }
            s.series.addTrade(t.size(), t.price());
        }
        long nanos = System.nanoTime() - start;
        return new Result("ta4j 0.15 bar indicators", ticks.size(), nanos, outputs, checksum);
    }

    /** One symbol's ta4j series and indicators. */
    private static final class Series {
        final BarSeries series;
        final RSIIndicator rsi;
        final EMAIndicator ema3;
        final EMAIndicator ema5;
        final EMAIndicator ema8;
        final WilliamsRIndicator willr;
        final HighestValueIndicator high20;
        final LowestValueIndicator low20;
        final VWAPIndicator vwap20;
        final VWAPIndicator vwap50;
        long barEnd = Long.MIN_VALUE;

        Series(String symbol) {
            series = new BaseBarSeriesBuilder()
                    .withName(symbol)
                    .withNumTypeOf(DoubleNum.class)
                    .build();
            series.setMaximumBarCount(200);
            ClosePriceIndicator close = new ClosePriceIndicator(series);
            rsi = new RSIIndicator(close, 7);
            ema3 = new EMAIndicator(close, 3);
            ema5 = new EMAIndicator(close, 5);
            ema8 = new EMAIndicator(close, 8);
            willr = new WilliamsRIndicator(series, 7);
            high20 = new HighestValueIndicator(new HighPriceIndicator(series), 20);
            low20 = new LowestValueIndicator(new LowPriceIndicator(series), 20);
            vwap20 = new VWAPIndicator(series, 20);
            vwap50 = new VWAPIndicator(series, 50);
        }

        double indicatorsOfLastBar() {
            int i = series.getEndIndex();
            double sum = 0;
            for (Num n : new Num[] {
                rsi.getValue(i),
                ema3.getValue(i),
                ema5.getValue(i),
                ema8.getValue(i),
                willr.getValue(i),
                high20.getValue(i),
                low20.getValue(i),
                vwap20.getValue(i),
                vwap50.getValue(i)
            }) {
                sum += n.isNaN() ? 0 : n.doubleValue();
            }
            return sum;
        }
    }

    /**
     * The Flink SQL query over a trade file, embedded, at {@code parallelism}.
     *
     * @param ticks the file's accepted ticks (for the rate)
     */
    public static Result flinkSql(Path input, long ticks, int parallelism) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CoreOptions.DEFAULT_PARALLELISM, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        DataStream<Row> rows = env.fromSource(
                        new TickFileSource(
                                List.of(new InputFile(input.toAbsolutePath().toString(), TickFormat.AUTO, null))),
                        WatermarkStrategy.<ReadResult>forMonotonousTimestamps()
                                .withTimestampAssigner(
                                        (r, t) -> r.isAccepted() ? r.tick().ts() : t),
                        "ticks")
                .setParallelism(1)
                .filter(ReadResult::isAccepted)
                .map(r -> Row.of(
                        r.tick().symbol(),
                        r.tick().ts(),
                        r.tick().price(),
                        r.tick().size()))
                .returns(Types.ROW_NAMED(
                        new String[] {"symbol", "ts", "price", "size"},
                        Types.STRING,
                        Types.LONG,
                        Types.DOUBLE,
                        Types.DOUBLE));
        tables.createTemporaryView(
                "ticks",
                tables.fromDataStream(
                        rows,
                        Schema.newBuilder()
                                .columnByExpression("rt", "TO_TIMESTAMP_LTZ(ts, 3)")
                                .watermark("rt", "SOURCE_WATERMARK()")
                                .build()));
        Table windows =
                tables.sqlQuery("SELECT symbol, window_end, SUM(price * size) / SUM(size) AS vwap, SUM(size) AS volume "
                        + "FROM TABLE(HOP(TABLE ticks, DESCRIPTOR(rt), INTERVAL '15' SECOND, INTERVAL '5' MINUTE)) "
                        + "GROUP BY symbol, window_start, window_end");
        tables.toDataStream(windows).sinkTo(new DiscardingSink<>());
        JobExecutionResult result = env.execute("peer: flink sql windows");
        return new Result(
                "Flink SQL HOP 300 s / 15 s VWAP+volume, p" + parallelism,
                ticks,
                result.getNetRuntime() * 1_000_000L,
                0,
                0);
    }

    /** Reads a trade file into memory (accepted ticks only). */
    public static List<Tick> load(Path input) throws Exception {
        List<Tick> ticks = new ArrayList<>();
        try (InputStream in = Files.newInputStream(input);
                TickReader reader = TickReader.open(in, input.toString(), TickFormat.AUTO, null)) {
            while (reader.hasNext()) {
                ReadResult r = reader.next();
                if (r.isAccepted()) {
                    ticks.add(r.tick());
                }
            }
        }
        return ticks;
    }
}
