package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.Topics;
import dev.ferry.deploy.crd.KedaScaledObject;
import dev.ferry.deploy.crd.KedaScaledObject.Trigger;
import dev.ferry.deploy.render.Manifests;
import dev.ferry.deploy.render.Overlay;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The loader's ScaledObject: never more replicas than freshsales.commands has partitions, lag read for the loader's
 * own group, the budget cap's divisors equal to the loader's configured usable budget, and KEDA's Kafka user able to
 * describe and nothing more.
 */
class ScalingTest {

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theLoaderNeverScalesPastThePartitionsOfItsTopic(Overlay overlay) {
        KedaScaledObject so = loaderScaledObject(overlay);
        int partitions = TopicsTest.topics(overlay).stream().filter(t -> Topics.COMMANDS.equals(TopicsTest.topicName(t)))
                .findFirst().orElseThrow().getSpec().getPartitions();
        assertThat(so.spec().maxReplicaCount()).isNotNull().isLessThanOrEqualTo(partitions);
        assertThat(so.spec().minReplicaCount()).as("a run's commands are never left without a consumer").isPositive();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void lagIsReadForTheLoadersGroupOnTheCommandsTopic(Overlay overlay) {
        Trigger lag = trigger(loaderScaledObject(overlay), "lag");
        assertThat(lag.type()).isEqualTo("kafka");
        assertThat(lag.metadata()).containsEntry("topic", Topics.COMMANDS).containsEntry("consumerGroup", "ferry-loader")
                .containsEntry("allowIdleConsumers", "false");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theBudgetCapDividesByTheBudgetTheLoaderIsConfiguredWith(Overlay overlay) {
        Map<String, String> config = loaderConfig(overlay);
        int headroom = Integer.parseInt(config.get("FERRY_LOADER_BUDGET_HEADROOM_PERCENT"));
        int perHour = Integer.parseInt(config.get("FERRY_LOADER_BUDGET_PER_HOUR")) * (100 - headroom) / 100;
        int perMinute = Integer.parseInt(config.get("FERRY_LOADER_BUDGET_PER_MINUTE")) * (100 - headroom) / 100;
        KedaScaledObject so = loaderScaledObject(overlay);
        assertThat(trigger(so, "hourBudget").metadata().get("query")).endsWith("[1h])) / " + perHour);
        assertThat(trigger(so, "minuteBudget").metadata().get("query")).endsWith("[1m])) / " + perMinute);
        assertThat(so.spec().advanced().scalingModifiers().formula())
                .contains("hourBudget", "minuteBudget", "throttled", "lag");
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void kedaMayOnlyDescribeTheLoadersTopicAndGroup(Overlay overlay) {
        Manifests m = Manifests.of(overlay);
        KafkaUser keda = m.typed(m.named("KafkaUser", "ferry-keda"), KafkaUser.class);
        assertThat(((KafkaUserAuthorizationSimple) keda.getSpec().getAuthorization()).getAcls())
                .allSatisfy(a -> assertThat(a.getOperations()).containsExactly(AclOperation.DESCRIBE));
    }

    private static KedaScaledObject loaderScaledObject(Overlay overlay) {
        Manifests m = Manifests.of(overlay);
        KedaScaledObject so = m.typed(m.named("ScaledObject", "loader-service"), KedaScaledObject.class);
        assertThat(so.spec().scaleTargetRef().name()).isEqualTo("loader-service");
        return so;
    }

    private static Trigger trigger(KedaScaledObject so, String name) {
        return so.spec().triggers().stream().filter(t -> name.equals(t.name())).findFirst().orElseThrow();
    }

    private static Map<String, String> loaderConfig(Overlay overlay) {
        return Manifests.of(overlay).typed("ConfigMap", ConfigMap.class).stream()
                .filter(cm -> cm.getMetadata().getName().startsWith("loader-service-")).findFirst().orElseThrow()
                .getData();
    }
}
