package dev.ferry.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;

/** Ports for child processes, so parallel runs and a developer's own services never collide. */
public final class FreePorts {

    /**
     * Ports are drawn from below Linux's ephemeral range (32768-60999 by default), never from it: the local ports of
     * outgoing connections come from that range, so a port the OS called free there could be taken by any client
     * socket before the child bound it. With two system-test forks on one machine that happened (a sandbox failed to
     * start: "Port 37447 seems to be in use"). Below it, only a listener can take a port, and two callers drawing at
     * random from 12,000 ports rarely draw the same one; a drawn port must also bind right now.
     */
    static final int LOWEST = 20_000;
    static final int HIGHEST = 32_000;

    private FreePorts() {
    }

    /** A port nothing listens on at 127.0.0.1 right now, outside the ephemeral range where it can be had. */
    public static int next() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
            if (bindable(port)) {
                return port;
            }
        }
        // A machine with the whole range taken: the OS's choice, as before.
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    /** Whether something already accepts connections on 127.0.0.1:port. */
    public static boolean busy(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
