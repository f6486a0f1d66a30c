package dev.ferry.cli.stack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a stack runs: the built checkout, a folder for logs, the Kafka broker and PostgreSQL database to use, the
 * ports, and extra system properties per component.
 *
 * @param perServiceRoles true: each service logs in as {@code ferry_<service>} into schema {@code <service>} (the
 *     layout {@code bin/ferry infra up} provisions, used by the demo); false: every service logs in as {@code dbUser}
 *     into schema {@code <schemaPrefix><service>} (tests, which need schemas of their own)
 */
public record StackSettings(
        Path repoRoot,
        Path workDir,
        String kafkaBootstrap,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        boolean perServiceRoles,
        String schemaPrefix,
        Map<Component, Integer> ports,
        Map<Component, Map<String, String>> extraProperties,
        String serviceHeap) {

    public StackSettings {
        Map<Component, Integer> chosen = new EnumMap<>(Component.class);
        for (Component c : Component.values()) {
            chosen.put(c, ports.getOrDefault(c, c.defaultPort()));
        }
        ports = chosen;
        Map<Component, Map<String, String>> extras = new EnumMap<>(Component.class);
        extraProperties.forEach((k, v) -> extras.put(k, Map.copyOf(v)));
        extraProperties = extras;
        schemaPrefix = schemaPrefix == null ? "" : schemaPrefix;
        serviceHeap = serviceHeap == null ? "384m" : serviceHeap;
    }

    public int port(Component c) {
        return ports.get(c);
    }

    public String baseUrl(Component c) {
        return "http://127.0.0.1:" + port(c);
    }

    public String schema(Component c) {
        return perServiceRoles ? c.schema() : schemaPrefix + c.schema();
    }

    public String dbUserFor(Component c) {
        return perServiceRoles ? "ferry_" + c.schema() : dbUser;
    }

    /** A copy with extra system properties for one component (added to, and overriding, the ones already set). */
    public StackSettings with(Component c, Map<String, String> properties) {
        Map<Component, Map<String, String>> extras = new EnumMap<>(Component.class);
        extras.putAll(extraProperties);
        Map<String, String> merged = new HashMap<>(extras.getOrDefault(c, Map.of()));
        merged.putAll(properties);
        extras.put(c, merged);
        return new StackSettings(repoRoot, workDir, kafkaBootstrap, jdbcUrl, dbUser, dbPassword, perServiceRoles,
                schemaPrefix, ports, extras, serviceHeap);
    }
}
