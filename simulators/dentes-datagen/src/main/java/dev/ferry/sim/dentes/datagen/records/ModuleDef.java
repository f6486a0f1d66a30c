package dev.ferry.sim.dentes.datagen.records;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A custom module's definition: key, cardinality and typed fields. */
public record ModuleDef(String id, String key, String name, String cardinality, List<Field> fields) {

    /** A declared field; {@code choices} only for CHOICE. */
    public record Field(String key, String label, String type, List<String> choices) {
    }

    public static final String ONE_PER_PATIENT = "ONE_PER_PATIENT";
    public static final String MANY_PER_PATIENT = "MANY_PER_PATIENT";

    public static ModuleDef fromJson(JsonNode node) {
        List<Field> fields = new ArrayList<>();
        for (JsonNode f : node.path("fields")) {
            List<String> choices = new ArrayList<>();
            f.path("choices").forEach(c -> choices.add(c.asText()));
            fields.add(new Field(f.path("key").asText(), f.path("label").asText(null), f.path("type").asText("TEXT"),
                    choices));
        }
        return new ModuleDef(node.path("id").asText(), node.path("key").asText(), node.path("name").asText(null),
                node.path("cardinality").asText(ONE_PER_PATIENT), fields);
    }

    public String recordsResource() {
        return dev.ferry.sim.dentes.datagen.model.DatasetLayout.moduleRecordsResource(key);
    }
}
