package dev.ferry.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * A local HTTP stand-in for the Ferry services, shared by the commands' tests: every request goes to one route
 * function, which answers with a {@link Reply}; and {@link #run} wires a command to an environment and two captured
 * streams, then executes it as {@code bin/ferry} would.
 */
final class StubService implements AutoCloseable {

    /** One request as the stub received it: the raw path and query (run ids stay encoded), the token header, the body. */
    record Request(String method, String path, String query, String authorization, String body) {

        /** {@code METHOD /path}. */
        String line() {
            return method + " " + path;
        }

        /** {@code /path?query}, or {@code /path} without one. */
        String pathAndQuery() {
            return path + (query == null ? "" : "?" + query);
        }
    }

    /** An answer; {@code chunked} streams it without a length, as the audit service streams its logs. */
    record Reply(int status, String contentType, String body, boolean chunked) {

        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, false);
        }

        static Reply json(String body) {
            return json(200, body);
        }
    }

    private final HttpServer server;
    private final List<Request> received;

    private StubService(HttpServer server, List<Request> received) {
        this.server = server;
        this.received = received;
    }

    /** A stub on a free local port, answering by {@code routes}. */
    static StubService start(Function<Request, Reply> routes) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<Request> received = new CopyOnWriteArrayList<>();
        server.createContext("/", exchange -> {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add(request);
            Reply reply = routes.apply(request);
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().add("Content-Type", reply.contentType());
            }
            exchange.sendResponseHeaders(reply.status(), reply.chunked() ? 0 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return new StubService(server, received);
    }

    /** Every request received so far, in order, as {@code METHOD /path}. */
    List<String> lines() {
        return received.stream().map(Request::line).toList();
    }

    /** The bodies of every request received so far, in order. */
    List<String> bodies() {
        return received.stream().map(Request::body).toList();
    }

    /** {@code http://127.0.0.1:<port>}. */
    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /**
     * Runs {@code command} with {@code env} as its environment, its standard output and error into the two buffers,
     * and a 10 ms poll (the stubs answer at once).
     */
    static int run(ServiceCommand command, Map<String, String> env, ByteArrayOutputStream stdout,
            ByteArrayOutputStream stderr, String... args) {
        command.env = env::get;
        command.stdout = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        command.stderr = new PrintStream(stderr, true, StandardCharsets.UTF_8);
        command.poll = Duration.ofMillis(10);
        return new CommandLine(command).execute(args);
    }
}
