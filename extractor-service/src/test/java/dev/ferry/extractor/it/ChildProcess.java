package dev.ferry.extractor.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A Quarkus fast-jar started as a child JVM on a free loopback port, stopped (or killed) by the test. */
final class ChildProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path log;
    private final int port;

    private ChildProcess(String name, Process process, Path log, int port) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The module's directory (failsafe runs with it as the working directory). */
    static Path moduleDir() {
        return Path.of("").toAbsolutePath();
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /**
     * Starts {@code jar} with the given system properties (plus {@code quarkus.http.port}) and waits until
     * {@code readyPath} answers 200.
     */
    static ChildProcess start(String name, Path jar, List<String> systemProperties, String readyPath,
            Duration readyWithin) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " jar missing at " + jar + ": build it first ("
                    + (name.startsWith("dentes") ? "./mvnw -B -q -pl simulators/dentes-sim -am install -DskipTests"
                    : "./mvnw -B -f extractor-service/pom.xml package -DskipTests") + ")");
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx384m");
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.http.port=" + port);
        for (String p : systemProperties) {
            cmd.add("-D" + p);
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        try {
            Path logDir = moduleDir().resolve("target/it-logs");
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + "-" + port + ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ChildProcess child = new ChildProcess(name, p, log, port);
            child.awaitReady(readyPath, readyWithin);
            return child;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    private void awaitReady(String path, Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + tail());
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException(name + " not ready within " + within + "; log: " + tail());
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    int port() {
        return port;
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGKILL: no shutdown hooks, no graceful anything, as a crashed pod. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        waitFor();
    }

    private void waitFor() {
        try {
            process.waitFor(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
