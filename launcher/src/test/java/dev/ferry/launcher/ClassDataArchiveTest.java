package dev.ferry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The class-data-sharing archive of a packaged jar, recorded and mapped by real child JVMs (nothing external). */
class ClassDataArchiveTest {

    private static final Duration READY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private Path jar;
    private final List<ChildJvm> started = new ArrayList<>();

    @BeforeEach
    void packageReadyServer() throws IOException {
        jar = dir.resolve("app").resolve("ready-server.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, ReadyServer.class.getName());
        String entry = ReadyServer.class.getName().replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                InputStream bytes = ReadyServer.class.getClassLoader().getResourceAsStream(entry)) {
            jarOut.putNextEntry(new JarEntry(entry));
            bytes.transferTo(jarOut);
            jarOut.closeEntry();
        }
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(ChildJvm::kill);
    }

    private ChildJvm child(String name, String... jvmOptions) {
        ChildJvm.Builder b = ChildJvm.builder(name, jar).jvmOption("-Xmx32m").freeHttpPort().readyPath("/ready")
                .logFile(dir.resolve(name + ".log"));
        for (String option : jvmOptions) {
            b.jvmOption(option);
        }
        ChildJvm jvm = b.build();
        started.add(jvm);
        return jvm;
    }

    @Test
    void theFirstPoliteRunRecordsTheArchiveAndLaterStartsLoadTheirClassesFromIt() throws Exception {
        Path archive = ClassDataArchive.of(jar).archive();
        ChildJvm first = child("recorder");
        first.startAndAwaitReady(READY);
        assertThat(first.lastCommand()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));

        first.stop(Duration.ofSeconds(20));
        assertThat(first.exitCode()).isEqualTo(143);
        awaitNoRecordingLeft();

        assertThat(archive).isRegularFile();
        ChildJvm later = child("mapper", "-Xlog:class+load=info");
        later.startAndAwaitReady(READY);
        assertThat(later.lastCommand()).contains("-XX:SharedArchiveFile=" + archive);
        assertThat(later.log()).contains(ReadyServer.class.getName() + " source: shared objects file");
        assertThat(later.log()).doesNotContain("[warning][cds]");
    }

    /** Regression (CI of 1de766f): a service slower to stop than the grace was killed mid-dump and never kept one. */
    @Test
    void aRecordingRunSlowerToStopThanTheGraceIsNotKilledAndKeepsItsArchive() throws Exception {
        ChildJvm slow = child("slow-recorder", "-Dlinger.ms=2000");
        slow.startAndAwaitReady(READY);
        assertThat(slow.lastCommand()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        ChildJvm plain = child("slow-plain", "-Dlinger.ms=10000");
        plain.startAndAwaitReady(READY);
        assertThat(plain.lastCommand()).noneMatch(o -> o.contains("Archive"));

        ChildJvm.stopAll(List.of(slow, plain), Duration.ofMillis(500)); // the plain one still lingers then

        assertThat(slow.exitCode()).isEqualTo(143);
        assertThat(slow.log()).contains("shutdown ended at");
        assertThat(plain.exitCode()).isEqualTo(137);
        awaitNoRecordingLeft();
        assertThat(ClassDataArchive.of(jar).archive()).isRegularFile();
    }

    @Test
    void aKilledRecordingLeavesNoArchiveAndTheNextStartRecordsAgain() throws Exception {
        ChildJvm jvm = child("killed-recorder");
        jvm.startAndAwaitReady(READY);

        jvm.kill();
        assertThat(jvm.exitCode()).isEqualTo(137);
        jvm.startAndAwaitReady(READY);

        assertThat(ClassDataArchive.of(jar).archive()).doesNotExist();
        assertThat(jvm.lastCommand()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        try (Stream<Path> files = Files.list(jar.getParent())) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
    }

    /**
     * Regression (CI of 8014a7d): a child restarted right after a kill found its own claim still held, because the
     * exit hook had begun finishing the recording and the restart's own finish returned before the claim was released.
     */
    @Test
    void aRecordingFinishedByTwoThreadsHasReleasedItsClaimWhenEitherReturns() throws Exception {
        ClassDataArchive cds = ClassDataArchive.of(jar);
        Path claim = cds.archive().resolveSibling(cds.archive().getFileName().toString()
                .replace(".jsa", ".recording"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 200; round++) {
                ClassDataArchive.Recording recording = cds.nextStart().recording();
                assertThat(recording).as("round %d claims the recording", round).isNotNull();
                CyclicBarrier together = new CyclicBarrier(2);
                Callable<Boolean> finishThenLook = () -> {
                    together.await();
                    recording.finish(137);
                    return Files.notExists(claim);
                };
                Future<Boolean> a = pool.submit(finishThenLook);
                Future<Boolean> b = pool.submit(finishThenLook);
                assertThat(a.get()).as("round %d, first thread", round).isTrue();
                assertThat(b.get()).as("round %d, second thread", round).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void whileOneStartRecordsAnotherRunsWithoutTheArchiveRatherThanWaiting() {
        ChildJvm recorder = child("recording");
        ChildJvm other = child("beside");
        recorder.startAndAwaitReady(READY);

        other.startAndAwaitReady(READY);

        assertThat(other.lastCommand()).noneMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")
                || o.startsWith("-XX:SharedArchiveFile="));
    }

    @Test
    void aRebuiltJarGetsAnArchiveOfItsOwnAndTheEarlierBuildsIsRemoved() throws Exception {
        ChildJvm first = child("old-build");
        first.startAndAwaitReady(READY);
        first.stop(Duration.ofSeconds(20));
        awaitNoRecordingLeft();
        Path old = ClassDataArchive.of(jar).archive();
        assertThat(old).isRegularFile();

        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(jar).toMillis() + 60_000));
        ChildJvm rebuilt = child("new-build");
        rebuilt.startAndAwaitReady(READY);
        assertThat(rebuilt.lastCommand()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
        rebuilt.stop(Duration.ofSeconds(20));
        awaitNoRecordingLeft();

        assertThat(ClassDataArchive.of(jar).archive()).isRegularFile().isNotEqualTo(old);
        assertThat(old).doesNotExist();
    }

    @Test
    void aClaimLeftByALauncherThatDiedIsTakenOver() throws Exception {
        ClassDataArchive cds = ClassDataArchive.of(jar);
        Path marker = cds.archive().resolveSibling(cds.archive().getFileName().toString()
                .replace(".jsa", ".recording"));
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").start();
        gone.waitFor();
        Files.writeString(marker, Long.toString(gone.pid()));

        ChildJvm jvm = child("after-a-dead-launcher");
        jvm.startAndAwaitReady(READY);

        assertThat(jvm.lastCommand()).anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    }

    @Test
    void classDataSharingOffStartsThePlainCommand() {
        ChildJvm jvm = ChildJvm.builder("plain", jar).classDataSharing(false).jvmOption("-Xmx32m").freeHttpPort()
                .readyPath("/ready").logFile(dir.resolve("plain.log")).build();
        started.add(jvm);
        jvm.startAndAwaitReady(READY);

        assertThat(jvm.lastCommand()).noneMatch(o -> o.startsWith("-XX:") && o.contains("Archive"));
    }

    @Test
    void theLauncherPropertyTurnsItOffForEveryChildOfThisJvm() {
        System.setProperty(ChildJvm.CLASS_DATA_SHARING_PROPERTY, "false");
        ChildJvm jvm;
        try {
            jvm = child("property-off");
        } finally {
            System.clearProperty(ChildJvm.CLASS_DATA_SHARING_PROPERTY);
        }
        jvm.startAndAwaitReady(READY);

        assertThat(jvm.lastCommand()).noneMatch(o -> o.startsWith("-XX:") && o.contains("Archive"));
    }

    /** The recording is kept or dropped when the run's end is observed, which happens on another thread. */
    private void awaitNoRecordingLeft() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(jar.getParent())) {
                if (files.noneMatch(p -> p.getFileName().toString().endsWith(".recording"))) {
                    return;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the recording's claim was never released");
    }
}
