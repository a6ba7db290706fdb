package io.scalpsignals.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.annotation.Nullable;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * What a backtest produced, read back: the executor's journal ({@code DIR/journal.jsonl}, SPEC.md
 * §7), the job's signals and blocked candidates ({@code OUTPUTS/signals.jsonl}, {@code
 * OUTPUTS/blocked.jsonl}, §6) and, for the price chart, its feature records ({@code
 * OUTPUTS/features.jsonl}, optional). {@code OUTPUTS} is {@code DIR/backfill} for {@code scalp
 * backtest}, the demo's output directory for the demo.
 *
 * @param trades closed positions in journal order, each joined with its opening and its signal
 * @param balanceTs the executor clock of each journal line, epoch ms
 * @param balances the wallet after each journal line, quote units
 * @param signals every signal by intent id
 * @param blockedByReason blocked candidates by reason
 * @param firstTs the first tick's {@code ts} (features) or the first journal line's, epoch ms
 * @param lastTs the last one's
 * @param chartSymbol the symbol of the price chart: the one with the most signals (ties: the first
 *     by name), else the first trade's; null when there is neither
 * @param chartRows its feature records as {@code [ts, price, vwap, +1σ, -1σ, +2σ, -2σ]} (NaN where
 *     undefined), in file order; empty without features
 * @param settings the executor settings and latency the replay ran with ({@code settings.json},
 *     written by {@code executor replay --settings-out}); empty when the directory has none
 * @param dir the backtest directory (journal, report)
 * @param outputs the job's output directory
 */
public record Backtest(
        List<Trade> trades,
        List<Long> balanceTs,
        List<Double> balances,
        Map<String, Signal> signals,
        Map<String, Long> blockedByReason,
        long firstTs,
        long lastTs,
        @Nullable String chartSymbol,
        List<double[]> chartRows,
        Map<String, JsonNode> settings,
        Path dir,
        Path outputs) {

    /** SPEC.md §7's starting balance, for a backtest without {@code settings.json}. */
    static final double DEFAULT_STARTING_BALANCE = 10_000;

    /** A signal as the report needs it. */
    public record Signal(String intentId, String symbol, String trigger, String action, long ts, double price) {}

    /**
     * A closed position.
     *
     * @param pnl realized PnL after both fees, quote units
     * @param roi leveraged ROI at the exit, fraction
     * @param exitReason STOP_LOSS, TAKE_PROFIT, TRAILING_STOP, TIME_EXIT or CLOSE_SIGNAL
     * @param fees both fees, quote units: the entry fee is the balance's drop at the OPENED line,
     *     the exit fee the same rate on the exit price, or {@code fee_pct} of the exit's notional
     *     after a limit entry (whose maker fee is another rate); NaN when the open is not in the
     *     journal
     */
    public record Trade(
            String intentId,
            String symbol,
            String trigger,
            String action,
            long openTs,
            double entryPrice,
            long closeTs,
            double exitPrice,
            double pnl,
            double roi,
            String exitReason,
            double fees) {
        public long holdingMs() {
            return closeTs - openTs;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads {@code dir} and {@code outputs}; missing signal, blocked or feature files count as empty. */
    public static Backtest load(Path dir, Path outputs) throws IOException {
        Map<String, Signal> signals = new HashMap<>();
        lines(
                outputs.resolve("signals.jsonl"),
                n -> signals.put(
                        n.get("intent_id").asText(),
                        new Signal(
                                n.get("intent_id").asText(),
                                n.get("symbol").asText(),
                                n.get("trigger").asText(),
                                n.get("action").asText(),
                                n.get("ts").asLong(),
                                n.get("price").asDouble())));
        Map<String, Long> blocked = new TreeMap<>();
        lines(
                outputs.resolve("blocked.jsonl"),
                n -> blocked.merge(n.get("reason").asText(), 1L, Long::sum));

        Map<String, JsonNode> settings = new LinkedHashMap<>();
        if (Files.isRegularFile(dir.resolve("settings.json"))) {
            JSON.readTree(dir.resolve("settings.json").toFile())
                    .fields()
                    .forEachRemaining(e -> settings.put(e.getKey(), e.getValue()));
        }
        double starting = settings.containsKey("starting_balance")
                ? settings.get("starting_balance").asDouble()
                : DEFAULT_STARTING_BALANCE;
        Map<String, JsonNode> opened = new HashMap<>();
        Map<String, Double> entryFees = new HashMap<>();
        List<Trade> trades = new ArrayList<>();
        List<Long> ts = new ArrayList<>();
        List<Double> balances = new ArrayList<>();
        lines(dir.resolve("journal.jsonl"), n -> {
            double before = balances.isEmpty() ? starting : balances.get(balances.size() - 1);
            ts.add(n.get("ts").asLong());
            balances.add(n.get("balance").asDouble());
            String event = n.get("event").asText();
            String id = n.path("intent_id").asText(null);
            if (event.equals("OPENED")) {
                opened.put(id, n);
                entryFees.put(id, before - n.get("balance").asDouble());
            } else if (event.equals("CLOSED")) {
                JsonNode open = opened.get(id);
                Signal s = signals.get(id);
                double entryFee = entryFees.getOrDefault(id, Double.NaN);
                double fees;
                if (open == null) {
                    fees = Double.NaN;
                } else if (open.path("detail").asText().startsWith("limit entry") && settings.containsKey("fee_pct")) {
                    // a maker entry, a taker exit: fee_pct of the exit's notional
                    fees = entryFee
                            + n.get("qty").asDouble()
                                    * n.get("price").asDouble()
                                    * settings.get("fee_pct").asDouble();
                } else {
                    fees = entryFee
                            * (1 + n.get("price").asDouble() / open.get("price").asDouble());
                }
                trades.add(new Trade(
                        id,
                        n.get("symbol").asText(),
                        s == null ? "unknown" : s.trigger(),
                        open == null ? "unknown" : open.get("action").asText(),
                        open == null ? n.get("ts").asLong() : open.get("ts").asLong(),
                        open == null ? Double.NaN : open.get("price").asDouble(),
                        n.get("ts").asLong(),
                        n.get("price").asDouble(),
                        n.get("pnl").asDouble(),
                        n.get("roi").asDouble(),
                        n.get("reason").asText(),
                        fees));
            }
        });
        String chartSymbol = signals.values().stream()
                .collect(Collectors.groupingBy(Signal::symbol, Collectors.counting()))
                .entrySet()
                .stream()
                .max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey)
                .orElseGet(() -> trades.isEmpty() ? null : trades.get(0).symbol());
        long[] span = {Long.MAX_VALUE, Long.MIN_VALUE};
        List<double[]> chartRows = new ArrayList<>();
        lines(
                outputs.resolve("features.jsonl"),
                n -> { // one pass over the largest file: the span and the chart's rows
                    long t = n.get("ts").asLong();
                    span[0] = Math.min(span[0], t);
                    span[1] = Math.max(span[1], t);
                    if (n.get("symbol").asText().equals(chartSymbol)) {
                        chartRows.add(new double[] {
                            t,
                            n.get("price").asDouble(),
                            num(n.get("vwap")),
                            num(n.get("vwap_upper_1")),
                            num(n.get("vwap_lower_1")),
                            num(n.get("vwap_upper_2")),
                            num(n.get("vwap_lower_2"))
                        });
                    }
                });
        if (span[0] == Long.MAX_VALUE) {
            ts.forEach(t -> {
                span[0] = Math.min(span[0], t);
                span[1] = Math.max(span[1], t);
            });
        }
        return new Backtest(
                trades,
                ts,
                balances,
                signals,
                blocked,
                span[0],
                span[1],
                chartSymbol,
                chartRows,
                settings,
                dir,
                outputs);
    }

    /** A feature value, NaN for null (undefined). */
    private static double num(@Nullable JsonNode n) {
        return n == null || n.isNull() ? Double.NaN : n.asDouble();
    }

    /** Calls {@code each} with every JSON line of {@code file}, if it exists. */
    static void lines(Path file, Consumer<JsonNode> each) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    try {
                        each.accept(JSON.readTree(line));
                    } catch (IOException e) {
                        throw new UncheckedIOException(file + ": " + e.getMessage(), e);
                    }
                }
            }
        }
    }
}
