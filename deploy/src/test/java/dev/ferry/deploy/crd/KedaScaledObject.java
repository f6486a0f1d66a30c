package dev.ferry.deploy.crd;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBehavior;
import java.util.List;
import java.util.Map;

/** KEDA {@code keda.sh/v1alpha1 ScaledObject}. */
public record KedaScaledObject(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    public KedaScaledObject {
        Required.field(spec, "spec");
    }

    public record Spec(ScaleTarget scaleTargetRef, Integer pollingInterval, Integer cooldownPeriod,
            Integer initialCooldownPeriod, Integer idleReplicaCount, Integer minReplicaCount,
            Integer maxReplicaCount, Fallback fallback, Advanced advanced, List<Trigger> triggers) {
        public Spec {
            Required.field(scaleTargetRef, "spec.scaleTargetRef");
            Required.field(triggers, "spec.triggers");
        }
    }

    public record ScaleTarget(String apiVersion, String kind, String name, String envSourceContainerName) {
        public ScaleTarget {
            Required.field(name, "name");
        }
    }

    public record Fallback(Integer failureThreshold, Integer replicas, String behavior) {
        public Fallback {
            Required.field(failureThreshold, "failureThreshold");
            Required.field(replicas, "replicas");
        }
    }

    public record Advanced(Boolean restoreToOriginalReplicaCount, HpaConfig horizontalPodAutoscalerConfig,
            ScalingModifiers scalingModifiers) {
    }

    public record HpaConfig(String name, HorizontalPodAutoscalerBehavior behavior) {
    }

    /** Composes the triggers' metrics with an expr-lang formula; every trigger it names must have a name. */
    public record ScalingModifiers(String formula, String target, String activationTarget, MetricType metricType) {
        public ScalingModifiers {
            Required.field(formula, "formula");
            Required.field(target, "target");
        }
    }

    public record Trigger(String type, String name, Map<String, String> metadata, AuthenticationRef authenticationRef,
            MetricType metricType, Boolean useCachedMetrics) {
        public Trigger {
            Required.field(type, "type");
            Required.field(metadata, "metadata");
        }
    }

    public record AuthenticationRef(String name, String kind) {
        public AuthenticationRef {
            Required.field(name, "name");
        }
    }

    public enum MetricType { AverageValue, Value, Utilization }
}
