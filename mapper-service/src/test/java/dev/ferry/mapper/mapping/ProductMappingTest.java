package dev.ferry.mapper.mapping;

import static dev.ferry.mapper.mapping.Fixtures.SPEC;
import static dev.ferry.mapper.mapping.Fixtures.context;
import static dev.ferry.mapper.mapping.Fixtures.envelope;
import static dev.ferry.mapper.mapping.Fixtures.json;
import static dev.ferry.mapper.mapping.Fixtures.standardIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Treatment codes → Freshsales CPQ products (issue 9), through the shipped spec. */
class ProductMappingTest {

    private static final ResourceMapping PRODUCTS = SPEC.mappingFor(SourceResource.PRODUCTS).orElseThrow();
    private final MappingEngine engine = new MappingEngine();

    private MappingResult map(String overrides) {
        ObjectNode p = json("""
                {"id": "PRD-0007", "code": " D1110 ", "name": "Diş taşı  temizliği", "description": "Yetişkin",
                 "unit_price": "1.250,50", "currency": "try", "category": "Koruyucu", "active": true,
                 "created_at": "2020-01-01T10:00:00+03:00", "updated_at": "2024-01-01T10:00:00+03:00"}
                """);
        p.setAll(json(overrides));
        return engine.map(PRODUCTS, envelope(SourceResource.PRODUCTS, p.toString()), context(standardIndexes()));
    }

    private LoadCommand mapped(String overrides) {
        MappingResult r = map(overrides);
        assertThat(r).isInstanceOf(MappingResult.Mapped.class);
        return ((MappingResult.Mapped) r).command();
    }

    @Test
    void aTreatmentCodeBecomesAProductWithItsPriceInItsCurrencyAndItsCodeKept() {
        LoadCommand c = mapped("{}");
        assertThat(c.target()).isEqualTo(FreshsalesTarget.PRODUCT);
        assertThat(c.identifier()).containsEntry("cf_dentes_id", "PRD-0007");
        JsonNode f = c.fields();
        assertThat(f.get("name").asText()).isEqualTo("Diş taşı temizliği");
        assertThat(f.get("product_code").asText()).isEqualTo("D1110");
        assertThat(f.get("description").asText()).isEqualTo("D1110 · Yetişkin");
        assertThat(f.get("category").asText()).isEqualTo("Koruyucu");
        assertThat(f.get("is_active").asBoolean()).isTrue();
        assertThat(f.path("custom_field").get("cf_dentes_code").asText()).isEqualTo("D1110");
        JsonNode price = f.get("product_pricings").get(0);
        assertThat(price.get("currency_code").asText()).isEqualTo("TRY");
        assertThat(price.get("unit_price").decimalValue()).isEqualByComparingTo(new BigDecimal("1250.50"));
    }

    @Test
    void anInactiveCodeStaysInactiveAndAPriceThatIsNoNumberIsLeftOutWithANote() {
        assertThat(mapped("{\"active\": false}").fields().get("is_active").asBoolean()).isFalse();
        LoadCommand c = mapped("{\"unit_price\": \"bilinmiyor\"}");
        assertThat(c.fields().has("product_pricings")).isFalse();
        assertThat(c.notes()).contains("product_pricings left out (value.not-a-number): the unit_price is not a decimal"
                + " number");
        assertThat(mapped("{\"description\": null}").fields().get("description").asText()).isEqualTo("D1110");
    }

    @Test
    void aProductWithoutANameIsRejected() {
        MappingResult r = map("{\"name\": \"  \"}");
        assertThat(r).isInstanceOf(MappingResult.Rejected.class);
        assertThat(((MappingResult.Rejected) r).rejection().rule()).isEqualTo(Rules.NAME_MISSING);
    }
}
