package dev.ferry.mapper.mapping.expectation;

import static dev.ferry.mapper.mapping.Fixtures.context;
import static dev.ferry.mapper.mapping.Fixtures.envelope;
import static dev.ferry.mapper.mapping.Fixtures.patient;
import static dev.ferry.mapper.mapping.Fixtures.standardIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.MappingEngine;
import dev.ferry.mapper.mapping.MappingResult;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.SpecCompiler;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sample diff's expectation comes from the confirmed map's text, not from the rule the engine ran, so a planted
 * mapping mistake shows as exactly the field it touches (issue 11, "Done when").
 */
class PromisedFieldsTest {

    private static final String CONFIRMED = Fixtures.resource("mapping/dentes-freshsales.v1.yaml");
    private static final String CLINIC = """
            {"id": "C-2", "name": "  Kadıköy   Dental ", "parent_clinic_id": "C-1", "phone": "0216 555 12 34",
             "email": "Info@Kadikoy.example", "tax_number": "1234567890", "timezone": "Europe/Istanbul",
             "address": {"line1": "Moda Cad. 1", "district": "Kadıköy", "city": "İstanbul", "country": "TR",
                         "postal_code": "34710"}}
            """;

    private final MappingEngine engine = new MappingEngine();
    private final PromisedFields promised = PromisedFields.of(CONFIRMED);

    /**
     * The command's fields as a faithful target would hold them. The fixture account lacks some custom fields
     * (cf_home_phone, ...): the engine leaves them out and lists them on the checklist, and such an account would not
     * hold them either; the promise keeps them (the real diff shows them MISSING), so here they are set aside.
     */
    private ObjectNode written(CompiledSpec spec, SourceRecordEnvelope e) {
        MappingResult r = engine.map(spec.mappingFor(e.resource()).orElseThrow(), e, context(standardIndexes()));
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
        gaps = r.fieldGaps().stream().map(g -> "custom_field." + g.fieldName()).toList();
        return ((MappingResult.Mapped) r).command().fields();
    }

    private List<String> gaps = List.of();

    private List<String> differingBesideGaps(ObjectNode promise, ObjectNode written) {
        List<String> d = differing(promise, written);
        assertThat(d).as("the gap fields are promised").containsAll(gaps);
        d.removeAll(gaps);
        return d;
    }

    private ObjectNode promise(SourceRecordEnvelope e) {
        return promised.promise(e.resource(), e.payload(), Fixtures.target(), "TR", true).orElseThrow();
    }

    /** The promised fields the written record does not hold as promised (empty = absent, numbers by value). */
    private static List<String> differing(ObjectNode promise, ObjectNode written) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = promise.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("custom_field")) {
                for (Iterator<Map.Entry<String, JsonNode>> c = e.getValue().fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> ce = c.next();
                    if (!same(ce.getValue(), written.path("custom_field").get(ce.getKey()))) {
                        out.add("custom_field." + ce.getKey());
                    }
                }
            } else if (!same(e.getValue(), written.get(e.getKey()))) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aEmpty = a == null || a.isNull();
        boolean bEmpty = b == null || b.isNull();
        if (aEmpty || bEmpty) {
            return aEmpty == bEmpty;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** The confirmed map with one rule of the patients' mapping changed (its first occurrence after 'patients:'). */
    private static String planted(String from, String to) {
        int section = CONFIRMED.indexOf("\n  patients:\n");
        int at = CONFIRMED.indexOf(from, section);
        assertThat(at).as("the rule to plant a mistake in").isGreaterThan(section).isLessThan(
                CONFIRMED.indexOf("\n  products:\n"));
        return CONFIRMED.substring(0, at) + to + CONFIRMED.substring(at + from.length());
    }

    @Test
    void onTheConfirmedMapTheEngineKeepsEveryPromise() {
        CompiledSpec confirmed = SpecCompiler.compile("confirmed", CONFIRMED);
        SourceRecordEnvelope p = envelope(SourceResource.PATIENTS, patient("P-000123", "{}"));
        SourceRecordEnvelope c = envelope(SourceResource.CLINICS, CLINIC);

        ObjectNode patientPromise = promise(p);
        assertThat(differingBesideGaps(patientPromise, written(confirmed, p))).isEmpty();
        assertThat(gaps).as("the fixture account lacks a few custom fields").isNotEmpty();
        assertThat(differingBesideGaps(promise(c), written(confirmed, c))).isEmpty();
        // It promises real values, not an empty shape that would match anything.
        assertThat(patientPromise.get("first_name").asText()).isEqualTo("Ayşe");
        assertThat(patientPromise.get("mobile_number").asText()).isEqualTo("+905321234567");
        assertThat(patientPromise.at("/custom_field/cf_treatment_type").asText()).isEqualTo("Orthodontics");
        assertThat(patientPromise.get("lead_source_id").asLong()).isEqualTo(91);
        assertThat(patientPromise.size()).isGreaterThan(10);
    }

    @Test
    void aRuleReadingTheWrongSourceFieldShowsAsExactlyThatField() {
        CompiledSpec mistaken = SpecCompiler.compile("planted", planted(
                "      - to: first_name\n        from: first_name\n",
                "      - to: first_name\n        from: last_name\n"));
        SourceRecordEnvelope p = envelope(SourceResource.PATIENTS, patient("P-000123", "{}"));

        assertThat(differingBesideGaps(promise(p), written(mistaken, p))).containsExactly("first_name");
    }

    @Test
    void aRuleThatLostATransformStepShowsAsExactlyThatField() {
        CompiledSpec mistaken = SpecCompiler.compile("planted", planted(
                "      - to: custom_field.cf_treatment_type\n        from: treatment_type\n"
                        + "        transforms: [trim, {map: treatment-types}, picklist]\n",
                "      - to: custom_field.cf_treatment_type\n        from: treatment_type\n"
                        + "        transforms: [trim]\n"));
        SourceRecordEnvelope p = envelope(SourceResource.PATIENTS, patient("P-000123", "{}"));

        assertThat(differingBesideGaps(promise(p), written(mistaken, p))).containsExactly("custom_field.cf_treatment_type");
    }

    @Test
    void aFamilyMemberWithoutTheirOwnEmailIsNotPromisedOne() {
        SourceRecordEnvelope p = envelope(SourceResource.PATIENTS, patient("P-000124", "{}"));
        ObjectNode promise = promised.promise(SourceResource.PATIENTS, p.payload(), Fixtures.target(), "TR", false)
                .orElseThrow();
        assertThat(promise.has("emails")).isFalse();
        assertThat(promise.has("first_name")).isTrue();
    }

    @Test
    void aResourceTheMapDoesNotWriteHasNoPromise() {
        assertThat(promised.promise(SourceResource.PRACTITIONERS, Fixtures.json("{\"id\": \"PR-1\"}"),
                Fixtures.target(), "TR", true)).isEmpty();
    }
}
