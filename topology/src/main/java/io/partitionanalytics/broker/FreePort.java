package io.partitionanalytics.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A port nothing listens on right now, for a server about to start: the embedded broker's listeners, a benchmark's or
 * a test's HTTP server. Another process can still take it before the server binds it; callers that start a server
 * of their own bind port 0 instead.
 */
public final class FreePort {

    private FreePort() {}

    /** A free port on the loopback address. */
    public static int onLoopback() {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return on(loopback, loopback.getHostAddress());
    }

    /** A free port on {@code host}, a name or an address. */
    public static int on(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + host, e);
        }
        return on(address, host);
    }

    private static int on(InetAddress address, String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, address)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on " + host, e);
        }
    }
}
