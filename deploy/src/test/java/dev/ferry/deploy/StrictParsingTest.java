package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ferry.deploy.render.StrictModels;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** The strict parse really refuses what the schema does not allow, at any depth and in every family of models. */
class StrictParsingTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void aValidDeploymentParses() {
        assertThat(StrictModels.parse(yaml(DEPLOYMENT))).isNotNull();
    }

    @Test
    void anUnknownFieldDeepInACoreKindFails() {
        parsing(DEPLOYMENT.replace("image: x", "image: x\n        imagePullPolize: Always"))
                .hasMessageContaining("imagePullPolize");
    }

    @Test
    void anEnvValueWrittenAsANumberFails() {
        parsing(DEPLOYMENT.replace("value: \"8\"", "value: 8"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownFieldInAStrimziKindFails() {
        parsing("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitions: 3, replica: 3}
                """).hasMessageContaining("replica");
    }

    @Test
    void anUnknownFieldInACloudNativePgRoleFails() {
        parsing("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: c}
                spec:
                  instances: 1
                  managed:
                    roles: [{name: r, loginn: true}]
                """).hasMessageContaining("loginn");
    }

    @Test
    void aRequiredFieldMissingInAKedaKindFails() {
        parsing(SCALED_OBJECT + "  triggers: [{type: kafka}]\n").hasMessageContaining("metadata");
    }

    @Test
    void aStringWhereAnIntegerBelongsFails() {
        parsing(SCALED_OBJECT + "  maxReplicaCount: \"6\"\n  triggers: [{type: kafka, metadata: {topic: t}}]\n")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKindWithoutAModelFails() {
        parsing("apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n")
                .hasMessageContaining("no typed model for example.com/v1/Widget");
    }

    /** A ScaledObject up to its triggers, which each test writes. */
    private static final String SCALED_OBJECT = """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: s}
            spec:
              scaleTargetRef: {name: d}
            """;

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: d}
            spec:
              selector: {matchLabels: {app: d}}
              template:
                metadata: {labels: {app: d}}
                spec:
                  containers:
                    - name: c
                      image: x
                      env:
                        - name: N
                          value: "8"
            """;

    /** The parse of one YAML object, expected to fail. */
    private static AbstractThrowableAssert<?, ? extends Throwable> parsing(String text) {
        return assertThatThrownBy(() -> StrictModels.parse(yaml(text)));
    }

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
