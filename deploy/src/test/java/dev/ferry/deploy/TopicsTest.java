package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.Topics;
import dev.ferry.deploy.render.Manifests;
import dev.ferry.deploy.render.Overlay;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The KafkaTopics are exactly the topics of contracts ({@link Topics#all()}: the fixed ones and every resource's raw
 * topic), each with partitions and a retention, and each says whether it carries health data.
 */
class TopicsTest {

    /** What docs/architecture.md says: raw records, commands and before-images carry patient data. */
    private static final Set<String> WITHOUT_HEALTH_DATA = Set.of(Topics.RUNS, Topics.POISON);

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyContractTopicHasAKafkaTopicAndNothingElseDoes(Overlay overlay) {
        Set<String> declared = topics(overlay).stream().map(TopicsTest::topicName).collect(Collectors.toSet());
        assertThat(declared).containsExactlyInAnyOrderElementsOf(Topics.all());
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyTopicHasPartitionsRetentionAndSaysWhetherItCarriesHealthData(Overlay overlay) {
        for (KafkaTopic t : topics(overlay)) {
            String name = topicName(t);
            assertThat(t.getSpec().getPartitions()).as(name).isPositive();
            assertThat(t.getSpec().getConfig()).as(name).containsKey("retention.ms");
            assertThat(t.getMetadata().getLabels()).as(name).containsEntry("strimzi.io/cluster", "ferry")
                    .containsEntry("ferry.dev/health-data", Boolean.toString(!WITHOUT_HEALTH_DATA.contains(name)));
        }
    }

    static List<KafkaTopic> topics(Overlay overlay) {
        return Manifests.of(overlay).typed("KafkaTopic", KafkaTopic.class);
    }

    static String topicName(KafkaTopic t) {
        return t.getSpec().getTopicName() != null ? t.getSpec().getTopicName() : t.getMetadata().getName();
    }
}
