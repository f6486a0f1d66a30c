package dev.ferry.mapper.mapping.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ferry.contracts.TargetMetadata;
import dev.ferry.contracts.TargetMetadata.Choice;
import dev.ferry.contracts.TargetMetadata.FieldDef;
import dev.ferry.mapper.mapping.Rules;
import dev.ferry.mapper.mapping.text.DecimalText;
import dev.ferry.sourcetext.EmailAddresses;
import dev.ferry.sourcetext.PhoneNumbers;
import dev.ferry.sourcetext.TextKeys;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The transform steps a mapping spec may name, and the factory that builds them from the spec's words. Each step is
 * small enough to read in one screen; the README lists them with their arguments.
 */
public final class Transforms {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

    /** Names in the order the README documents them. */
    public static final List<String> NAMES = List.of("trim", "collapse-spaces", "email", "phone", "date", "integer",
            "decimal", "range", "boolean", "join", "map", "lookup", "picklist", "primary-entry");

    private Transforms() {
    }

    /**
     * Builds a step.
     *
     * @param name the step's name
     * @param argument the step's argument ({@code {join: ", "}} gives {@code ", "}), null when written bare
     * @param lookups the spec's own translation tables, for {@code map}
     * @throws IllegalArgumentException with a message for the spec's author when the name or argument is wrong
     */
    public static Transform create(String name, JsonNode argument, Map<String, Map<String, List<String>>> lookups) {
        return switch (name) {
            case "trim" -> noArgument(name, argument, new Trim());
            case "collapse-spaces" -> noArgument(name, argument, new CollapseSpaces());
            case "email" -> noArgument(name, argument, new Email());
            case "phone" -> noArgument(name, argument, new Phone());
            case "integer" -> noArgument(name, argument, new WholeNumber());
            case "decimal" -> noArgument(name, argument, new Decimal());
            case "boolean" -> noArgument(name, argument, new YesNo());
            case "picklist" -> noArgument(name, argument, new Picklist());
            case "primary-entry" -> noArgument(name, argument, new PrimaryEntry());
            case "date" -> {
                String mode = argument == null ? "date" : textArgument(name, argument);
                if (!mode.equals("date") && !mode.equals("date-time") && !mode.equals("date-time-or-noon")) {
                    throw new IllegalArgumentException("transform 'date' takes 'date', 'date-time' or"
                            + " 'date-time-or-noon', not '" + mode + "'");
                }
                yield new DateValue(!mode.equals("date"), mode.equals("date-time-or-noon"));
            }
            case "join" -> new Join(textArgument(name, argument));
            case "range" -> {
                if (argument == null || !argument.isArray() || argument.size() != 2 || !argument.get(0).isNumber()
                        || !argument.get(1).isNumber()
                        || argument.get(0).decimalValue().compareTo(argument.get(1).decimalValue()) > 0) {
                    throw new IllegalArgumentException("transform 'range' needs its bounds, lowest first: {range: [0, 100]}");
                }
                yield new Range(argument.get(0).decimalValue(), argument.get(1).decimalValue());
            }
            case "map" -> {
                String table = textArgument(name, argument);
                Map<String, List<String>> entries = lookups.get(table);
                if (entries == null) {
                    throw new IllegalArgumentException("transform 'map' names lookup table '" + table
                            + "', which the spec's 'lookups' section does not define (it has: " + lookups.keySet() + ")");
                }
                yield new Translate(table, entries);
            }
            case "lookup" -> {
                String table = textArgument(name, argument);
                if (!TargetMetadata.LOOKUP_TABLES.contains(table)) {
                    throw new IllegalArgumentException("transform 'lookup' names target list '" + table
                            + "'; the target's lists are " + TargetMetadata.LOOKUP_TABLES);
                }
                yield new Lookup(table);
            }
            default -> throw new IllegalArgumentException("unknown transform '" + name + "'; known: " + NAMES);
        };
    }

    private static Transform noArgument(String name, JsonNode argument, Transform t) {
        if (argument != null && !argument.isNull()) {
            throw new IllegalArgumentException("transform '" + name + "' takes no argument");
        }
        return t;
    }

    private static String textArgument(String name, JsonNode argument) {
        if (argument == null || !argument.isTextual()) {
            throw new IllegalArgumentException("transform '" + name + "' needs a text argument, written {" + name + ": ...}");
        }
        return argument.asText();
    }

    private static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : null;
    }

    /** Strips leading and trailing white space (Unicode-aware); blank becomes no value. Applies to list members. */
    static final class Trim implements Transform {
        public String name() {
            return "trim";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            if (value.isArray()) {
                ArrayNode out = JSON.arrayNode();
                value.forEach(v -> out.add(trim(v)));
                return TransformResult.ok(out);
            }
            return TransformResult.ok(trim(value));
        }

        private static JsonNode trim(JsonNode v) {
            if (v == null || !v.isTextual()) {
                return v;
            }
            String s = TextKeys.strip(v.asText());
            return s.isEmpty() ? null : TextNode.valueOf(s);
        }
    }

    /** Makes every run of white space one plain space. */
    static final class CollapseSpaces implements Transform {
        public String name() {
            return "collapse-spaces";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null || !value.isTextual()) {
                return TransformResult.ok(value);
            }
            return TransformResult.ok(TextNode.valueOf(SPACES.matcher(value.asText()).replaceAll(" ")));
        }
    }

    /** Folds an address ({@link EmailAddresses}) and refuses one that is not an address. */
    static final class Email implements Transform {
        public String name() {
            return "email";
        }

        public String suggestsType() {
            return "email";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            String s = text(value);
            if (s == null || s.isBlank()) {
                return s == null ? TransformResult.invalid(Rules.EMAIL_INVALID, "is not a valid e-mail address")
                        : TransformResult.ok(null);
            }
            String normalised = EmailAddresses.normalise(s);
            return normalised == null ? TransformResult.invalid(Rules.EMAIL_INVALID, "is not a valid e-mail address")
                    : TransformResult.ok(TextNode.valueOf(normalised));
        }
    }

    /** E.164 through libphonenumber, read against the configured region ({@link PhoneNumbers}). */
    static final class Phone implements Transform {
        public String name() {
            return "phone";
        }

        public String suggestsType() {
            return "phone_number";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            String s = text(value);
            if (s != null && s.isBlank()) {
                return TransformResult.ok(null);
            }
            Optional<String> e164 = PhoneNumbers.toE164(s, c.phoneRegion());
            return e164.<TransformResult>map(p -> TransformResult.ok(TextNode.valueOf(p)))
                    .orElseGet(() -> TransformResult.invalid(Rules.PHONE_INVALID,
                            "is not a valid phone number for region " + c.phoneRegion()));
        }
    }

    /** ISO date ({@code 1984-03-07}); a date-time with offset is cut to its own local date unless mode is date-time. */
    static final class DateValue implements Transform {
        /** The zone whose noon a bare date becomes in {@code date-time-or-noon} mode (the tenant's). */
        static final java.time.ZoneId TENANT_ZONE = java.time.ZoneId.of("Europe/Istanbul");
        private final boolean dateTime;
        private final boolean noon;

        DateValue(boolean dateTime) {
            this(dateTime, false);
        }

        /**
         * @param noon a bare date becomes 12:00 of that day in Europe/Istanbul (a task's due date is a date-time in
         *     Freshsales; noon keeps the calendar day in every account zone from UTC-9 to UTC+12)
         */
        DateValue(boolean dateTime, boolean noon) {
            this.dateTime = dateTime;
            this.noon = noon;
        }

        public String name() {
            return "date";
        }

        public String suggestsType() {
            return dateTime ? "date_time" : "date";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            String s = text(value);
            if (s != null && s.isBlank()) {
                return TransformResult.ok(null);
            }
            if (s != null) {
                s = s.strip();
                try {
                    OffsetDateTime t = OffsetDateTime.parse(s);
                    return TransformResult.ok(TextNode.valueOf(dateTime ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t)
                            : t.toLocalDate().toString()));
                } catch (DateTimeParseException notDateTime) {
                    try {
                        LocalDate d = LocalDate.parse(s);
                        if (!dateTime) {
                            return TransformResult.ok(TextNode.valueOf(d.toString()));
                        }
                        if (noon) {
                            return TransformResult.ok(TextNode.valueOf(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                                    d.atTime(12, 0).atZone(TENANT_ZONE).toOffsetDateTime())));
                        }
                    } catch (DateTimeParseException notDate) {
                        // falls through to the refusal
                    }
                }
            }
            return TransformResult.invalid(Rules.VALUE_NOT_A_DATE, dateTime
                    ? "is not a date-time with an offset (expected e.g. 2024-05-01T10:00:00+03:00)"
                    : "is not a date (expected YYYY-MM-DD)");
        }
    }

    /** A whole number, from a JSON number or a numeric text ({@code "6"}, {@code "6.0"}). */
    static final class WholeNumber implements Transform {
        public String name() {
            return "integer";
        }

        public String suggestsType() {
            return "number";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            try {
                BigDecimal d;
                if (value.isNumber()) {
                    d = value.decimalValue();
                } else if (value.isTextual()) {
                    if (value.asText().isBlank()) {
                        return TransformResult.ok(null);
                    }
                    d = new BigDecimal(value.asText().strip());
                } else {
                    return notInteger();
                }
                return TransformResult.ok(LongNode.valueOf(d.longValueExact()));
            } catch (NumberFormatException | ArithmeticException e) {
                return notInteger();
            }
        }

        private static TransformResult notInteger() {
            return TransformResult.invalid(Rules.VALUE_NOT_AN_INTEGER, "is not a whole number");
        }
    }

    /** A decimal number (an amount), from a JSON number or a text read by {@link DecimalText}: 7.500,00 is 7500.00. */
    static final class Decimal implements Transform {
        public String name() {
            return "decimal";
        }

        public String suggestsType() {
            return "decimal";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            if (value.isNumber()) {
                return TransformResult.ok(JSON.numberNode(value.decimalValue()));
            }
            if (value.isTextual() && value.asText().isBlank()) {
                return TransformResult.ok(null);
            }
            return (value.isTextual() ? DecimalText.parse(value.asText()) : java.util.Optional.<BigDecimal>empty())
                    .map(d -> TransformResult.ok(JSON.numberNode(d)))
                    .orElseGet(() -> TransformResult.invalid(Rules.VALUE_NOT_A_NUMBER, "is not a decimal number"));
        }
    }

    /**
     * Passes a number within its bounds (both included) and refuses one outside them ({@code value.out-of-range}); put
     * after {@code decimal} or {@code integer}. A coverage of 120% is a typo or a misunderstanding in the source, and
     * no bound a migration could clamp it to would be true.
     */
    static final class Range implements Transform {
        private final BigDecimal low;
        private final BigDecimal high;

        Range(BigDecimal low, BigDecimal high) {
            this.low = low;
            this.high = high;
        }

        public String name() {
            return "range";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            if (!value.isNumber()) {
                return TransformResult.invalid(Rules.VALUE_NOT_A_NUMBER, "is not a number");
            }
            BigDecimal v = value.decimalValue();
            if (v.compareTo(low) < 0 || v.compareTo(high) > 0) {
                // The bounds, not the value: an outcome names the rule and the field, never a billing figure.
                return TransformResult.invalid(Rules.VALUE_OUT_OF_RANGE, "lies outside " + low.toPlainString() + "-"
                        + high.toPlainString());
            }
            return TransformResult.ok(value);
        }
    }

    /** true/false from a JSON boolean, 1/0, or the words true, false, yes, no. */
    static final class YesNo implements Transform {
        public String name() {
            return "boolean";
        }

        public String suggestsType() {
            return "checkbox";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            if (value.isBoolean()) {
                return TransformResult.ok(value);
            }
            String s = text(value);
            if (s != null) {
                switch (TextKeys.fold(s.strip())) {
                    case "true", "yes", "1" -> {
                        return TransformResult.ok(BooleanNode.TRUE);
                    }
                    case "false", "no", "0" -> {
                        return TransformResult.ok(BooleanNode.FALSE);
                    }
                    case "" -> {
                        return TransformResult.ok(null);
                    }
                    default -> {
                        // refused below
                    }
                }
            }
            return TransformResult.invalid(Rules.VALUE_NOT_A_BOOLEAN, "is not yes or no");
        }
    }

    /** Joins the non-empty members of a list (a field read from several source paths) with a separator. */
    static final class Join implements Transform {
        private final String separator;

        Join(String separator) {
            this.separator = separator;
        }

        public String name() {
            return "join";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null || !value.isArray()) {
                return TransformResult.ok(value == null || value.isValueNode() ? value : null);
            }
            List<String> parts = new ArrayList<>();
            for (JsonNode v : value) {
                if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
                    parts.add(v.asText());
                }
            }
            return TransformResult.ok(parts.isEmpty() ? null : TextNode.valueOf(String.join(separator, parts)));
        }
    }

    /**
     * Translates a source code through one of the spec's own {@code lookups} tables (exact, then loose match). An
     * entry may list several names, tried in order by a following {@code lookup} (target accounts name things
     * differently: "Online" here, "Web" there).
     */
    static final class Translate implements Transform {
        private final String table;
        private final Map<String, List<String>> exact;
        private final Map<String, List<String>> loose = new HashMap<>();

        Translate(String table, Map<String, List<String>> entries) {
            this.table = table;
            this.exact = Map.copyOf(entries);
            entries.forEach((k, v) -> loose.putIfAbsent(TextKeys.loose(k), v));
        }

        public String name() {
            return "map";
        }

        /** The first name of each entry, sorted: the values this step sends (the proposal's pick-list check). */
        @Override
        public List<String> values() {
            return exact.values().stream().filter(v -> !v.isEmpty()).map(v -> v.get(0)).distinct().sorted().toList();
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            String s = text(value);
            if (s == null) {
                return unmapped();
            }
            List<String> hit = exact.get(s);
            if (hit == null) {
                hit = loose.get(TextKeys.loose(s));
            }
            if (hit == null) {
                return unmapped();
            }
            if (hit.size() == 1) {
                return TransformResult.ok(TextNode.valueOf(hit.get(0)));
            }
            ArrayNode names = JSON.arrayNode();
            hit.forEach(names::add);
            return TransformResult.ok(names);
        }

        private TransformResult unmapped() {
            return TransformResult.invalid(Rules.VALUE_UNMAPPED,
                    "holds a code the spec's '" + table + "' table does not translate");
        }
    }

    /** Finds the id of a name (or of the first of several candidate names) in a list of the target account. */
    static final class Lookup implements Transform {
        private final String table;

        Lookup(String table) {
            this.table = table;
        }

        public String name() {
            return "lookup";
        }

        public boolean needsTarget() {
            return true;
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            List<String> candidates = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(v -> {
                    if (v != null && v.isValueNode()) {
                        candidates.add(v.asText());
                    }
                });
            } else if (value.isValueNode()) {
                candidates.add(value.asText());
            }
            for (String candidate : candidates) {
                Optional<TargetMetadata.Entry> hit = c.target().lookup(table, candidate);
                if (hit.isPresent()) {
                    return TransformResult.ok(LongNode.valueOf(hit.get().id()));
                }
            }
            return TransformResult.invalid(Rules.LOOKUP_UNKNOWN,
                    "matches no entry of the Freshsales account's " + table.replace('_', ' ') + " list");
        }
    }

    /**
     * Checks a value against the choices of the target dropdown field and writes the choice as Freshsales spells it.
     * Fields without choices (text fields) pass the value through; a field the target lacks is the checklist's job.
     * A dropdown that has no choices yet has none the value can be: a missing choice, like any other (bug, demo of
     * 2026-12-06: the admin created cf_gender as an empty dropdown, the value went through and Freshsales refused
     * every patient with 400 "is not a valid value for cf_gender").
     */
    static final class Picklist implements Transform {
        public String name() {
            return "picklist";
        }

        public boolean needsTarget() {
            return true;
        }

        public String suggestsType() {
            return "dropdown";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            Optional<FieldDef> def = c.target().field(c.collection(), c.targetField());
            if (def.isEmpty() || (def.get().choices().isEmpty() && !hasChoices(def.get().type()))) {
                return TransformResult.ok(value.isArray() ? value.get(0) : value);
            }
            // A spec translation may name several spellings ({map: ...} gives them as a list): the first the
            // dropdown has wins, and a dropdown with none of them is asked for the first.
            List<String> candidates = new ArrayList<>();
            if (value.isArray()) {
                value.forEach(v -> candidates.add(text(v)));
            } else {
                candidates.add(text(value));
            }
            for (String s : candidates) {
                if (s == null) {
                    continue;
                }
                String key = TextKeys.loose(s);
                for (Choice choice : def.get().choices()) {
                    if (key.equals(TextKeys.loose(choice.value()))) {
                        return TransformResult.ok(TextNode.valueOf(choice.value()));
                    }
                }
            }
            return TransformResult.missingChoice(Rules.CHOICE_UNKNOWN,
                    "is not one of the choices of the Freshsales field " + c.targetField(),
                    candidates.isEmpty() ? null : candidates.get(0));
        }

        /** Field types whose values are only their choices (Freshsales refuses anything else). */
        private static boolean hasChoices(String type) {
            return type != null && (type.equalsIgnoreCase("dropdown") || type.equalsIgnoreCase("radio")
                    || type.equalsIgnoreCase("multi_select_dropdown"));
        }
    }

    /** Wraps a value as the single primary entry of a list: {@code [{"value": v, "is_primary": true}]}. */
    static final class PrimaryEntry implements Transform {
        public String name() {
            return "primary-entry";
        }

        public TransformResult apply(JsonNode value, TransformContext c) {
            if (value == null) {
                return TransformResult.ok(null);
            }
            ObjectNode entry = JSON.objectNode();
            entry.set("value", value);
            entry.put("is_primary", true);
            return TransformResult.ok(JSON.arrayNode().add(entry));
        }
    }
}
