package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PrimaryEmailTest {

    private static JsonNode json(String s) throws Exception {
        return FerryJson.mapper().readTree(s.replace('\'', '"'));
    }

    @Test
    void textIsTheAddressAListGivesItsPrimaryEntryElseItsFirst() throws Exception {
        assertThat(PrimaryEmail.of(json("'a@x.test'"))).isEqualTo("a@x.test");
        assertThat(PrimaryEmail.of(json("[{'value':'a@x.test'},{'value':'b@x.test','is_primary':true}]")))
                .isEqualTo("b@x.test");
        assertThat(PrimaryEmail.of(json("[{'value':'a@x.test'},{'value':'b@x.test'}]"))).isEqualTo("a@x.test");
        assertThat(PrimaryEmail.of(json("['c@x.test','d@x.test']"))).isEqualTo("c@x.test");
    }

    @Test
    void nothingToReadIsNoAddress() throws Exception {
        assertThat(PrimaryEmail.of(null)).isNull();
        assertThat(PrimaryEmail.of(json("null"))).isNull();
        assertThat(PrimaryEmail.of(json("[]"))).isNull();
        assertThat(PrimaryEmail.of(json("{}").path("emails"))).isNull();
    }
}
