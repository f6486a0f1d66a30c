package dev.ferry.mapper.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.SourceResource;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A workflow's or an integration's entry in its rebuild document (issue 10): nothing of these moves into Freshsales,
 * so each becomes what a Freshsales admin needs to set it up again, with the Freshsales feature that would do it.
 *
 * <p>An entry is data, not markup (the audit service renders it as Markdown and HTML). It copies named fields only,
 * each as text or a list of text, never a whole source object: a credential cannot ride along inside a copied object.
 * The extractor has already removed credentials ({@code credentials}, secret-named fields, the address's user-info and
 * query); the endpoint is trimmed here once more because an entry is what people read.
 */
public final class RebuildEntries {

    /** The workflow fields an entry reads: what the extractor publishes of a workflow. */
    public static final List<String> WORKFLOW_FIELDS = List.of("name", "active", "trigger", "schedule", "actions");

    /**
     * The integration fields an entry reads: what the extractor publishes of an integration. {@code credentials} is
     * not among them and never may be.
     */
    public static final List<String> INTEGRATION_FIELDS = List.of("name", "kind", "endpoint_url", "auth_type",
            "data_format", "active", "turkish_compliance");

    /** Integration kinds bound to Turkish health-compliance rules, whatever the record's own flag says. */
    static final Set<String> TURKISH_COMPLIANCE_KINDS = Set.of("E_NABIZ", "MEDULA");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String NOT_SET = "(not set)";

    private static final Map<String, String> TRIGGERS = Map.of(
            "APPOINTMENT_SCHEDULED", "a sales activity of type Appointment is created on a contact",
            "APPOINTMENT_NO_SHOW", "an Appointment sales activity's outcome is set to No-show",
            "RECALL_DUE", "a recall task's due date is reached (a time-based Workflow on the task's due date)",
            "TREATMENT_COMPLETED", "a Treatment Plans deal moves to its won stage",
            "PATIENT_BIRTHDAY", "a contact's date of birth (cf_date_of_birth) comes round (a time-based Workflow on"
                    + " that date field)",
            "INVOICE_OVERDUE", "a Treatment Plans deal keeps an outstanding balance past its due date (the billing"
                    + " fields on the deal)",
            "PATIENT_CREATED", "a contact is created");

    private static final Map<String, String> CHANNELS = Map.of(
            "EMAIL", "Workflow action \"Send email\" with an e-mail template",
            "TASK", "Workflow action \"Create task\" for the contact's owner",
            "SMS", "an SMS app from the Freshworks Marketplace (the practice's SMS gateway), run by the Workflow",
            "WHATSAPP", "the WhatsApp Business channel from the Freshworks Marketplace, run by the Workflow;"
                    + " WhatsApp message templates need Meta's approval again");

    private static final Map<String, String> INTEGRATIONS = Map.of(
            "IMAGING", "Stays with the imaging system; link it to contacts with a Freshworks Marketplace app or a"
                    + " custom app on the Freshworks developer platform",
            "LAB_PORTAL", "A custom app on the Freshworks developer platform (serverless) calling the lab portal's API,"
                    + " or the lab's Marketplace app if it has one",
            "PAYMENT", "The payment provider's Freshworks Marketplace app, or Workflow webhooks to the provider",
            "SMS_GATEWAY", "The gateway's SMS app from the Freshworks Marketplace (Workflows then send through it)",
            "OTHER", "A Freshworks Marketplace app for the service, or a custom app on the Freshworks developer"
                    + " platform");

    private RebuildEntries() {
    }

    /** The source fields an entry of this resource reads; empty for a resource no document covers. */
    public static List<String> fieldsOf(SourceResource resource) {
        return switch (resource) {
            case WORKFLOWS -> WORKFLOW_FIELDS;
            case INTEGRATIONS -> INTEGRATION_FIELDS;
            default -> List.of();
        };
    }

    /** The entry of one record of {@code resource} (workflows or integrations). */
    public static ObjectNode entry(SourceResource resource, String sourceId, JsonNode record) {
        return switch (resource) {
            case WORKFLOWS -> workflow(sourceId, record);
            case INTEGRATIONS -> integration(sourceId, record);
            default -> throw new IllegalArgumentException("no rebuild document covers " + resource.path());
        };
    }

    /** A workflow: trigger, conditions, schedule, each action with its offset, and what rebuilds it. */
    static ObjectNode workflow(String sourceId, JsonNode w) {
        ObjectNode e = JSON.objectNode();
        e.put("document", SourceResource.WORKFLOWS.path());
        e.put("id", sourceId);
        e.put("name", text(w.get("name")));
        e.put("active", bool(w.get("active")));
        JsonNode trigger = w.path("trigger");
        String event = text(trigger.get("event"));
        e.put("trigger", event);
        e.put("freshsales_trigger", TRIGGERS.getOrDefault(event, "no Freshsales equivalent known: decide by hand"));
        e.set("conditions", texts(trigger.get("conditions")));
        JsonNode schedule = w.path("schedule");
        e.put("schedule", schedule.isObject() && schedule.hasNonNull("interval")
                ? "every " + text(schedule.get("interval")) + " " + text(schedule.get("unit")).toLowerCase(Locale.ROOT)
                : NOT_SET);
        ArrayNode actions = e.putArray("actions");
        Set<String> channels = new LinkedHashSet<>();
        boolean before = false;
        JsonNode source = w.path("actions");
        for (JsonNode a : source.isArray() ? source : JSON.arrayNode()) {
            String channel = text(a.get("channel"));
            String offset = text(a.get("offset"));
            channels.add(channel);
            before |= offset.startsWith("-");
            ObjectNode action = actions.addObject();
            action.put("channel", channel);
            action.put("template", text(a.get("template")));
            action.put("offset", offset);
            action.put("when", when(offset));
            action.put("rebuild_as", CHANNELS.getOrDefault(channel, "no standard Freshsales action: a custom app"
                    + " from the Freshworks Marketplace or developer platform"));
        }
        ArrayNode with = e.putArray("rebuild_with");
        with.add("Workflows");
        if (actions.size() > 1) {
            with.add("Sequences");
        }
        if (channels.contains("SMS") || channels.contains("WHATSAPP") || channels.stream()
                .anyMatch(c -> !CHANNELS.containsKey(c))) {
            with.add("Marketplace");
        }
        ArrayNode notes = e.putArray("notes");
        if (!bool(w.get("active"))) {
            notes.add("Inactive in Dr.DENTES: rebuild it only if the practice wants it back.");
        }
        if (actions.size() > 1) {
            notes.add("Several steps: enrol the contact in a sales sequence whose steps keep these offsets, from a"
                    + " Workflow on the trigger.");
        }
        if (before) {
            notes.add("A step runs before its event: use a time-based Workflow on the event's date (the appointment's"
                    + " start, the due date), since a Workflow triggered by the event itself runs after it.");
        }
        if (actions.isEmpty()) {
            notes.add("No action in Dr.DENTES: nothing to rebuild but the trigger.");
        }
        return e;
    }

    /** An integration: what it is, where it talks, how it authenticates (never with what), and what rebuilds it. */
    static ObjectNode integration(String sourceId, JsonNode i) {
        ObjectNode e = JSON.objectNode();
        e.put("document", SourceResource.INTEGRATIONS.path());
        e.put("id", sourceId);
        e.put("name", text(i.get("name")));
        String kind = text(i.get("kind"));
        e.put("kind", kind);
        e.put("endpoint", endpoint(i.get("endpoint_url")));
        String auth = text(i.get("auth_type"));
        e.put("auth_type", auth);
        e.put("credentials", "Not copied. Set up new " + auth + " credentials in the new tool; the Dr.DENTES ones"
                + " stay where they are.");
        e.put("data_format", text(i.get("data_format")));
        e.put("active", bool(i.get("active")));
        boolean compliance = bool(i.get("turkish_compliance")) || TURKISH_COMPLIANCE_KINDS.contains(kind);
        e.put("turkish_compliance", compliance);
        e.put("portable", !compliance);
        if (compliance) {
            e.put("rebuild_with", "Not portable. " + complianceName(kind) + " is a Turkish health-compliance"
                    + " integration: it is submitted from a certified Turkish health information system, never from a"
                    + " CRM. Keep it in Dr.DENTES (or the practice's next certified system); Freshsales cannot replace"
                    + " it.");
        } else {
            e.put("rebuild_with", INTEGRATIONS.getOrDefault(kind, INTEGRATIONS.get("OTHER")));
        }
        ArrayNode notes = e.putArray("notes");
        if (!bool(i.get("active"))) {
            notes.add("Inactive in Dr.DENTES: rebuild it only if the practice wants it back.");
        }
        return e;
    }

    private static String complianceName(String kind) {
        return switch (kind) {
            case "E_NABIZ" -> "e-Nabız (the Ministry of Health's personal health record)";
            case "MEDULA" -> "MEDULA (the Social Security Institution's provision and invoicing system)";
            default -> "This integration";
        };
    }

    /** When an ISO-8601 offset fires, in words: "1 day before the trigger", "at the trigger". */
    static String when(String offset) {
        if (offset == null || offset.equals(NOT_SET) || offset.isBlank()) {
            return "at the trigger";
        }
        boolean negative = offset.startsWith("-");
        String iso = negative ? offset.substring(1) : offset;
        String amount;
        try {
            if (iso.contains("T")) {
                Duration d = Duration.parse(iso);
                List<String> parts = new ArrayList<>();
                if (d.toDays() != 0) {
                    parts.add(words(d.toDays(), "day"));
                }
                if (d.toHoursPart() != 0) {
                    parts.add(words(d.toHoursPart(), "hour"));
                }
                if (d.toMinutesPart() != 0) {
                    parts.add(words(d.toMinutesPart(), "minute"));
                }
                amount = parts.isEmpty() ? null : String.join(" ", parts);
            } else {
                Period p = Period.parse(iso);
                List<String> parts = new ArrayList<>();
                if (p.getYears() != 0) {
                    parts.add(words(p.getYears(), "year"));
                }
                if (p.getMonths() != 0) {
                    parts.add(words(p.getMonths(), "month"));
                }
                if (p.getDays() != 0) {
                    parts.add(words(p.getDays(), "day"));
                }
                amount = parts.isEmpty() ? null : String.join(" ", parts);
            }
        } catch (DateTimeParseException e) {
            return "offset " + offset + " (not an ISO-8601 duration: read it by hand)";
        }
        if (amount == null) {
            return "at the trigger";
        }
        return amount + (negative ? " before" : " after") + " the trigger";
    }

    private static String words(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** Scheme, host, port and path of an address; user-info, query and fragment are left out (they carry secrets). */
    static String endpoint(JsonNode value) {
        String address = text(value);
        if (address.equals(NOT_SET)) {
            return address;
        }
        try {
            URI uri = new URI(address.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "(withheld: not a plain address)";
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "(withheld: not a plain address)";
        }
    }

    /**
     * A value as one line of text; control characters become U+FFFD (PostgreSQL's jsonb refuses NUL, and a line break
     * inside a name would break a document's layout).
     */
    private static String text(JsonNode v) {
        return v == null || v.isNull() || v.isMissingNode() || v.isContainerNode() ? NOT_SET
                : v.asText().replaceAll("\\p{Cntrl}", "\uFFFD");
    }

    private static boolean bool(JsonNode v) {
        return v != null && v.asBoolean(false);
    }

    private static ArrayNode texts(JsonNode v) {
        ArrayNode out = JSON.arrayNode();
        if (v != null && v.isArray()) {
            v.forEach(c -> out.add(text(c)));
        }
        return out;
    }
}
