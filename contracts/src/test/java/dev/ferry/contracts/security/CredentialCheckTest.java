package dev.ferry.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.security.CredentialCheck.AnyOf;
import dev.ferry.contracts.security.CredentialCheck.Required;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialCheckTest {

    private static final List<Required> REQUIRED = List.of(Required.of("db.password", "ferry"),
            Required.of("api.key", "sandbox-key"), Required.of("service.token"));
    private static final List<AnyOf> KEY = List.of(new AnyOf(List.of("key.inline", "key.location")));

    @Test
    void missing_blank_and_default_values_are_named_by_key_only() {
        List<String> problems = CredentialCheck.problems(REQUIRED, KEY,
                CredentialCheck.from(Map.of("db.password", "ferry", "api.key", "  ")));
        assertThat(problems).containsExactly("db.password is still the repository's default", "api.key is missing",
                "service.token is missing", "none of key.inline, key.location is set");
        assertThat(CredentialCheck.refusal("the loader service", problems)).doesNotContain("ferry,").doesNotContain("=ferry")
                .contains("db.password", "ferry.auth.refuse-default-credentials=false");
    }

    @Test
    void a_default_with_surrounding_blanks_is_still_a_default() {
        assertThat(CredentialCheck.problems(List.of(Required.of("api.key", "sandbox-key")), List.of(),
                CredentialCheck.from(Map.of("api.key", " sandbox-key\n")))).hasSize(1);
    }

    @Test
    void real_values_and_either_key_location_pass() {
        assertThat(CredentialCheck.problems(REQUIRED, KEY, CredentialCheck.from(Map.of("db.password", "s3cret-x",
                "api.key", "k-123", "service.token", "eyJ.x.y", "key.location", "file:/keys/jwt.pem")))).isEmpty();
    }

    @Test
    void enforcingRefusesWithKeysOnlyAndASwitchedOffCheckOnlyWarns() {
        java.util.List<String> warnings = new java.util.ArrayList<>();
        java.util.List<CredentialCheck.Required> required = CredentialCheck.everyServiceAnd(
                CredentialCheck.Required.of("ferry.loader.freshsales.api-key", "ferry-sandbox-key"));
        java.util.Map<String, String> shipped = java.util.Map.of("quarkus.datasource.password", "ferry",
                "mp.jwt.verify.issuer", "urn:ferry:local", "ferry.loader.freshsales.api-key", "ferry-sandbox-key");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CredentialCheck.enforce("the loader service", true,
                        required, CredentialCheck.VERIFYING_KEY, CredentialCheck.from(shipped), warnings::add))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContainingAll("the loader service", "quarkus.datasource.password",
                        "ferry.loader.freshsales.api-key", "mp.jwt.verify.publickey")
                .hasMessageNotContaining("ferry-sandbox-key");
        CredentialCheck.enforce("the loader service", false, required, CredentialCheck.VERIFYING_KEY,
                CredentialCheck.from(shipped), warnings::add);
        org.assertj.core.api.Assertions.assertThat(warnings).singleElement().asString()
                .contains("refuse-default-credentials=false");
    }
}
