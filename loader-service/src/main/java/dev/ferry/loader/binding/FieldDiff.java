package dev.ferry.loader.binding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Which fields an update changes, and their values before it. Only fields the new payload sends can change (an upsert
 * leaves fields it does not send alone). Custom fields are compared one by one ({@code custom_field.cf_x}); any other
 * value is compared whole.
 *
 * @param changedFields the changed fields, {@code custom_field.<name>} for custom fields
 * @param beforeImage those fields' values before the update, in the payload's own shape; null where there was none
 */
public record FieldDiff(List<String> changedFields, ObjectNode beforeImage) {

    public static final String CUSTOM_FIELDS = "custom_field";

    /**
     * @param before what the record held (the fields Ferry last wrote, or the record read from Freshsales)
     * @param after what the update sends
     */
    public static FieldDiff between(JsonNode before, ObjectNode after) {
        List<String> changed = new ArrayList<>();
        ObjectNode image = JsonNodeFactory.instance.objectNode();
        JsonNode old = before == null ? JsonNodeFactory.instance.objectNode() : before;
        for (Iterator<Map.Entry<String, JsonNode>> it = after.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (CUSTOM_FIELDS.equals(name) && e.getValue().isObject()) {
                JsonNode oldCustom = old.path(CUSTOM_FIELDS);
                ObjectNode customImage = null;
                for (Iterator<Map.Entry<String, JsonNode>> c = e.getValue().fields(); c.hasNext(); ) {
                    Map.Entry<String, JsonNode> ce = c.next();
                    JsonNode was = oldCustom.path(ce.getKey());
                    if (!same(was, ce.getValue())) {
                        changed.add(CUSTOM_FIELDS + "." + ce.getKey());
                        if (customImage == null) {
                            customImage = image.putObject(CUSTOM_FIELDS);
                        }
                        customImage.set(ce.getKey(), was.isMissingNode() ? NullNode.getInstance() : was);
                    }
                }
                continue;
            }
            JsonNode was = old.path(name);
            if (!same(was, e.getValue())) {
                changed.add(name);
                image.set(name, was.isMissingNode() ? NullNode.getInstance() : was);
            }
        }
        return new FieldDiff(changed, image);
    }

    public boolean isEmpty() {
        return changedFields.isEmpty();
    }

    private static boolean same(JsonNode a, JsonNode b) {
        boolean aEmpty = a == null || a.isMissingNode() || a.isNull();
        boolean bEmpty = b == null || b.isMissingNode() || b.isNull();
        if (aEmpty || bEmpty) {
            return aEmpty && bEmpty;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return PayloadHash.canonical(new StringBuilder(), a).toString()
                .equals(PayloadHash.canonical(new StringBuilder(), b).toString());
    }
}
