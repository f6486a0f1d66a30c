package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CodecToleranceTest {

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        String json = """
                {"commandId":"c1","runId":"r1","resource":"clinics","sourceId":"C-1","part":0,"target":"sales_accounts",
                 "kind":"CREATED","freshsalesId":7,"attempt":1,"occurredAt":"2026-01-01T00:00:00Z",
                 "someFutureField":{"nested":[1,2,3]},"anotherOne":"x"}
                """;
        LoadOutcome outcome = FerryJson.decode(json, LoadOutcome.class);
        assertThat(outcome.kind()).isEqualTo(OutcomeKind.CREATED);
        assertThat(outcome.freshsalesId()).isEqualTo(7L);
        assertThat(outcome.changedFields()).isEmpty();
    }

    @Test
    void unknownRunEventTypeIsAContractViolation() {
        assertThatThrownBy(() -> FerryJson.decode("{\"type\":\"NOPE\",\"runId\":\"r\"}", RunEvent.class))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("RunEvent");
    }

    @Test
    void decodeErrorsNeverQuoteTheInput() {
        // Regression: Jackson's messages quote unrecognised tokens, which would put patient data into logs.
        String secretish = "{\"runId\": Ayşe-Yılmaz-12345678901}";
        assertThatThrownBy(() -> FerryJson.decode(secretish, SourceRecordEnvelope.class))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("not well-formed JSON")
                .hasNoCause()
                .message().doesNotContain("Ayşe").doesNotContain("12345678901");
    }

    @Test
    void wrongTypeNamesThePathNotTheValue() {
        String json = "{\"runId\":\"r\",\"resource\":\"patients\",\"sourceId\":\"P-1\",\"payload\":\"Zeynep Kaya\"}";
        assertThatThrownBy(() -> FerryJson.decode(json, SourceRecordEnvelope.class))
                .isInstanceOf(ContractViolation.class)
                .hasMessageContaining("payload")
                .message().doesNotContain("Zeynep");
    }

    @Test
    void missingRequiredValueIsAContractViolation() {
        assertThatThrownBy(() -> FerryJson.decode("{\"runId\":\"r\",\"resource\":\"patients\"}", SourceRecordEnvelope.class))
                .isInstanceOf(ContractViolation.class);
        assertThatThrownBy(() -> FerryJson.decode("null", LoadCommand.class)).isInstanceOf(ContractViolation.class);
        assertThatThrownBy(() -> FerryJson.decode(new byte[0], LoadCommand.class)).isInstanceOf(ContractViolation.class);
        assertThatThrownBy(() -> FerryJson.decode("{\"runId\":\"r\",\"resource\":\"nope\",\"sourceId\":\"x\"}",
                SourceRecordEnvelope.class)).isInstanceOf(ContractViolation.class);
    }

    @Test
    void rejectedAndFailedOutcomesMustSayWhy() {
        assertThatThrownBy(() -> FerryJson.decode("""
                {"commandId":"c","runId":"r","resource":"patients","sourceId":"P-1","kind":"REJECTED"}""",
                LoadOutcome.class)).isInstanceOf(ContractViolation.class);
        assertThatThrownBy(() -> FerryJson.decode("""
                {"commandId":"c","runId":"r","resource":"patients","sourceId":"P-1","kind":"FAILED"}""",
                LoadOutcome.class)).isInstanceOf(ContractViolation.class);
    }
}
