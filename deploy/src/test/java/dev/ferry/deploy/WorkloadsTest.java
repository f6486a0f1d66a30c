package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.render.Manifests;
import dev.ferry.deploy.render.Overlay;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What every workload must have, the extractor's one-replica rule, and where the sandboxes may (not) run. */
class WorkloadsTest {

    private static final List<String> SERVICES = List.of("extractor-service", "mapper-service", "loader-service",
            "audit-service");
    private static final List<String> SANDBOXES = List.of("dentes-sim", "freshsales-sim");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyServiceIsDeployedAndReachable(Overlay overlay) {
        Manifests m = Manifests.of(overlay);
        for (String name : SERVICES) {
            Deployment d = m.typed(m.named("Deployment", name), Deployment.class);
            Service s = m.typed(m.named("Service", name), Service.class);
            assertThat(s.getSpec().getSelector()).as(name).isEqualTo(d.getSpec().getSelector().getMatchLabels());
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyDeploymentHasHealthProbesResourcesAndADisruptionBudget(Overlay overlay) {
        Manifests m = Manifests.of(overlay);
        List<PodDisruptionBudget> budgets = m.typed("PodDisruptionBudget", PodDisruptionBudget.class);
        for (Deployment d : m.typed("Deployment", Deployment.class)) {
            String name = d.getMetadata().getName();
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).as(name + " liveness").isEqualTo("/q/health/live");
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).as(name + " readiness")
                    .isEqualTo("/q/health/ready");
            Map<String, Quantity> requests = c.getResources().getRequests();
            Map<String, Quantity> limits = c.getResources().getLimits();
            assertThat(requests).as(name + " requests").containsKeys("cpu", "memory");
            assertThat(limits).as(name + " limits").containsKey("memory");
            assertThat(Quantity.getAmountInBytes(requests.get("memory")))
                    .as(name + ": the limit leaves room above the request")
                    .isLessThanOrEqualTo(Quantity.getAmountInBytes(limits.get("memory")));
            Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(budgets).as(name + " has a PodDisruptionBudget").anySatisfy(pdb -> assertThat(podLabels)
                    .containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels()));
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theExtractorRunsAloneAndIsReplacedNotRolled(Overlay overlay) {
        Manifests m = Manifests.of(overlay);
        Deployment d = m.typed(m.named("Deployment", "extractor-service"), Deployment.class);
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(m.ofKind("ScaledObject")).noneSatisfy(so -> assertThat(
                so.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("extractor-service"));
    }

    @Test
    void prodRunsNoSandbox() {
        Manifests prod = Manifests.of(Overlay.PROD);
        assertThat(prod.all()).noneSatisfy(o -> assertThat(SANDBOXES).contains(o.path("metadata").path("name").asText()));
        assertThat(prod.text()).doesNotContain("ferry/dentes-sim", "ferry/freshsales-sim", "ferry-sandbox",
                "dentes-sim", "freshsales-sim");
    }

    @Test
    void devRunsBothSandboxesAndPointsTheServicesAtThem() {
        Manifests dev = Manifests.of(Overlay.DEV);
        for (String sandbox : SANDBOXES) {
            assertThat(dev.named("Deployment", sandbox)).isNotNull();
            assertThat(dev.named("Service", sandbox)).isNotNull();
        }
        assertThat(dev.ofKind("ConfigMap")).anySatisfy(cm -> assertThat(cm.path("data").path("dentes-base-url")
                .asText()).isEqualTo("http://dentes-sim:8092"));
    }
}
