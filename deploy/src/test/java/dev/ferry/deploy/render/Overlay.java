package dev.ferry.deploy.render;

import java.nio.file.Path;

/** The installable kustomizations: {@code kubectl apply -k deploy/overlays/<env>}. */
public enum Overlay {
    DEV("overlays/dev"),
    PROD("overlays/prod");

    private final String dir;

    Overlay(String dir) {
        this.dir = dir;
    }

    public Path path() {
        return Repo.deployDir().resolve(dir);
    }

    @Override
    public String toString() {
        return dir;
    }
}
