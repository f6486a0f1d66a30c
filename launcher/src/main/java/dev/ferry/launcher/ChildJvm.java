package dev.ferry.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged application run as a child JVM: its output appended to its own log file, ready when its readiness URL
 * answers 200, stopped politely (SIGTERM, so shutdown hooks and final commits run) and by force when the grace period
 * ends, or killed on demand (SIGKILL: what a crashed pod looks like). It can be started again after a stop or a kill
 * with the same settings; the log keeps the earlier output. A jar's starts share a class-data-sharing archive its first
 * polite run records ({@link ClassDataArchive}).
 */
public final class ChildJvm implements AutoCloseable {

    /** How long {@link #close()} lets the application shut down before it is killed. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    /**
     * What a stop adds to its grace when the run records a class-data archive: the JVM writes the archive after its
     * shutdown hooks, and a service that takes ten seconds to leave its Kafka groups on a loaded machine would
     * otherwise be killed mid-dump, losing the archive and recording again next time (CI of 1de766f: the mapper and
     * the audit service never kept one).
     */
    static final Duration RECORDING_EXTRA_GRACE = Duration.ofSeconds(60);

    /**
     * System property that sets the default of {@link Builder#classDataSharing(boolean)} for every child of this JVM
     * ({@code false} turns the archive off; the bench does, so its RSS is what an image without an archive shows).
     */
    public static final String CLASS_DATA_SHARING_PROPERTY = "ferry.launcher.class-data-sharing";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final List<String> command;
    /** The jar to run, or null for a main class on a class path. */
    private final Path jar;
    private final String buildHint;
    private final Map<String, String> systemProperties;
    private final Map<String, String> environment;
    private final Path logFile;
    private final URI readyUri;
    /** Whether starts of the jar map (or record) a class-data-sharing archive ({@link ClassDataArchive}). */
    private final boolean classDataSharing;
    private Process process;
    /** The command of the last start (the base command plus the class-data-sharing options of that start). */
    private List<String> lastCommand;
    /** The archive recording of the last start, finished when that run ends; null when it records none. */
    private ClassDataArchive.Recording recording;

    private ChildJvm(Builder b) {
        this.name = b.name;
        this.jar = b.jar;
        this.buildHint = b.buildHint;
        this.systemProperties = Map.copyOf(b.systemProperties);
        this.environment = Map.copyOf(b.environment);
        this.logFile = b.logFile != null ? b.logFile
                : (b.logDir != null ? b.logDir : Path.of(System.getProperty("java.io.tmpdir"), "ferry-logs"))
                        .resolve(b.name + "-" + b.systemProperties.getOrDefault("quarkus.http.port",
                                Long.toString(System.nanoTime())) + ".log");
        this.readyUri = b.readyUri;
        this.classDataSharing = b.classDataSharing && b.jar != null;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(b.jvmOptions);
        b.systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        if (b.jar != null) {
            cmd.add("-jar");
            cmd.add(b.jar.toString());
        } else {
            cmd.add("-cp");
            cmd.add(b.classpath);
            cmd.add(b.mainClass);
        }
        this.command = List.copyOf(cmd);
    }

    /** A child running {@code java -jar jar}. */
    public static Builder builder(String name, Path jar) {
        Builder b = new Builder(name);
        b.jar = jar;
        return b;
    }

    /** A child running {@code java -cp classpath mainClass} (tests of the launcher itself, tools). */
    public static Builder mainClass(String name, String classpath, String mainClass) {
        Builder b = new Builder(name);
        b.classpath = classpath;
        b.mainClass = mainClass;
        return b;
    }

    public String name() {
        return name;
    }

    /** A system property the child is started with, or null. */
    public String systemProperty(String key) {
        return systemProperties.get(key);
    }

    /** The child's HTTP port ({@code quarkus.http.port}), or -1 when none was given. */
    public int port() {
        String p = systemProperties.get("quarkus.http.port");
        return p == null ? -1 : Integer.parseInt(p);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public Path logFile() {
        return logFile;
    }

    /** Starts the JVM (it must not be running). */
    public synchronized ChildJvm start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        if (jar != null && !Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " does not exist; build it first"
                    + (buildHint == null ? "" : " (" + buildHint + ")"));
        }
        finishRecording();
        List<String> cmd = command;
        ClassDataArchive.Recording records = null;
        if (classDataSharing) {
            ClassDataArchive.Start cds = ClassDataArchive.of(jar).nextStart();
            cmd = new ArrayList<>(command.size() + 2);
            cmd.add(command.get(0));
            cmd.addAll(cds.jvmOptions());
            cmd.addAll(command.subList(1, command.size()));
            records = cds.recording();
        }
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.environment().putAll(environment);
            process = pb.start();
        } catch (IOException e) {
            if (records != null) {
                records.finish(-1);
            }
            throw new IllegalStateException("cannot start " + name, e);
        }
        lastCommand = List.copyOf(cmd);
        recording = records;
        if (records != null) {
            // Kept or discarded as soon as the run ends, whoever ends it (a stop, a kill, the application itself).
            Process p = process;
            ClassDataArchive.Recording r = records;
            p.onExit().thenRun(() -> r.finish(p.exitValue()));
        }
        return this;
    }

    /** {@link #start()} then {@link #awaitReady(Duration)}; a child that never gets ready is killed. */
    public ChildJvm startAndAwaitReady(Duration timeout) {
        start();
        try {
            return awaitReady(timeout);
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
    }

    /**
     * Waits until the readiness URL answers 200; fails with the log's tail when the child exits or time runs out.
     */
    public ChildJvm awaitReady(Duration timeout) {
        if (readyUri == null) {
            throw new IllegalStateException(name + " has no readiness URL");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting (log "
                        + logFile + "):\n" + logTail(40));
            }
            if (answers200()) {
                return this;
            }
            pause(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " was not ready at " + readyUri + " within " + timeout + " (log "
                + logFile + "):\n" + logTail(40));
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The exit code of the last run, or null while it runs or before the first start. */
    public synchronized Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    /** Waits for the child to end by itself; true when it has. */
    public boolean awaitExit(Duration timeout) {
        Process p;
        synchronized (this) {
            p = process;
        }
        if (p == null) {
            return true;
        }
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. Waits until the process is gone. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(30));
        }
    }

    /** SIGTERM, then SIGKILL when the child has not ended within {@code grace}. */
    public synchronized void stop(Duration grace) {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(graceFor(grace))) {
                kill();
            }
        }
    }

    /**
     * Stops several children together: SIGTERM to every one at once, then each gets what is left of {@code grace}
     * (and {@link #RECORDING_EXTRA_GRACE} more while it records its archive) before SIGKILL. Their shutdowns overlap,
     * so a stack stops in the time of its slowest member rather than the sum (a Quarkus service with four Kafka
     * channels takes about ten seconds to leave its groups).
     */
    public static void stopAll(Collection<ChildJvm> children, Duration grace) {
        List<ChildJvm> signalled = new ArrayList<>();
        for (ChildJvm c : children) {
            synchronized (c) {
                if (c.process != null && c.process.isAlive()) {
                    c.process.destroy();
                    signalled.add(c);
                }
            }
        }
        long start = System.nanoTime();
        for (ChildJvm c : signalled) {
            Duration left = Duration.ofNanos(Math.max(0, start + c.graceFor(grace).toNanos() - System.nanoTime()));
            if (!c.awaitExit(left)) {
                c.kill();
            }
        }
    }

    /** The grace a stop gives this run: more while it records its class-data archive. */
    private synchronized Duration graceFor(Duration grace) {
        return recording == null ? grace : grace.plus(RECORDING_EXTRA_GRACE);
    }

    /** Stops and starts again with the same settings, then waits for readiness. */
    public ChildJvm restart(Duration grace, Duration readyWithin) {
        stop(grace);
        return startAndAwaitReady(readyWithin);
    }

    /** {@link #stop(Duration)} with {@link #DEFAULT_GRACE}. */
    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    /** The last {@code lines} lines of the log. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    /** The whole log, or "" when there is none yet. */
    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "";
        }
    }

    /** The command line of the last start; null before the first. */
    synchronized List<String> lastCommand() {
        return lastCommand;
    }

    /** Settles the last run's archive recording before the next start, so a restart can map what it recorded. */
    private void finishRecording() {
        if (recording != null && process != null && !process.isAlive()) {
            recording.finish(process.exitValue());
            recording = null;
        }
    }

    private boolean answers200() {
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(readyUri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Settings of a child JVM; {@link #build()} makes it, {@link ChildJvm#start()} starts it. */
    public static final class Builder {
        private final String name;
        private Path jar;
        private String classpath;
        private String mainClass;
        private String buildHint;
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path logFile;
        private Path logDir;
        private URI readyUri;
        private boolean classDataSharing =
                !"false".equalsIgnoreCase(System.getProperty(CLASS_DATA_SHARING_PROPERTY, "true"));

        private Builder(String name) {
            this.name = name;
        }

        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        public Builder systemProperties(Map<String, String> properties) {
            systemProperties.putAll(properties);
            return this;
        }

        /**
         * An environment variable of the child. Credentials go here rather than into system properties: a command
         * line is visible to every user of the machine in {@code ps}.
         */
        public Builder environment(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** A JVM option such as {@code -Xmx256m}. */
        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Where the child's stdout and stderr go (appended); by default a fresh file under the temp directory. */
        public Builder logFile(Path file) {
            this.logFile = file;
            return this;
        }

        /** Logs to {@code <dir>/<name>-<http port>.log} (a module's {@code target/it-logs}, say). */
        public Builder logDir(Path dir) {
            this.logDir = dir;
            return this;
        }

        /** System properties written as {@code key=value}. */
        public Builder systemProperties(List<String> keyValues) {
            for (String kv : keyValues) {
                int eq = kv.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("not key=value: " + kv);
                }
                systemProperties.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return this;
        }

        /** Binds a Quarkus application to 127.0.0.1:{@code port}. */
        public Builder httpPort(int port) {
            systemProperties.put("quarkus.http.host", "127.0.0.1");
            systemProperties.put("quarkus.http.port", Integer.toString(port));
            return this;
        }

        /** Binds to a free port of 127.0.0.1 (see {@link FreePorts#next()}). */
        public Builder freeHttpPort() {
            return httpPort(FreePorts.next());
        }

        /** The URL that answers 200 once the child is ready. */
        public Builder readyUri(URI uri) {
            this.readyUri = uri;
            return this;
        }

        /** A readiness path on the child's own HTTP port (set {@link #httpPort(int)} first). */
        public Builder readyPath(String path) {
            String port = systemProperties.get("quarkus.http.port");
            if (port == null) {
                throw new IllegalStateException("set the HTTP port before the readiness path");
            }
            return readyUri(URI.create("http://127.0.0.1:" + port + path));
        }

        /**
         * Whether starts of the jar use a class-data-sharing archive of its classes, recorded by its first polite run
         * ({@link ClassDataArchive}; on by default, about a quarter less CPU to start a Quarkus service). Off for a
         * measurement that must not depend on an earlier run.
         */
        public Builder classDataSharing(boolean on) {
            this.classDataSharing = on;
            return this;
        }

        /** The command that builds the jar, named in the error when it is missing. */
        public Builder buildHint(String command) {
            this.buildHint = command;
            return this;
        }

        public ChildJvm build() {
            return new ChildJvm(this);
        }
    }
}
