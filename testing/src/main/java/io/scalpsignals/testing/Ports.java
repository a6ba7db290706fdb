package io.scalpsignals.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Free loopback ports for the services a test starts. */
public final class Ports {

    private Ports() {}

    /** A port free on 127.0.0.1 at the time of the call. */
    public static int free() {
        return free(1)[0];
    }

    /**
     * {@code count} distinct ports free on 127.0.0.1 at the time of the call: each is held until
     * all are chosen, so the kernel cannot hand out one twice (separate {@link #free()} calls can
     * return the same port).
     */
    public static int[] free(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // the port was chosen; closing a listening socket does not fail in practice
                }
            }
        }
    }
}
