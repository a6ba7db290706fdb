package io.scalpsignals.job.marketdata;

import io.scalpsignals.testing.SharedData;

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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A venue's archive server on 127.0.0.1 for tests (the JDK's HTTP server): serves the files put
 * into it at their paths, honours {@code Range}, answers 404 for anything else, and can cut the
 * next transfer of a path short once (half the bytes, then the connection closes). The real
 * trades of {@code ../shared/data}'s tardis file, written as the venues publish them, are the
 * content.
 */
final class FakeArchive implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Boolean> cutOnce = new ConcurrentHashMap<>();
    /** Every request: its path and Range header ("" without one). */
    final List<String> requests = new CopyOnWriteArrayList<>();

    FakeArchive() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void put(String path, byte[] content) {
        files.put(path, content);
    }

    void cutNextTransfer(String path) {
        cutOnce.put(path, true);
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
        o.write(body, from, length);
        o.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** The tardis file's trades as Bybit's archive of that day: {@code timestamp} in seconds with the microseconds. */
    static byte[] bybitArchive() {
        StringBuilder b = new StringBuilder(
                "timestamp,symbol,side,size,price,tickDirection,trdMatchID,grossValue,homeNotional,foreignNotional\n");
        for (String[] f : tardisRows()) {
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

    /** The tardis file's trades as Binance's aggTrades archive of that day (a zip of one CSV with its header). */
    static byte[] binanceArchive(String entry) {
        StringBuilder b = new StringBuilder(
                "agg_trade_id,price,quantity,first_trade_id,last_trade_id,transact_time,is_buyer_maker\n");
        for (String[] f : tardisRows()) {
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

    /** {@code exchange,symbol,timestamp,local_timestamp,id,side,price,amount}, header skipped. */
    private static List<String[]> tardisRows() {
        try {
            return Files.readAllLines(SharedData.file(SharedData.TARDIS_BTCUSDT)).stream()
                    .skip(1)
                    .map(l -> l.split(","))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
