package io.scalpsignals.model.read;

import java.util.Locale;

/**
 * Encodings of trade files accepted by the readers (SPEC.md §1 and §8).
 *
 * <ul>
 *   <li>{@link #CSV}: a header naming {@code symbol, ts, price, size} and optionally {@code side,
 *       bid, ask, bid_size, ask_size} in any order; {@code ts} in epoch ms.
 *   <li>{@link #JSONL}: one JSON object per line with the same field names.
 *   <li>{@link #BITSTAMP}: {@code timestamp} (epoch seconds), {@code price}, {@code amount}, the
 *       layout of {@code bitstamp_trades_from_20131125_usd.csv} in {@code
 *       org.ta4j:ta4j-examples}.
 *   <li>{@link #TARDIS}: {@code exchange,symbol,timestamp,local_timestamp,id,side,price,amount}
 *       with {@code timestamp} in epoch microseconds (tardis.dev trade CSV).
 *   <li>{@link #FREQTRADE}: a JSON array of {@code [timestamp_ms, id, type, side, price, amount,
 *       cost]} arrays (freqtrade's trades download).
 *   <li>{@link #BYBIT}: Bybit's public daily trade archive ({@code public.bybit.com/trading/}):
 *       {@code timestamp,symbol,side,size,price,...} with {@code timestamp} in epoch seconds with a
 *       fraction, {@code side} {@code Buy} or {@code Sell}.
 *   <li>{@link #BINANCE_AGGTRADES}: Binance's daily aggregated trades ({@code data.binance.vision},
 *       USD-M futures {@code aggTrades}): {@code agg_trade_id,price,quantity,first_trade_id,
 *       last_trade_id,transact_time,is_buyer_maker} (older files without the header), {@code
 *       transact_time} in epoch ms; the side is the taker's ({@code is_buyer_maker} true: a sell);
 *       the symbol from the file name ({@code BTCUSDT-aggTrades-2024-01-01}) unless given.
 *   <li>{@link #AUTO}: decided per file from its name and first bytes, see {@link
 *       FormatDetector}.
 * </ul>
 *
 * Any of them may be gzip-compressed or the single entry of a zip archive (as Binance publishes
 * them); compression is recognised by its magic bytes.
 */
public enum TickFormat {
    AUTO,
    CSV,
    JSONL,
    BITSTAMP,
    TARDIS,
    FREQTRADE,
    BYBIT,
    BINANCE_AGGTRADES;

    /**
     * The format named on a command line, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none
     */
    public static TickFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format '"
                    + name
                    + "' (expected auto, csv, jsonl, bitstamp, tardis, freqtrade, bybit or binance-aggtrades)");
        }
    }

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
