package dev.ferry.loader.binding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadHashTest {

    private static ObjectNode json(String s) {
        return (ObjectNode) FerryJson.decode(s, JsonNode.class);
    }

    private static final Map<String, String> ID = Map.of("cf_dentes_id", "P-1");

    @Test
    void theSameContentHashesTheSameWhateverTheKeyOrderAndNumberSpelling() {
        String a = PayloadHash.of("contacts", ID, json("{\"a\":1,\"b\":{\"y\":2.50,\"x\":[1,{\"q\":true,\"p\":null}]}}"));
        String b = PayloadHash.of("contacts", ID, json("{\"b\":{\"x\":[1,{\"p\":null,\"q\":true}],\"y\":2.5},\"a\":1.0}"));
        assertThat(a).isEqualTo(b).hasSize(64);
    }

    @Test
    void anyDifferenceInFieldsIdentifierOrTargetChangesTheHash() {
        ObjectNode f = json("{\"first_name\":\"A\",\"tags\":[\"x\",\"y\"]}");
        String base = PayloadHash.of("contacts", ID, f);
        assertThat(PayloadHash.of("contacts", ID, json("{\"first_name\":\"B\",\"tags\":[\"x\",\"y\"]}"))).isNotEqualTo(base);
        assertThat(PayloadHash.of("contacts", ID, json("{\"first_name\":\"A\",\"tags\":[\"y\",\"x\"]}")))
                .as("array order matters").isNotEqualTo(base);
        assertThat(PayloadHash.of("contacts", Map.of("cf_dentes_id", "P-2"), f)).isNotEqualTo(base);
        assertThat(PayloadHash.of("sales_accounts", ID, f)).isNotEqualTo(base);
        // Strings are escaped: a value cannot imitate structure.
        assertThat(PayloadHash.of("contacts", ID, json("{\"a\":\"1,\\\"b\\\":2\"}")))
                .isNotEqualTo(PayloadHash.of("contacts", ID, json("{\"a\":\"1\",\"b\":2}")));
    }

    @Test
    void theDiffNamesChangedFieldsAndKeepsTheirEarlierValues() {
        ObjectNode before = json("{\"first_name\":\"A\",\"owner_id\":7,\"custom_field\":{\"cf_x\":\"old\",\"cf_same\":1}}");
        ObjectNode after = json("{\"first_name\":\"A\",\"owner_id\":8,\"city\":\"Izmir\","
                + "\"custom_field\":{\"cf_x\":\"new\",\"cf_same\":1.0,\"cf_new\":true}}");
        FieldDiff d = FieldDiff.between(before, after);
        assertThat(d.changedFields()).containsExactly("owner_id", "city", "custom_field.cf_x", "custom_field.cf_new");
        assertThat(d.beforeImage()).isEqualTo(json(
                "{\"owner_id\":7,\"city\":null,\"custom_field\":{\"cf_x\":\"old\",\"cf_new\":null}}"));
        assertThat(FieldDiff.between(after, after).isEmpty()).isTrue();
    }
}
