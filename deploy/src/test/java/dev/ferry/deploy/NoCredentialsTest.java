package dev.ferry.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.deploy.render.Manifests;
import dev.ferry.deploy.render.Overlay;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No credential is written into any rendered manifest: no Secret object carries values, no secret-looking setting
 * has a literal value, and none of the local defaults (the database password {@code ferry}, the sandboxes' token and
 * key) appears anywhere. Secrets reach the pods only by reference.
 */
class NoCredentialsTest {

    /** The local and sandbox defaults from the services' application.properties and bin/ferry. */
    private static final List<String> DEFAULT_CREDENTIALS = List.of("ferry-sandbox-key", "dentes-sandbox-token");
    /** A YAML line {@code key: value} with a value on the same line. */
    private static final Pattern YAML_LINE = Pattern.compile("(?m)^[ \\t]*(?:- )?([\\w.-]+)[ \\t]*:[ \\t]*(\\S.*)$");
    /** A key that names a secret... */
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|token|api-?key).*");
    /** ...unless it is one of the ways Kubernetes and the operators refer to a Secret by name. */
    private static final List<String> REFERENCE_KEYS = List.of("secretKeyRef", "secretName", "passwordSecret",
            "secretTargetRef", "secretRef");
    /** A properties key that names a secret, with a value that is not a ${...} reference. */
    private static final Pattern PROPERTY_SECRET_LITERAL = Pattern.compile(
            "(?im)^[\\w.\\-\"]*(password|secret|token|api-key)[\\w.\\-\"]*\\s*=\\s*(?!\\$\\{)\\S*$");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|API_KEY|APIKEY).*");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void noSecretObjectIsRendered(Overlay overlay) {
        assertThat(Manifests.of(overlay).ofKind("Secret"))
                .as("Secrets are created outside the repository (deploy/README.md, \"Secrets\")").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void noDefaultCredentialAppearsAnywhere(Overlay overlay) {
        String text = Manifests.of(overlay).text();
        assertThat(DEFAULT_CREDENTIALS).allSatisfy(c -> assertThat(text).doesNotContain(c));
        assertThat(YAML_LINE.matcher(text).results()
                .filter(r -> SECRET_KEY.matcher(r.group(1)).matches() && !REFERENCE_KEYS.contains(r.group(1)))
                .map(r -> r.group().trim()).toList())
                .as("YAML keys that name a secret and hold a literal").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void configMapsHoldNoSecretValues(Overlay overlay) {
        for (ConfigMap cm : Manifests.of(overlay).typed("ConfigMap", ConfigMap.class)) {
            cm.getData().forEach((key, value) -> {
                assertThat(PROPERTY_SECRET_LITERAL.matcher(value).results().map(r -> r.group()).toList())
                        .as("%s %s: a secret property must be a ${...} reference", cm.getMetadata().getName(), key)
                        .isEmpty();
                assertThat(SECRET_NAME.matcher(key).matches())
                        .as("%s holds a secret-looking key %s", cm.getMetadata().getName(), key).isFalse();
                assertThat(value.trim()).as("%s %s", cm.getMetadata().getName(), key).isNotEqualTo("ferry");
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everySecretSettingOfEveryPodComesFromASecretByReference(Overlay overlay) {
        for (Deployment d : Manifests.of(overlay).typed("Deployment", Deployment.class)) {
            for (var c : d.getSpec().getTemplate().getSpec().getContainers()) {
                for (EnvVar env : c.getEnv()) {
                    if (SECRET_NAME.matcher(env.getName()).matches()) {
                        assertThat(env.getValue()).as("%s %s has a literal value", d.getMetadata().getName(),
                                env.getName()).isNull();
                        assertThat(env.getValueFrom().getSecretKeyRef())
                                .as("%s %s comes from a Secret", d.getMetadata().getName(), env.getName())
                                .isNotNull();
                    }
                    if (env.getValue() != null) {
                        assertThat(env.getValue().toLowerCase(Locale.ROOT)).isNotEqualTo("ferry");
                    }
                }
            }
        }
    }
}
