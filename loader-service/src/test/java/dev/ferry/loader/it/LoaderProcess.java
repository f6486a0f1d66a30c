package dev.ferry.loader.it;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The packaged loader ({@code target/quarkus-app/quarkus-run.jar}) as a child process, configured by -D flags. */
public final class LoaderProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private LoaderProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    public static Path jar() {
        return Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    }

    /** Starts the jar and waits until its liveness check answers; {@code props} must include quarkus.http.port. */
    public static LoaderProcess start(Map<String, String> props) {
        if (!Files.isRegularFile(jar())) {
            throw new IllegalStateException("the packaged loader is missing: " + jar() + " (run the package phase first)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        props.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        cmd.add("-jar");
        cmd.add(jar().toString());
        try {
            Path log = Files.createTempFile("loader-process-", ".log");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            LoaderProcess loader = new LoaderProcess(p, log);
            HttpClient http = HttpClient.newHttpClient();
            URI health = URI.create("http://127.0.0.1:" + props.get("quarkus.http.port") + "/q/health/live");
            await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the loader exited at start; see " + log);
                }
                try {
                    return http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
            return loader;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the loader", e);
        }
    }

    /** SIGKILL: no shutdown hook, no final commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    public Path log() {
        return log;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
