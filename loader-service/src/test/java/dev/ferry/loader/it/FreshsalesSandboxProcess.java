package dev.ferry.loader.it;

import dev.ferry.launcher.ChildJvm;
import dev.ferry.launcher.PackagedApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The real Freshsales sandbox (simulators/freshsales-sim), started from its packaged jar through the launcher on a
 * free port of 127.0.0.1, and killed by {@link #close()} (its state is throw-away).
 */
public final class FreshsalesSandboxProcess implements AutoCloseable {

    private final ChildJvm jvm;

    private FreshsalesSandboxProcess(ChildJvm jvm) {
        this.jvm = jvm;
    }

    /** Starts the sandbox with extra system properties ({@code freshsales-sim.per-minute-limit=12} etc.). */
    public static FreshsalesSandboxProcess start(String... systemProperties) {
        ChildJvm jvm = PackagedApp.FRESHSALES_SIM.jvm("freshsales-sim").jvmOption("-Xmx256m").freeHttpPort()
                .systemProperty("quarkus.log.level", "WARN").systemProperties(List.of(systemProperties))
                .readyPath("/_sim/config").logDir(Path.of("target/it-logs").toAbsolutePath()).build();
        return new FreshsalesSandboxProcess(jvm.startAndAwaitReady(Duration.ofSeconds(60)));
    }

    public String apiBaseUrl() {
        return jvm.baseUrl() + "/crm/sales/api";
    }

    public String adminUrl() {
        return jvm.baseUrl() + "/_sim";
    }

    public Path logFile() {
        return jvm.logFile();
    }

    @Override
    public void close() {
        jvm.kill();
    }
}
