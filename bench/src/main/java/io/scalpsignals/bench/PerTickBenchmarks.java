package io.scalpsignals.bench;

import io.scalpsignals.model.Action;
import io.scalpsignals.model.Bar;
import io.scalpsignals.model.ReadResult;
import io.scalpsignals.model.Tick;
import io.scalpsignals.model.TickFeatures;
import io.scalpsignals.model.json.JsonLines;
import io.scalpsignals.model.read.TickFormat;
import io.scalpsignals.model.read.TickReader;
import io.scalpsignals.testing.SyntheticTicks;
import io.scalpsignals.udf.config.FeatureConfig;
import io.scalpsignals.udf.config.StrategyConfig;
import io.scalpsignals.udf.features.FeatureCalculator;
import io.scalpsignals.udf.triggers.Triggers;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * JMH benchmarks of the per-tick functions, each over the same 200,000 synthetic ticks of 50
 * symbols: features and bars ({@link FeatureCalculator}, in-memory state), the momentum trigger,
 * the feature record's JSON, and reading csv lines into validated ticks. Run by {@code bin/bench
 * jmh}; results per tick in BENCHMARKS.md.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PerTickBenchmarks {

    static final int TICKS = 200_000;

    private List<Tick> ticks;
    private TickFeatures[] features;
    private byte[] csv;
    private final StrategyConfig config = StrategyConfig.defaults();

    @Setup(Level.Trial)
    public void generate() throws IOException {
        ticks = new SyntheticTicks(50, 2_000, 11, 1_700_000_000_000L).list(TICKS);
        features = new TickFeatures[TICKS];
        FeatureCalculator engine = new FeatureCalculator(FeatureConfig.defaults());
        Map<String, Floor.Slot> slots = new HashMap<>();
        for (int i = 0; i < TICKS; i++) {
            Tick t = ticks.get(i);
            Floor.Slot s = slots.computeIfAbsent(t.symbol(), k -> new Floor.Slot(engine.newState()));
            engine.onTick(t, s.state, s.store, s.store);
            features[i] = engine.features(t, s.state);
        }
        StringBuilder b = new StringBuilder("symbol,ts,price,size,side\n");
        for (Tick t : ticks) {
            b.append(t.symbol())
                    .append(',')
                    .append(t.ts())
                    .append(',')
                    .append(t.price())
                    .append(',')
                    .append(t.size())
                    .append(',')
                    .append(t.side())
                    .append('\n');
        }
        csv = b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** SPEC §2–§3 for every tick, state from scratch each invocation (the floor's loop). */
    @Benchmark
    @OperationsPerInvocation(TICKS)
    public void featuresAndBars(Blackhole bh) {
        FeatureCalculator engine = new FeatureCalculator(FeatureConfig.defaults());
        Map<String, Floor.Slot> slots = new HashMap<>();
        for (Tick t : ticks) {
            Floor.Slot s = slots.computeIfAbsent(t.symbol(), k -> new Floor.Slot(engine.newState()));
            Bar closed = engine.onTick(t, s.state, s.store, s.store);
            if (closed != null) {
                bh.consume(closed);
            }
            bh.consume(engine.features(t, s.state));
        }
    }

    /** The momentum_burst condition (SPEC §4) on each tick's features. */
    @Benchmark
    @OperationsPerInvocation(TICKS)
    public void momentumTrigger(Blackhole bh) {
        for (TickFeatures f : features) {
            Action a = Triggers.momentumBurst(f, config);
            bh.consume(a);
        }
    }

    /** The feature record as UTF-8 JSON, as the features sink writes it. */
    @Benchmark
    @OperationsPerInvocation(TICKS)
    public void featuresJson(Blackhole bh) {
        for (TickFeatures f : features) {
            bh.consume(JsonLines.toJsonBytes(f, JsonLines.FEATURES));
        }
    }

    /** csv lines to validated ticks (SPEC §1), as the file source reads them. */
    @Benchmark
    @OperationsPerInvocation(TICKS)
    public void readCsv(Blackhole bh) throws IOException {
        try (TickReader reader = TickReader.open(new ByteArrayInputStream(csv), "bench.csv", TickFormat.CSV, null)) {
            while (reader.hasNext()) {
                ReadResult r = reader.next();
                bh.consume(r);
            }
        }
    }
}
