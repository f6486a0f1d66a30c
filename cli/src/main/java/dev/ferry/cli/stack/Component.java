package dev.ferry.cli.stack;

import java.nio.file.Path;

/** The packaged applications a whole migration runs on. */
public enum Component {
    FRESHSALES_SIM("simulators/freshsales-sim", null, 8091),
    DENTES_SIM("simulators/dentes-sim", null, 8092),
    EXTRACTOR("extractor-service", "extractor", 8081),
    MAPPER("mapper-service", "mapper", 8082),
    LOADER("loader-service", "loader", 8083),
    AUDIT("audit-service", "audit", 8084);

    private final String module;
    private final String schema;
    private final int defaultPort;

    Component(String module, String schema, int defaultPort) {
        this.module = module;
        this.schema = schema;
        this.defaultPort = defaultPort;
    }

    /** The Quarkus fast-jar runner of this component in a built checkout. */
    public Path jar(Path repoRoot) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The service's PostgreSQL schema (and role {@code ferry_<schema>}); null for the sandboxes. */
    public String schema() {
        return schema;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public String displayName() {
        return module.substring(module.lastIndexOf('/') + 1);
    }
}
