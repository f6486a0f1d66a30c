package dev.ferry.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;

/**
 * A class-data-sharing archive per build of a packaged application (JDK 17's dynamic CDS). The first start of a jar
 * records every class it loaded into an archive when it exits politely; later starts map that archive instead of
 * reading, parsing and verifying those classes again. Every system-test class starts a stack of six of these JVMs (and
 * restarts some) beside two other classes on two cores, so their start-up is much of what CI spends: measured on the audit service (alone, beside other work),
 * 7.0 CPU-s to "started" without the archive and 5.2 with it (-26 %), the Freshsales sandbox 2.35 and 1.8 (-23 %).
 * Quarkus' own AppCDS option records only the static-init phase and saved 4 % on the audit service, so the archive is
 * taken from a real run instead.
 *
 * <p>The archive sits beside the jar, named after the jar's size and modification time, so a rebuild (which rewrites
 * the runner jar) makes a new one. One start at a time records it: it claims a marker file holding the pid of the JVM
 * that launched it (several test forks start stacks at once); a marker whose launcher is gone is taken over. The
 * recording is kept only when the child ended by itself or by SIGTERM (exit 0 or 143): a SIGKILL mid-dump leaves a
 * torn file, which is deleted, and the next start records again. The JVM checks an archive's jars when it maps it and
 * ignores one that does not match, so a stale or broken archive costs the saving, never a start. CDS messages are
 * kept to errors: the recording JVM lists every class it skips, which would bury the application's own log.
 */
final class ClassDataArchive {

    private static final String PREFIX = "ferry-cds-";
    /** Only errors of the JVM's CDS logging reach the child's log (see the class comment). */
    private static final String QUIET = "-Xlog:cds*=error";

    private final Path archive;
    private final Path marker;

    private ClassDataArchive(Path archive, Path marker) {
        this.archive = archive;
        this.marker = marker;
    }

    /** The archive of this build of {@code jar}; the jar must exist. */
    static ClassDataArchive of(Path jar) {
        try {
            Path abs = jar.toAbsolutePath();
            String key = Files.size(abs) + "-" + Files.getLastModifiedTime(abs).toMillis();
            Path dir = abs.getParent();
            return new ClassDataArchive(dir.resolve(PREFIX + key + ".jsa"), dir.resolve(PREFIX + key + ".recording"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }

    Path archive() {
        return archive;
    }

    /**
     * What one start of the jar does with the archive: map it when it exists; otherwise record it, unless another
     * start is recording it already (then this start runs without).
     */
    Start nextStart() {
        if (Files.isRegularFile(archive)) {
            return new Start(List.of("-XX:SharedArchiveFile=" + archive, QUIET), null);
        }
        if (!claim()) {
            return new Start(List.of(), null);
        }
        Path recording = archive.resolveSibling(archive.getFileName() + "." + UUID.randomUUID() + ".tmp");
        return new Start(List.of("-XX:ArchiveClassesAtExit=" + recording, QUIET), new Recording(recording));
    }

    private boolean claim() {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(Files.createFile(marker),
                        Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
                return true;
            } catch (FileAlreadyExistsException e) {
                if (!claimantGone()) {
                    return false;
                }
                deleteQuietly(marker);
            } catch (IOException e) {
                return false; // a read-only checkout: run without an archive
            }
        }
        return false;
    }

    /** True when the marker's launcher has ended (or the marker cannot be read): nobody will finish its recording. */
    private boolean claimantGone() {
        try {
            long pid = Long.parseLong(Files.readString(marker, StandardCharsets.US_ASCII).trim());
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).map(alive -> !alive).orElse(true);
        } catch (NoSuchFileException e) {
            return false; // released meanwhile: the next start looks again
        } catch (IOException | NumberFormatException e) {
            return true; // torn or empty: its writer died between creating and writing it
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // left for the next recording's clean-up
        }
    }

    /** The JVM options of one start, and the recording to finish when that run ends (null when none). */
    record Start(List<String> jvmOptions, Recording recording) {
    }

    /**
     * A start that records the archive; {@link #finish(int)} keeps or discards it once, when the run has ended. Two
     * threads finish it (the process' exit hook and the next start of the same child): the second waits until the
     * first has released the claim, or the restart would find its own marker still there and run without recording.
     */
    final class Recording {
        private final Path file;
        private boolean finished;

        private Recording(Path file) {
            this.file = file;
        }

        /** Keeps the recording as the archive when the run ended politely, then releases the claim. */
        synchronized void finish(int exitCode) {
            if (finished) {
                return;
            }
            finished = true;
            try {
                if ((exitCode == 0 || exitCode == 143) && Files.isRegularFile(file) && Files.size(file) > 0) {
                    Files.move(file, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    removeOtherBuilds();
                }
            } catch (IOException e) {
                // no archive this time; the next start records again
            } finally {
                deleteQuietly(file);
                deleteQuietly(marker);
            }
        }

        /** Archives of earlier builds of the jar; the JVM would refuse them anyway. */
        private void removeOtherBuilds() throws IOException {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(archive.getParent(), PREFIX + "*.jsa")) {
                for (Path p : old) {
                    if (!p.equals(archive)) {
                        deleteQuietly(p);
                    }
                }
            }
        }
    }
}
