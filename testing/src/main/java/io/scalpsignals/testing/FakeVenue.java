package io.scalpsignals.testing;

import org.java_websocket.WebSocket;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A venue's public WebSocket on 127.0.0.1 for tests (Java-WebSocket's server): each connection, in
 * the order they come, plays one {@link Script} of frames in the venue's documented formats; what
 * the client sent (subscriptions, pings) and the pongs it answered are recorded.
 */
public final class FakeVenue extends WebSocketServer {

    /** What one connection does. */
    public interface Script {
        /** On open; {@code path} is the request's resource ({@code /stream?streams=...}). */
        default void open(WebSocket conn, String path) {}

        /** On a text frame from the client. */
        default void message(WebSocket conn, String text) {}
    }

    private final List<Script> scripts;
    private final AtomicInteger connections = new AtomicInteger();
    public final List<String> received = new CopyOnWriteArrayList<>();
    public final List<String> paths = new CopyOnWriteArrayList<>();
    public final AtomicInteger pongs = new AtomicInteger();

    public FakeVenue(List<Script> scripts) {
        super(new InetSocketAddress("127.0.0.1", 0));
        this.scripts = scripts;
        setReuseAddr(true);
    }

    public String url() {
        return "ws://127.0.0.1:" + getPort();
    }

    public int connections() {
        return connections.get();
    }

    private Script script(WebSocket conn) {
        Integer n = conn.getAttachment();
        return scripts.get(Math.min(n, scripts.size() - 1));
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        conn.setAttachment(connections.getAndIncrement());
        paths.add(handshake.getResourceDescriptor());
        script(conn).open(conn, handshake.getResourceDescriptor());
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        received.add(conn.<Integer>getAttachment() + " " + message);
        script(conn).message(conn, message);
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        pongs.incrementAndGet();
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

    @Override
    public void onError(WebSocket conn, Exception ex) {}

    @Override
    public void onStart() {}
}
