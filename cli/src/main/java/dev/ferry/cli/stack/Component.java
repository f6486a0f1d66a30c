package dev.ferry.cli.stack;

import dev.ferry.launcher.PackagedApp;
import java.nio.file.Path;

/** The packaged applications a whole migration runs on, with what the stack needs to wire each one. */
public enum Component {
    FRESHSALES_SIM(PackagedApp.FRESHSALES_SIM, null, 8091),
    DENTES_SIM(PackagedApp.DENTES_SIM, null, 8092),
    EXTRACTOR(PackagedApp.EXTRACTOR, "extractor", 8081),
    MAPPER(PackagedApp.MAPPER, "mapper", 8082),
    LOADER(PackagedApp.LOADER, "loader", 8083),
    AUDIT(PackagedApp.AUDIT, "audit", 8084);

    private final PackagedApp app;
    private final String schema;
    private final int defaultPort;

    Component(PackagedApp app, String schema, int defaultPort) {
        this.app = app;
        this.schema = schema;
        this.defaultPort = defaultPort;
    }

    public PackagedApp app() {
        return app;
    }

    /** The Quarkus fast-jar runner of this component in a built checkout. */
    public Path jar(Path repoRoot) {
        return app.runner(repoRoot);
    }

    /** The service's PostgreSQL schema (and role {@code ferry_<schema>}); null for the sandboxes. */
    public String schema() {
        return schema;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String displayName() {
        return app.displayName();
    }
}
