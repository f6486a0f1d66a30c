package dev.ferry.loader.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Freshsales sandbox (simulators/freshsales-sim), started from its packaged jar as a child process on a free
 * port of 127.0.0.1, and stopped (killed) by {@link #close()}. The reactor builds the simulators before the services;
 * when the jar is missing the test fails with the command that builds it.
 */
public final class FreshsalesSandboxProcess implements AutoCloseable {

    static final String JAR_PROPERTY = "ferry.freshsales-sim.jar";

    private final Process process;
    private final int port;
    private final Path log;

    private FreshsalesSandboxProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static Path jar() {
        String configured = System.getProperty(JAR_PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("simulators/freshsales-sim/target/quarkus-app/quarkus-run.jar");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return here.resolveSibling("simulators/freshsales-sim/target/quarkus-app/quarkus-run.jar").normalize();
    }

    /** Starts the sandbox with extra system properties ({@code -Dfreshsales-sim.per-minute-limit=12} etc.). */
    public static FreshsalesSandboxProcess start(String... systemProperties) {
        Path jar = jar();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The Freshsales sandbox jar is missing: " + jar + ". Build it first: "
                    + "./mvnw -B -q -pl simulators/freshsales-sim -am install -DskipTests (or set -D" + JAR_PROPERTY + ")");
        }
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.log.level=WARN");
        for (String p : systemProperties) {
            cmd.add("-D" + p);
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        try {
            Path log = Files.createTempFile("freshsales-sim-" + port + "-", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            FreshsalesSandboxProcess sandbox = new FreshsalesSandboxProcess(p, port, log);
            sandbox.awaitReady(Duration.ofSeconds(60));
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Freshsales sandbox", e);
        }
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Freshsales sandbox exited at start; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(adminUrl() + "/config")).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
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
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("the Freshsales sandbox did not answer within " + timeout + "; see " + log);
    }

    public String apiBaseUrl() {
        return "http://127.0.0.1:" + port + "/crm/sales/api";
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + port + "/_sim";
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    File logFile() {
        return log.toFile();
    }
}
