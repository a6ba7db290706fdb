package io.scalpsignals.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A venue's archive server on 127.0.0.1 for tests (the JDK's HTTP server): serves the files put
 * into it at their paths, honours {@code Range}, answers 404 for anything else, and can cut the
 * next transfer of a path short once (half the bytes, then the connection closes) or stall it
 * (half the bytes, then silence on an open connection). Its archives
 * are written as the venues publish them, from rows in the tardis layout: the real trades of
 * {@code ../shared/data}'s tardis file ({@link #tardisRows()}) or a few synthetic ones ({@link
 * #syntheticRows(int)}, for tests of the transfer that need no data).
 */
public final class FakeArchive implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cutOnce = new ConcurrentHashMap<>();
    private final Map<String, Boolean> stallOnce = new ConcurrentHashMap<>();
    /** Holds stalled transfers until the server closes. */
    private final CountDownLatch closing = new CountDownLatch(1);

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    /** Every request: its path and Range header ("" without one). */
    public final List<String> requests = new CopyOnWriteArrayList<>();

    public FakeArchive() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(handlers); // a stalled transfer must not hold up the next request
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void put(String path, byte[] content) {
        files.put(path, content);
    }

    public void cutNextTransfer(String path) {
        cutOnce.put(path, true);
    }

    /** The next transfer of {@code path} sends half its bytes, then nothing more until the server closes. */
    public void stallNextTransfer(String path) {
        stallOnce.put(path, true);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(path + " " + (range == null ? "" : range));
        byte[] body = files.get(path);
        if (body == null) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        if (from >= body.length) {
            ex.sendResponseHeaders(416, -1);
            ex.close();
            return;
        }
        int length = body.length - from;
        ex.sendResponseHeaders(range == null ? 200 : 206, length);
        OutputStream o = ex.getResponseBody();
        if (cutOnce.remove(path) != null) {
            o.write(body, from, length / 2);
            o.flush();
            // a handler that fails makes the JDK server drop the connection: the client sees the body end early
            throw new IOException("transfer of " + path + " cut short on purpose");
        }
        if (stallOnce.remove(path) != null) {
            o.write(body, from, length / 2);
            o.flush();
            try {
                closing.await(); // the connection stays open and silent
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
            return;
        }
        o.write(body, from, length);
        o.close();
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    /** Trades as Bybit's archive of that day: {@code timestamp} in seconds with the microseconds. */
    public static byte[] bybitArchive(List<String[]> rows) {
        StringBuilder b = new StringBuilder(
                "timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional\n");
        for (String[] f : rows) {
            long us = Long.parseLong(f[2]);
            b.append(us / 1_000_000)
                    .append('.')
                    .append(String.format(Locale.ROOT, "%06d", us % 1_000_000))
                    .append(',')
                    .append(f[1])
                    .append(',')
                    .append(f[5].equals("buy") ? "Buy" : "Sell")
                    .append(',')
                    .append(f[7])
                    .append(',')
                    .append(f[6])
                    .append(",ZeroPlusTick,")
                    .append(f[4])
                    .append(",0,")
                    .append(f[7])
                    .append(",0\n");
        }
        return gzip(b.toString());
    }

    /** Trades as Binance's aggTrades archive of that day (a zip of one CSV with its header). */
    public static byte[] binanceArchive(String entry, List<String[]> rows) {
        StringBuilder b = new StringBuilder(
                "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n");
        for (String[] f : rows) {
            b.append(f[4])
                    .append(',')
                    .append(f[6])
                    .append(',')
                    .append(f[7])
                    .append(',')
                    .append(f[4])
                    .append(',')
                    .append(f[4])
                    .append(',')
                    .append(Long.parseLong(f[2]) / 1000)
                    .append(',')
                    .append(f[5].equals("sell"))
                    .append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            ZipEntry e = new ZipEntry(entry);
            e.setTime(0); // the same bytes every time
            z.putNextEntry(e);
            z.write(b.toString().getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * {@code n} BTCUSDT trades of 2020-02-22 in the tardis layout, one every 250 ms from 00:00 UTC,
     * ids from 1, sides alternating, prices stepping around 9,700.
     */
    public static List<String[]> syntheticRows(int n) {
        List<String[]> rows = new ArrayList<>(n);
        long us = 1_582_329_600_000_000L;
        for (int i = 0; i < n; i++) {
            long ts = us + i * 250_000L;
            rows.add(new String[] {
                "binance-futures",
                "BTCUSDT",
                Long.toString(ts),
                Long.toString(ts + 1_000),
                Integer.toString(i + 1),
                i % 2 == 0 ? "buy" : "sell",
                String.format(Locale.ROOT, "%.2f", 9_700 + (i % 7) * 0.5),
                String.format(Locale.ROOT, "%.3f", 0.001 * (1 + i % 5))
            });
        }
        return rows;
    }

    /** {@code ../shared/data}'s tardis file: {@code exchange,symbol,timestamp,local_timestamp,id,side,price,amount}, header skipped. */
    public static List<String[]> tardisRows() {
        try {
            return Files.readAllLines(SharedData.file(SharedData.TARDIS_BTCUSDT)).stream()
                    .skip(1)
                    .map(l -> l.split(","))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A {@code .CHECKSUM} file as Binance publishes it: the SHA-256 in hex, two blanks, the file name. */
    public static byte[] checksum(byte[] content, String name) throws Exception {
        String hex =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        return (hex + "  " + name + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
