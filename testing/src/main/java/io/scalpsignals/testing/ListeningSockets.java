package io.scalpsignals.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The TCP sockets a process listens on, read from Linux's {@code /proc} (no {@code ss} needed):
 * the socket inodes among {@code /proc/PID/fd}, matched with the LISTEN lines of {@code
 * /proc/net/tcp} and {@code tcp6}.
 */
public final class ListeningSockets {

    /** One listening socket: its local address as the kernel writes it (hex), and whether that is loopback. */
    public record Socket(String address, int port, boolean loopback) {
        @Override
        public String toString() {
            return (loopback ? "loopback" : address) + ":" + port;
        }
    }

    private static final Set<String> LOOPBACK = Set.of(
            "0100007F", // 127.0.0.1
            "00000000000000000000000001000000", // ::1
            "0000000000000000FFFF00000100007F"); // ::ffff:127.0.0.1

    private ListeningSockets() {}

    /** The sockets process {@code pid} listens on. */
    public static List<Socket> of(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // the descriptor closed meanwhile
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Socket> out = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                List<String> lines = Files.readAllLines(Path.of(table));
                for (String line : lines.subList(1, lines.size())) {
                    String[] f = line.strip().split("\\s+");
                    if (f.length > 9 && f[3].equals("0A") && inodes.contains(f[9])) { // 0A: LISTEN
                        String[] local = f[1].split(":");
                        out.add(new Socket(local[0], Integer.parseInt(local[1], 16), LOOPBACK.contains(local[0])));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
