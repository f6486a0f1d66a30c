package dev.ferry.launcher;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The child {@link ChildJvmTest} starts: answers 200 on {@code /ready} after {@code ready.delay.ms}, prints a line
 * from its shutdown hook (so a test can tell a polite stop from a kill), exits at once with code 3 when
 * {@code fail.at.start} is set, and ignores SIGTERM's end when {@code linger.ms} is set (so the grace period runs out).
 */
public final class ReadyServer {

    public static void main(String[] args) throws Exception {
        if (Boolean.getBoolean("fail.at.start")) {
            System.out.println("refusing to start: fail.at.start is set");
            System.exit(3);
        }
        long linger = Long.getLong("linger.ms", 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("shutdown hook ran");
            System.out.println("shutdown began at " + System.currentTimeMillis());
            System.out.flush();
            if (linger > 0) {
                try {
                    Thread.sleep(linger);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            System.out.println("shutdown ended at " + System.currentTimeMillis());
            System.out.flush();
        }));
        Thread.sleep(Long.getLong("ready.delay.ms", 0));
        int port = Integer.getInteger("quarkus.http.port");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        System.out.println("listening on " + port);
        Thread.currentThread().join();
    }
}
