package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.deploy.render.Manifests;
import dev.ferry.deploy.render.Overlay;
import dev.ferry.deploy.render.Repo;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Prometheus scrapes every service, and the dashboard and the scaler query only metrics the code registers: a
 * {@code ferry_x_y_total} in a query must be a Micrometer meter {@code "ferry.x.y"} in some service's main code
 * (a renamed meter would otherwise leave an empty panel or a scaler stuck at zero).
 */
class ObservabilityTest {

    private static final List<String> SERVICES = List.of("extractor-service", "mapper-service", "loader-service",
            "audit-service");
    private static final Pattern FERRY_METRIC = Pattern.compile("\\bferry_[a-z_]+");
    /** Micrometer's Prometheus suffixes for counters and timers. */
    private static final Pattern SUFFIX = Pattern.compile("_(total|seconds_count|seconds_sum|seconds_max|seconds)$");
    /** Metrics from outside Ferry's code: Strimzi's Kafka Exporter. */
    private static final Set<String> EXTERNAL = Set.of("kafka_consumergroup_lag");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyServiceIsScrapedOnItsMetricsPath(Overlay overlay) {
        Manifests m = Manifests.of(overlay);
        ServiceMonitor sm = m.typed(m.named("ServiceMonitor", "ferry-services"), ServiceMonitor.class);
        assertThat(sm.getSpec().getEndpoints()).singleElement()
                .satisfies(e -> assertThat(e.getPath()).isEqualTo("/q/metrics"));
        assertThat(sm.getSpec().getSelector().getMatchExpressions()).singleElement()
                .satisfies(e -> assertThat(e.getValues()).containsExactlyInAnyOrderElementsOf(SERVICES));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theDashboardAndTheScalerQueryOnlyMetricsTheCodeRegisters(Overlay overlay) {
        Manifests m = Manifests.of(overlay);
        String dashboard = dashboardJson(m);
        String scaler = m.named("ScaledObject", "loader-service").toString();
        Set<String> queried = Stream.of(dashboard, scaler).flatMap(t -> FERRY_METRIC.matcher(t).results())
                .map(r -> SUFFIX.matcher(r.group()).replaceFirst("")).collect(Collectors.toCollection(TreeSet::new));
        assertThat(queried).as("the dashboard queries Ferry metrics").isNotEmpty();
        Set<String> registered = registeredMeterNames();
        assertThat(queried).allSatisfy(q -> assertThat(registered).as("meter behind " + q)
                .contains(q.replace('_', '.')));
        assertThat(dashboard).contains(EXTERNAL);
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theDashboardCoversAMigration(Overlay overlay) throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(dashboardJson(Manifests.of(overlay)));
        String titles = dashboard.path("panels").findValuesAsText("title").toString().toLowerCase();
        assertThat(titles).contains("per resource", "calls", "429", "budget", "eta", "lag", "poison");
    }

    private static String dashboardJson(Manifests m) {
        ConfigMap cm = m.typed(m.named("ConfigMap", "ferry-migration-dashboard"), ConfigMap.class);
        assertThat(cm.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        return cm.getData().get("ferry-migration.json");
    }

    /** Every {@code "ferry.…"} string literal in the services' main Java code: the meter names they register. */
    private static Set<String> registeredMeterNames() {
        Pattern literal = Pattern.compile("\"(ferry\\.[a-z0-9.]+)\"");
        Set<String> names = new TreeSet<>();
        for (String service : SERVICES) {
            try (Stream<Path> files = Files.walk(Repo.root().resolve(service).resolve("src/main/java"))) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> literal.matcher(read(f)).results()
                        .forEach(r -> names.add(r.group(1))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
