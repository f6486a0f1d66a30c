package dev.ferry.mapper.mapping;

import static dev.ferry.mapper.mapping.Fixtures.SPEC;
import static dev.ferry.mapper.mapping.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.spec.MappingAction;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import org.junit.jupiter.api.Test;

/** Workflows and integrations become entries of their rebuild documents (issue 10). */
class RebuildEntriesTest {

    @Test
    void theSpecDocumentsWorkflowsAndIntegrationsAndNeverReadsCredentials() {
        for (SourceResource r : new SourceResource[] {SourceResource.WORKFLOWS, SourceResource.INTEGRATIONS}) {
            ResourceMapping m = SPEC.mappingFor(r).orElseThrow();
            assertThat(m.action()).isEqualTo(MappingAction.DOCUMENT);
            assertThat(m.target()).isEqualTo(FreshsalesTarget.REBUILD_DOCUMENT);
            assertThat(m.sourceFields()).containsAll(RebuildEntries.fieldsOf(r)).doesNotContain("credentials");
        }
    }

    @Test
    void aWorkflowEntryHoldsTriggerConditionsScheduleEveryActionAndWhatRebuildsIt() {
        ObjectNode e = RebuildEntries.entry(SourceResource.WORKFLOWS, "WF-002", json("""
                {"id": "WF-002", "name": "Randevu hatırlatma (WhatsApp)", "active": false,
                 "trigger": {"event": "APPOINTMENT_SCHEDULED", "conditions": ["patient.consent_sms == true"]},
                 "schedule": {"interval": 3, "unit": "HOURS"},
                 "actions": [{"channel": "WHATSAPP", "template": "randevu_wp", "offset": "-PT3H"},
                             {"channel": "TASK", "template": "resepsiyon_ara", "offset": "P1D"}]}"""));

        assertThat(e.get("name").asText()).isEqualTo("Randevu hatırlatma (WhatsApp)");
        assertThat(e.get("active").asBoolean()).isFalse();
        assertThat(e.get("trigger").asText()).isEqualTo("APPOINTMENT_SCHEDULED");
        assertThat(e.get("freshsales_trigger").asText()).contains("Appointment");
        assertThat(e.get("conditions").get(0).asText()).isEqualTo("patient.consent_sms == true");
        assertThat(e.get("schedule").asText()).isEqualTo("every 3 hours");
        assertThat(e.get("actions")).hasSize(2);
        assertThat(e.at("/actions/0/channel").asText()).isEqualTo("WHATSAPP");
        assertThat(e.at("/actions/0/template").asText()).isEqualTo("randevu_wp");
        assertThat(e.at("/actions/0/offset").asText()).isEqualTo("-PT3H");
        assertThat(e.at("/actions/0/when").asText()).isEqualTo("3 hours before the trigger");
        assertThat(e.at("/actions/1/when").asText()).isEqualTo("1 day after the trigger");
        assertThat(e.at("/actions/0/rebuild_as").asText()).contains("WhatsApp Business", "Marketplace");
        assertThat(e.get("rebuild_with").toString()).contains("Workflows", "Sequences", "Marketplace");
        assertThat(e.get("notes").toString()).contains("Inactive", "before its event");
    }

    @Test
    void aWorkflowWithMissingPartsSaysSoInsteadOfFailing() {
        ObjectNode e = RebuildEntries.entry(SourceResource.WORKFLOWS, "WF-9", json("{\"id\": \"WF-9\"}"));

        assertThat(e.get("name").asText()).isEqualTo("(not set)");
        assertThat(e.get("schedule").asText()).isEqualTo("(not set)");
        assertThat(e.get("notes").toString()).contains("No action");
        assertThat(RebuildEntries.when("P0D")).isEqualTo("at the trigger");
        assertThat(RebuildEntries.when("soon")).contains("not an ISO-8601 duration");
    }

    @Test
    void eNabizAndMedulaAreNotPortableWhateverTheirFlagSays() {
        for (String kind : new String[] {"E_NABIZ", "MEDULA"}) {
            ObjectNode e = RebuildEntries.entry(SourceResource.INTEGRATIONS, "INT-5", json("""
                    {"id": "INT-5", "name": "x", "kind": "%s", "endpoint_url": "https://enabiz.gov.tr/ws/sys",
                     "auth_type": "CERTIFICATE", "data_format": "HL7 CDA", "active": true,
                     "turkish_compliance": false}""".formatted(kind)));

            assertThat(e.get("turkish_compliance").asBoolean()).isTrue();
            assertThat(e.get("portable").asBoolean()).isFalse();
            assertThat(e.get("rebuild_with").asText()).startsWith("Not portable.").contains("certified");
        }
    }

    @Test
    void anIntegrationEntryHoldsEveryFieldButNeverACredential() {
        ObjectNode e = RebuildEntries.entry(SourceResource.INTEGRATIONS, "INT-2", json("""
                {"id": "INT-2", "name": "Dijital Lab Portalı", "kind": "LAB_PORTAL",
                 "endpoint_url": "https://u:SECRET-1@portal.example.com.tr/api?token=SECRET-2",
                 "auth_type": "OAUTH2", "credentials": {"client_secret": "SECRET-3"},
                 "data_format": "JSON", "active": true, "turkish_compliance": false}"""));

        assertThat(e.toString()).doesNotContain("SECRET");
        assertThat(e.get("endpoint").asText()).isEqualTo("https://portal.example.com.tr/api");
        assertThat(e.get("kind").asText()).isEqualTo("LAB_PORTAL");
        assertThat(e.get("auth_type").asText()).isEqualTo("OAUTH2");
        assertThat(e.get("data_format").asText()).isEqualTo("JSON");
        assertThat(e.get("portable").asBoolean()).isTrue();
        assertThat(e.get("credentials").asText()).contains("Not copied", "OAUTH2");
        assertThat(e.get("rebuild_with").asText()).contains("developer platform");
    }
}
