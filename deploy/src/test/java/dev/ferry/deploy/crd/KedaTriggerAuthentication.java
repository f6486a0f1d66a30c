package dev.ferry.deploy.crd;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;

/** KEDA {@code keda.sh/v1alpha1 TriggerAuthentication}: where a scaler's credentials come from (by reference). */
public record KedaTriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    public KedaTriggerAuthentication {
        Required.field(spec, "spec");
    }

    public record Spec(List<SecretTarget> secretTargetRef, List<ConfigMapTarget> configMapTargetRef,
            List<EnvTarget> env) {
    }

    public record SecretTarget(String parameter, String name, String key) {
        public SecretTarget {
            Required.field(parameter, "parameter");
            Required.field(name, "name");
            Required.field(key, "key");
        }
    }

    public record ConfigMapTarget(String parameter, String name, String key) {
        public ConfigMapTarget {
            Required.field(parameter, "parameter");
            Required.field(name, "name");
            Required.field(key, "key");
        }
    }

    public record EnvTarget(String parameter, String name, String containerName) {
        public EnvTarget {
            Required.field(parameter, "parameter");
            Required.field(name, "name");
        }
    }
}
