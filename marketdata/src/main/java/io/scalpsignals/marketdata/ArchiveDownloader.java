package io.scalpsignals.marketdata;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Downloads a venue's daily trade archives ({@link Venue}) into a directory, a day at a time:
 * a day whose file is there is complete and skipped (a file appears only once verified); a
 * transfer cut short resumes where it stopped ({@code Range}, into {@code <file>.part}); a day the
 * venue does not have (404) is reported and skipped; the file is verified before it is kept —
 * against the published SHA-256 where there is one (Binance), else by reading the archive to its
 * end (Bybit's gzip) — and a file that fails is deleted and fetched once more from scratch, then
 * reported corrupt. Network failures and 5xx answers are retried with exponential backoff and
 * jitter (Failsafe). A server that stops sending in the middle of a body is given up on after
 * the read timeout (Apache HttpClient 5's socket timeout) and the transfer resumes with {@code
 * Range}, so a download never hangs.
 */
public final class ArchiveDownloader implements AutoCloseable {

    /** What became of a day. */
    public enum Outcome {
        DOWNLOADED,
        COMPLETE,
        MISSING,
        CORRUPT
    }

    private final CloseableHttpClient http;
    private final Venue venue;
    private final String baseUrl;
    private final Path out;
    private final Consumer<String> progress;
    private final RetryPolicy<Object> retry;

    /**
     * @param baseUrl the archives' base URL ({@link Venue#archiveUrl()} unless a test or mirror)
     * @param progress told of each day, one line each
     * @param maxRetries attempts after the first, per request
     * @param backoff the first retry's delay; doubled each time up to 30 s, with 25 % jitter
     * @param readTimeout the longest wait for the next bytes of an answer (headers or body) before
     *     the request fails and is retried
     */
    public ArchiveDownloader(
            Venue venue,
            String baseUrl,
            Path out,
            Consumer<String> progress,
            int maxRetries,
            Duration backoff,
            Duration readTimeout) {
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(20))
                                .setSocketTimeout(Timeout.of(readTimeout))
                                .build())
                        .build())
                .disableAutomaticRetries() // Failsafe retries, with backoff and a Range resume
                .build();
        this.venue = venue;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.out = out;
        this.progress = progress;
        this.retry = RetryPolicy.builder()
                .handleIf(e -> e instanceof IOException && !(e instanceof ClientError))
                .withBackoff(backoff, max(backoff, Duration.ofSeconds(30)))
                .withJitter(0.25)
                .withMaxRetries(maxRetries)
                .onRetry(e -> progress.accept("retrying after " + e.getLastException()))
                .build();
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** A 5xx answer: worth another attempt. */
    static final class ServerError extends IOException {
        ServerError(String message) {
            super(message);
        }
    }

    /** A 4xx answer other than 404: asking again changes nothing. */
    static final class ClientError extends IOException {
        ClientError(String message) {
            super(message);
        }
    }

    /**
     * Fetches {@code symbol}'s archive of {@code day} unless it is there.
     *
     * @throws IOException when the transfer still fails after the retries, or the answer is neither a file nor 404
     */
    public Outcome day(String symbol, LocalDate day) throws IOException {
        Path file = out.resolve(venue.fileName(symbol, day));
        String name = venue.optionName() + " " + symbol + " " + day;
        if (Files.isRegularFile(file)) {
            progress.accept(name + ": complete, skipped");
            return Outcome.COMPLETE;
        }
        Files.createDirectories(out);
        Path part = out.resolve(file.getFileName() + ".part");
        String expected = null;
        if (venue.checksumPath(symbol, day) != null) {
            byte[] sum = get(baseUrl + venue.checksumPath(symbol, day));
            if (sum == null) {
                progress.accept(name + ": not at the source (no checksum), skipped");
                return Outcome.MISSING;
            }
            expected = new String(sum, StandardCharsets.US_ASCII)
                    .strip()
                    .split("\\s+")[0]
                    .toLowerCase(Locale.ROOT);
        }
        for (int attempt = 1; attempt <= 2; attempt++) {
            long started = System.nanoTime();
            long resumedAt = fetch(baseUrl + venue.archivePath(symbol, day), part);
            if (resumedAt < 0) {
                progress.accept(name + ": not at the source, skipped");
                return Outcome.MISSING;
            }
            String problem = verify(part, expected);
            if (problem == null) {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
                progress.accept(String.format(
                        Locale.ROOT,
                        "%s: %,.1f MB in %.1f s%s, verified (%s)",
                        name,
                        Files.size(file) / 1e6,
                        (System.nanoTime() - started) / 1e9,
                        resumedAt > 0 ? String.format(Locale.ROOT, ", resumed at %,.1f MB", resumedAt / 1e6) : "",
                        expected != null ? "SHA-256" : "read to the end"));
                return Outcome.DOWNLOADED;
            }
            Files.delete(part);
            progress.accept(name + ": " + problem + (attempt == 1 ? "; fetching it again" : "; corrupt, not kept"));
        }
        return Outcome.CORRUPT;
    }

    /** The body of {@code url}, or null on 404. */
    private byte[] get(String url) throws IOException {
        return call(() -> http.execute(
                new HttpGet(url), r -> status(url, r.getCode()) ? EntityUtils.toByteArray(r.getEntity()) : null));
    }

    /**
     * Appends the rest of {@code url}'s body to {@code part}, from its current size, again after each
     * failure.
     *
     * @return where the last transfer resumed, bytes (0: from the start); -1 on 404
     */
    private long fetch(String url, Path part) throws IOException {
        return call(() -> {
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            HttpGet get = new HttpGet(url);
            if (have > 0) {
                get.setHeader("Range", "bytes=" + have + "-");
            }
            return http.execute(get, r -> {
                if (r.getCode() == 416 && have > 0) {
                    return have; // nothing after what we have: the part is whole
                }
                if (!status(url, r.getCode())) {
                    return -1L;
                }
                boolean append = r.getCode() == 206;
                try (InputStream body = r.getEntity().getContent();
                        OutputStream o = Files.newOutputStream(
                                part,
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE,
                                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                    body.transferTo(o); // a stall past the read timeout throws; the retry resumes
                }
                return append ? have : 0L;
            });
        });
    }

    /** True for 200/206, false for 404; a 5xx is retried, any other answer fails at once. */
    private static boolean status(String url, int code) throws IOException {
        if (code == 200 || code == 206) {
            return true;
        }
        if (code == 404) {
            return false;
        }
        if (code >= 500) {
            throw new ServerError(url + ": HTTP " + code);
        }
        throw new ClientError(url + ": HTTP " + code);
    }

    /** Why {@code file} is not a good archive, or null. */
    private static String verify(Path file, String sha256) throws IOException {
        if (sha256 != null) {
            String actual = sha256(file);
            return actual.equals(sha256) ? null : "SHA-256 " + actual + " is not the published " + sha256;
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            in.transferTo(OutputStream.nullOutputStream());
            return null;
        } catch (IOException e) {
            return "not a whole gzip file (" + e.getMessage() + ")";
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws IOException;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    private <T> T call(Call<T> c) throws IOException {
        try {
            return Failsafe.with(retry).get(() -> c.run());
        } catch (FailsafeException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException(e.getCause());
        }
    }
}
