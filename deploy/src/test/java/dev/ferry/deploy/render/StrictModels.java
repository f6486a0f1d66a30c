package dev.ferry.deploy.render;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.ferry.deploy.crd.CnpgCluster;
import dev.ferry.deploy.crd.CnpgDatabase;
import dev.ferry.deploy.crd.KedaScaledObject;
import dev.ferry.deploy.crd.KedaTriggerAuthentication;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.util.Map;

/**
 * Every kind deploy/ may render, with the typed model that parses it, and a Jackson mapper that refuses what the
 * model does not know. fabric8's and Strimzi's models keep unknown fields in an {@code additionalProperties} map
 * (through a Jackson any-setter) instead of failing; this mapper removes every any-setter, so an unknown field
 * anywhere in an object fails the parse with its path. {@link AdditionalProperties} checks the result once more.
 * Scalars must have the schema's type: no string where an integer belongs, no number where a string belongs (the API
 * server refuses both, e.g. an env value written as a bare number).
 */
public final class StrictModels {

    /** apiVersion/kind → model. A kind not listed here fails: add its model before rendering it. */
    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class),
            Map.entry("postgresql.cnpg.io/v1/Cluster", CnpgCluster.class),
            Map.entry("postgresql.cnpg.io/v1/Database", CnpgDatabase.class),
            Map.entry("keda.sh/v1alpha1/ScaledObject", KedaScaledObject.class),
            Map.entry("keda.sh/v1alpha1/TriggerAuthentication", KedaTriggerAuthentication.class));

    private static final ObjectMapper STRICT = strictMapper();

    private StrictModels() {
    }

    /** The model of an object by its apiVersion and kind. */
    public static Class<?> modelOf(JsonNode object) {
        String key = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        Class<?> model = MODELS.get(key);
        if (model == null) {
            throw new IllegalArgumentException("no typed model for " + key + " (" + Manifests.describe(object)
                    + "): add one to StrictModels.MODELS");
        }
        return model;
    }

    /** Parses strictly and checks that nothing landed in an additionalProperties map. */
    public static <T> T parse(JsonNode object, Class<T> type) {
        T parsed;
        try {
            parsed = STRICT.treeToValue(object, type);
        } catch (Exception e) {
            throw new IllegalArgumentException(Manifests.describe(object) + " does not parse as " + type.getName()
                    + ": " + e.getMessage(), e);
        }
        AdditionalProperties.requireNone(parsed, Manifests.describe(object));
        return parsed;
    }

    public static Object parse(JsonNode object) {
        return parse(object, modelOf(object));
    }

    static ObjectMapper strictMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .registerModule(new SimpleModule().setDeserializerModifier(new NoAnySetter()));
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }

    /** Unknown fields go nowhere: neither into an any-setter nor silently ignored by @JsonIgnoreProperties. */
    private static final class NoAnySetter extends BeanDeserializerModifier {
        @Override
        public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                BeanDeserializerBuilder builder) {
            builder.setAnySetter(null);
            builder.setIgnoreUnknownProperties(false);
            return builder;
        }
    }
}
