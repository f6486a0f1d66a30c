package dev.ferry.sim.freshsales.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;

/** One entry of {@code /settings/<module>/fields}; also the validation rule of a cf_ field. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.ALWAYS)
public class FieldDef {
    public Long id;
    public String name;
    public String label;
    /** text, textarea, paragraph, number, dropdown, multi_select_dropdown, date, date_time, checkbox, lookup, auto_complete, group_field */
    public String type;
    @JsonProperty("default")
    public boolean isDefault;
    public boolean required;
    public Integer position;
    public List<Choice> choices = new ArrayList<>();
    /** For type lookup: the module the value must reference. */
    @JsonProperty("lookup_module")
    public String lookupModule;

    /** A dropdown option. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static class Choice {
        public Long id;
        public String value;
        public Integer position;
    }

    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isCustom() {
        return name != null && name.startsWith("cf_");
    }
}
