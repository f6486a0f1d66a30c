package dev.ferry.deploy.render;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where deploy/ and the checkout are (set by surefire; the defaults work when a test runs from deploy/). */
public final class Repo {

    private Repo() {
    }

    public static Path deployDir() {
        return existing(System.getProperty("ferry.deploy.dir", "."));
    }

    public static Path root() {
        return existing(System.getProperty("ferry.repo.root", ".."));
    }

    private static Path existing(String dir) {
        Path p = Path.of(dir).toAbsolutePath().normalize();
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("not a directory: " + p);
        }
        return p;
    }
}
