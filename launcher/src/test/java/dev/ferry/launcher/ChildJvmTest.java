package dev.ferry.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's promises, kept by a real child JVM (no external service needed). */
class ChildJvmTest {

    private static final Duration READY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private final List<ChildJvm> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ChildJvm::kill);
    }

    private ChildJvm.Builder child(String name) {
        return ChildJvm.mainClass(name, System.getProperty("java.class.path"), ReadyServer.class.getName())
                .jvmOption("-Xmx32m").freeHttpPort().readyPath("/ready").logFile(dir.resolve(name + ".log"));
    }

    private ChildJvm track(ChildJvm jvm) {
        started.add(jvm);
        return jvm;
    }

    @Test
    void waitsForReadinessAndStopsPolitelySoShutdownHooksRun() {
        ChildJvm jvm = track(child("polite").systemProperty("ready.delay.ms", "500").build());
        jvm.startAndAwaitReady(READY);
        assertThat(jvm.isAlive()).isTrue();
        assertThat(jvm.log()).contains("listening on " + jvm.port());

        jvm.stop(Duration.ofSeconds(20));

        assertThat(jvm.isAlive()).isFalse();
        assertThat(jvm.log()).contains("shutdown hook ran");
    }

    @Test
    void killIsASigkillNoShutdownHookRuns() {
        ChildJvm jvm = track(child("killed").build());
        jvm.startAndAwaitReady(READY);

        jvm.kill();

        assertThat(jvm.isAlive()).isFalse();
        assertThat(jvm.exitCode()).isEqualTo(137);
        assertThat(jvm.log()).doesNotContain("shutdown hook ran");
    }

    @Test
    void aChildThatOutlivesItsGracePeriodIsKilled() {
        ChildJvm jvm = track(child("lingering").systemProperty("linger.ms", "60000").build());
        jvm.startAndAwaitReady(READY);

        jvm.stop(Duration.ofMillis(500));

        assertThat(jvm.isAlive()).isFalse();
        assertThat(jvm.log()).contains("shutdown hook ran");
        assertThat(jvm.exitCode()).isEqualTo(137);
    }

    @Test
    void stopAllSignalsEveryChildBeforeWaitingForAnySoTheirShutdownsOverlap() {
        ChildJvm a = track(child("slow-a").systemProperty("linger.ms", "2000").build());
        ChildJvm b = track(child("slow-b").systemProperty("linger.ms", "2000").build());
        a.startAndAwaitReady(READY);
        b.startAndAwaitReady(READY);

        ChildJvm.stopAll(List.of(a, b), Duration.ofSeconds(20));

        assertThat(a.exitCode()).as("a polite stop, not a kill").isEqualTo(143);
        assertThat(b.exitCode()).as("a polite stop, not a kill").isEqualTo(143);
        // b was told to stop while a was still shutting down: the two shutdowns ran side by side.
        assertThat(stamp(b, "shutdown began at ")).isLessThan(stamp(a, "shutdown ended at "));
    }

    private static long stamp(ChildJvm jvm, String prefix) {
        return jvm.log().lines().filter(l -> l.startsWith(prefix)).map(l -> Long.parseLong(l.substring(prefix.length())))
                .findFirst().orElseThrow(() -> new AssertionError(jvm.name() + " never logged '" + prefix + "'"));
    }

    @Test
    void restartsWithTheSameSettingsAndKeepsTheEarlierLog() {
        ChildJvm jvm = track(child("restarted").build());
        jvm.startAndAwaitReady(READY);
        long first = jvm.pid();
        jvm.kill();

        jvm.startAndAwaitReady(READY);

        assertThat(jvm.pid()).isNotEqualTo(first);
        assertThat(jvm.log().split("listening on " + jvm.port(), -1)).hasSize(3);
    }

    @Test
    void aChildThatExitsWhileStartingFailsWithItsExitCodeAndLogTail() {
        ChildJvm jvm = track(child("failing").systemProperty("fail.at.start", "true").build());

        assertThatThrownBy(() -> jvm.startAndAwaitReady(READY))
                .hasMessageContaining("failing exited with 3 while starting")
                .hasMessageContaining("refusing to start: fail.at.start is set");
    }

    @Test
    void aMissingJarNamesTheCommandThatBuildsIt() {
        ChildJvm jvm = PackagedApp.LOADER.jvm("loader").build();
        Path missing = dir.resolve("nothing.jar");
        ChildJvm absent = ChildJvm.builder("absent", missing).buildHint(PackagedApp.LOADER.buildCommand()).build();

        assertThatThrownBy(absent::start).hasMessageContaining(missing.toString())
                .hasMessageContaining("./mvnw -B -q package -DskipTests -pl loader-service -am");
        assertThat(jvm.name()).isEqualTo("loader");
    }

    @Test
    void packagedAppsResolveInsideThisCheckout() {
        Path root = PackagedApp.repoRoot();
        assertThat(root.resolve("pom.xml")).exists();
        for (PackagedApp app : PackagedApp.values()) {
            assertThat(root.resolve(app.module()).resolve("pom.xml")).as(app.module()).exists();
            assertThat(app.runner().startsWith(root.resolve(app.module()).resolve("target"))).as(app.module()).isTrue();
        }
    }

    @Test
    void freePortsAreFreeUntilSomeoneListens() throws Exception {
        int port = FreePorts.next();
        assertThat(FreePorts.busy(port)).isFalse();
        try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThat(FreePorts.busy(port)).isTrue();
        }
    }
}
