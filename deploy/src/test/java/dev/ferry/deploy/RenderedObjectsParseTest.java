package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.deploy.render.Manifests;
import dev.ferry.deploy.render.Overlay;
import dev.ferry.deploy.render.StrictModels;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every overlay renders with {@code kubectl kustomize}, and every object it renders parses strictly with a typed
 * model: fabric8 for the core kinds and prometheus-operator's, Strimzi's own model for Kafka, records for
 * CloudNativePG and KEDA (see StrictModels).
 */
class RenderedObjectsParseTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyOverlayRendersTheWholeInstall(Overlay overlay) {
        Manifests m = Manifests.of(overlay);
        assertThat(m.all()).as(overlay + " renders objects").isNotEmpty();
        assertThat(m.all().stream().map(o -> o.path("kind").asText()).distinct())
                .as("one install: namespace, Kafka, PostgreSQL, services, network, scaling, observability")
                .contains("Namespace", "Kafka", "KafkaNodePool", "KafkaTopic", "KafkaUser", "Cluster", "Database",
                        "Deployment", "Service", "PodDisruptionBudget", "ConfigMap", "NetworkPolicy", "ScaledObject",
                        "TriggerAuthentication", "ServiceMonitor", "PodMonitor");
        assertThat(m.all()).allSatisfy(o -> assertThat(o.path("metadata").path("name").asText())
                .as("every object is named").isNotBlank());
    }

    @TestFactory
    Stream<DynamicNode> everyRenderedObjectParsesStrictly() {
        return Arrays.stream(Overlay.values()).map(overlay -> DynamicContainer.dynamicContainer(overlay.toString(),
                Manifests.of(overlay).all().stream().map(o -> DynamicTest.dynamicTest(Manifests.describe(o),
                        () -> parses(o)))));
    }

    private static void parses(ObjectNode object) {
        assertThat(StrictModels.parse(object)).isNotNull();
    }
}
