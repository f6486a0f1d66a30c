package dev.ferry.sim.freshsales.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.sim.freshsales.model.FieldKind;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scalar system-field coercions split out of RecordValidator (issue 7), pinned value by value. */
class SystemFieldValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<ApiException.Msg> errors = new ArrayList<>();

    private Optional<JsonNode> read(FieldKind kind, String json) throws Exception {
        return SystemFieldValues.read(kind, "f", JSON.readTree(json), ZoneOffset.ofHours(3), errors);
    }

    private List<String> errorKeys() {
        return errors.stream().map(ApiException.Msg::key).toList();
    }

    @Test
    void coercesLikeTheRealService() throws Exception {
        assertThat(read(FieldKind.TEXT, "42")).hasValueSatisfying(v -> assertThat(v.textValue()).isEqualTo("42"));
        assertThat(read(FieldKind.NUMBER, "\"7500.50\"")).hasValueSatisfying(v -> assertThat(v.decimalValue())
                .isEqualByComparingTo("7500.50"));
        assertThat(read(FieldKind.INTEGER, "3.0")).hasValueSatisfying(v -> assertThat(v.longValue()).isEqualTo(3));
        assertThat(read(FieldKind.BOOLEAN, "\"TRUE\"")).hasValueSatisfying(v -> assertThat(v.booleanValue()).isTrue());
        assertThat(read(FieldKind.TAGS, "\"a, b,,c\"")).hasValueSatisfying(v -> assertThat(v.toString())
                .isEqualTo("[\"a\",\"b\",\"c\"]"));
        assertThat(read(FieldKind.MULTI_SELECT, "[\"x\",\"y\"]")).hasValueSatisfying(v -> assertThat(v.textValue())
                .isEqualTo("x;y"));
        assertThat(read(FieldKind.LONG, "\"123\"")).hasValueSatisfying(v -> assertThat(v.longValue()).isEqualTo(123));
        assertThat(read(FieldKind.TASK_STATUS, "1")).hasValueSatisfying(v -> assertThat(v.intValue()).isEqualTo(1));
        assertThat(errors).isEmpty();
    }

    @Test
    void refusesWithTheRealServiceMessageKeys() throws Exception {
        assertThat(read(FieldKind.INTEGER, "3.5")).isEmpty();
        assertThat(read(FieldKind.BOOLEAN, "\"yes\"")).isEmpty();
        assertThat(read(FieldKind.TAGS, "[1]")).isEmpty();
        assertThat(read(FieldKind.DATE, "\"not a date\"")).isEmpty();
        assertThat(read(FieldKind.DATETIME, "5")).isEmpty();
        assertThat(read(FieldKind.TASK_STATUS, "2")).isEmpty();
        assertThat(errorKeys()).containsExactly("type.invalid", "type.invalid", "type.invalid", "value.date",
                "type.invalid", "field.invalid");
    }

    @Test
    void referencesAndLinksAreNotScalar() {
        assertThat(SystemFieldValues.isScalar(FieldKind.ACCOUNT)).isFalse();
        assertThat(SystemFieldValues.isScalar(FieldKind.EMAILS)).isFalse();
        assertThat(SystemFieldValues.isScalar(FieldKind.STAGE)).isTrue();
    }
}
