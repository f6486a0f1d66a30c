package dev.ferry.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The applications Ferry packages as Quarkus fast-jars, and the one place that knows where a build puts them. A module
 * that runs one declares it as a build-order dependency (type {@code pom}, scope {@code provided}) so the reactor
 * packages it first; nobody else spells out a {@code target/} path.
 */
public enum PackagedApp {
    FRESHSALES_SIM("simulators/freshsales-sim"),
    DENTES_SIM("simulators/dentes-sim"),
    EXTRACTOR("extractor-service"),
    MAPPER("mapper-service"),
    LOADER("loader-service"),
    AUDIT("audit-service");

    /** Overrides where the checkout is; failsafe sets it from Maven's multi-module directory. */
    public static final String REPO_ROOT_PROPERTY = "ferry.repo.root";

    private final String module;

    PackagedApp(String module) {
        this.module = module;
    }

    /** The module's directory relative to the checkout, as in the root POM's module list. */
    public String module() {
        return module;
    }

    /** The module's last path segment ({@code loader-service}, {@code freshsales-sim}). */
    public String displayName() {
        return module.substring(module.lastIndexOf('/') + 1);
    }

    /** The fast-jar runner of this application in the checkout that contains the working directory. */
    public Path runner() {
        return runner(repoRoot());
    }

    /** The fast-jar runner of this application in the checkout at {@code repoRoot}. */
    public Path runner(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The command that builds this application's runner, for error messages. */
    public String buildCommand() {
        return "./mvnw -B -q package -DskipTests -pl " + module + " -am";
    }

    /** A child JVM running this application, with its name and jar filled in. */
    public ChildJvm.Builder jvm(String name) {
        return ChildJvm.builder(name, runner()).buildHint(buildCommand());
    }

    /**
     * The checkout's root: {@value #REPO_ROOT_PROPERTY} when set, else the nearest directory upwards from the working
     * directory whose {@code pom.xml} is Ferry's parent POM.
     */
    public static Path repoRoot() {
        String configured = System.getProperty(REPO_ROOT_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isFerryRoot(dir)) {
                return dir;
            }
        }
        throw new IllegalStateException("cannot find Ferry's checkout above " + Path.of("").toAbsolutePath()
                + "; set -D" + REPO_ROOT_PROPERTY + "=<checkout>");
    }

    private static boolean isFerryRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<artifactId>ferry-parent</artifactId>")
                    && Files.isDirectory(dir.resolve("contracts"));
        } catch (IOException e) {
            return false;
        }
    }
}
