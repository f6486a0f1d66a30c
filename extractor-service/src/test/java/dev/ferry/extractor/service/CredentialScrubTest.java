package dev.ferry.extractor.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.SourceResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An integration's credentials never leave the extractor (issue 10: "credential values never appear"). */
class CredentialScrubTest {

    private static final String SECRET = "MARKER-7f3c-secret";

    private static ObjectNode integration() throws Exception {
        return (ObjectNode) FerryJson.mapper().readTree("""
                {"id": "INT-001", "updated_at": "2025-01-01T00:00:00Z", "name": "e-Nabız Bildirim", "kind": "E_NABIZ",
                 "endpoint_url": "https://svc:%1$s@enabiz.gov.tr/ws/sys?token=%1$s#%1$s", "auth_type": "CERTIFICATE",
                 "credentials": {"keystore_password": "%1$s", "headers": {"X-Api-Key": "%1$s"}},
                 "headers": {"Authorization": "Bearer %1$s"}, "api_token": "%1$s",
                 "data_format": "HL7 CDA", "active": true, "turkish_compliance": true}""".formatted(SECRET));
    }

    @Test
    void credentialsHeadersAndAddressSecretsAreNotPublishedEvenWhenTheMappingAsksForThem() throws Exception {
        FieldProjection projection = FieldProjection.of(Map.of(SourceResource.INTEGRATIONS,
                Set.of("name", "kind", "endpoint_url", "auth_type", "credentials", "headers", "api_token")));

        ObjectNode out = projection.apply(SourceResource.INTEGRATIONS, List.of(integration())).get(0);

        assertThat(out.toString()).doesNotContain(SECRET);
        assertThat(out.fieldNames()).toIterable().containsExactlyInAnyOrder("id", "updated_at", "name", "kind",
                "endpoint_url", "auth_type");
        assertThat(out.get("endpoint_url").asText()).isEqualTo("https://enabiz.gov.tr/ws/sys");
    }

    @Test
    void credentialsAreDroppedWhenRecordsArePublishedWhole() throws Exception {
        ObjectNode out = FieldProjection.all().apply(SourceResource.INTEGRATIONS, List.of(integration())).get(0);

        assertThat(out.toString()).doesNotContain(SECRET);
        assertThat(out.has("credentials")).isFalse();
        assertThat(out.get("data_format").asText()).as("the rest stays whole").isEqualTo("HL7 CDA");
    }

    @Test
    void otherResourcesKeepFieldsWithSecretSoundingNames() throws Exception {
        ObjectNode patient = (ObjectNode) FerryJson.mapper().readTree("{\"id\": \"P-1\", \"token\": \"t\"}");

        assertThat(FieldProjection.all().apply(SourceResource.PATIENTS, List.of(patient)).get(0).has("token")).isTrue();
    }

    @Test
    void anAddressKeepsSchemeHostPortAndPath() {
        assertThat(CredentialScrub.withoutSecrets("https://a:b@host.example:8443/api/v2?key=1"))
                .isEqualTo("https://host.example:8443/api/v2");
        assertThat(CredentialScrub.withoutSecrets("https://api.iyzipay.com")).isEqualTo("https://api.iyzipay.com");
        assertThat(CredentialScrub.withoutSecrets("not a url with pw@x")).startsWith("(withheld");
    }
}
