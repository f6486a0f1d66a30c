package dev.ferry.audit.document;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The two rebuild documents (issue 10) from the entries the mapper put on DOCUMENTED outcomes
 * ({@code LoadOutcome.document}): every field of an entry is shown, by name, so nothing the mapper decided is lost
 * between the ledger and the admin.
 */
public final class RebuildOutlines {

    private RebuildOutlines() {
    }

    /** The workflows document of a run. */
    public static Outline workflows(String runId, List<JsonNode> entries) {
        List<Outline.Section> sections = new ArrayList<>();
        for (JsonNode e : entries) {
            List<Outline.Row> rows = List.of(
                    new Outline.Row("Dr.DENTES id", text(e, "id")),
                    new Outline.Row("Active in Dr.DENTES", yesNo(e, "active")),
                    new Outline.Row("Trigger", text(e, "trigger")),
                    new Outline.Row("Freshsales trigger", text(e, "freshsales_trigger")),
                    new Outline.Row("Conditions", list(e.get("conditions"), "none")),
                    new Outline.Row("Schedule", text(e, "schedule")),
                    new Outline.Row("Rebuild with", list(e.get("rebuild_with"), "(not decided)")));
            List<List<String>> actions = new ArrayList<>();
            int step = 1;
            for (JsonNode a : iterable(e.get("actions"))) {
                actions.add(List.of(String.valueOf(step++), text(a, "channel"), text(a, "template"), text(a, "offset"),
                        text(a, "when"), text(a, "rebuild_as")));
            }
            Outline.Table table = new Outline.Table("Actions",
                    List.of("Step", "Channel", "Template", "Offset", "When", "Rebuild as"), actions);
            sections.add(new Outline.Section(text(e, "name") + " (" + text(e, "id") + ")", rows, table,
                    texts(e.get("notes"))));
        }
        return new Outline("Workflows to rebuild in Freshsales", List.of(
                "Run " + runId + ": " + entries.size() + (entries.size() == 1 ? " workflow" : " workflows")
                        + " of Dr.DENTES. None is migrated: Freshsales automations are set up by an admin. Each entry"
                        + " gives its trigger, conditions, schedule, every action with its channel, template and"
                        + " offset, and the Freshsales feature that rebuilds it (Workflows, Sequences, Marketplace"
                        + " apps).",
                "Templates are named, not copied: recreate their text in Freshsales' e-mail templates or the"
                        + " messaging app."), sections);
    }

    /** The integrations document of a run. */
    public static Outline integrations(String runId, List<JsonNode> entries) {
        List<Outline.Section> sections = new ArrayList<>();
        long compliance = 0;
        for (JsonNode e : entries) {
            boolean bound = e.path("turkish_compliance").asBoolean(false);
            compliance += bound ? 1 : 0;
            List<Outline.Row> rows = List.of(
                    new Outline.Row("Dr.DENTES id", text(e, "id")),
                    new Outline.Row("Kind", text(e, "kind")),
                    new Outline.Row("Endpoint", text(e, "endpoint")),
                    new Outline.Row("Auth type", text(e, "auth_type")),
                    new Outline.Row("Credentials", text(e, "credentials")),
                    new Outline.Row("Data format", text(e, "data_format")),
                    new Outline.Row("Active in Dr.DENTES", yesNo(e, "active")),
                    new Outline.Row("Turkish-compliance-bound", bound ? "yes: not portable" : "no"),
                    new Outline.Row("Rebuild with", text(e, "rebuild_with")));
            sections.add(new Outline.Section(text(e, "name") + " (" + text(e, "id") + ")", rows, null,
                    texts(e.get("notes"))));
        }
        return new Outline("Integrations to rebuild for Freshsales", List.of(
                "Run " + runId + ": " + entries.size() + (entries.size() == 1 ? " integration" : " integrations")
                        + " of Dr.DENTES, " + compliance + " of them bound to Turkish health compliance (e-Nabız,"
                        + " MEDULA): those are not portable and stay with a certified Turkish health information"
                        + " system.",
                "No credential is in this document, nor anywhere Ferry wrote: the extractor drops them before"
                        + " publishing. Set up new credentials of the named auth type in the tool that rebuilds each"
                        + " integration."), sections);
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e == null ? null : e.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? "(not set)" : v.asText();
    }

    private static String yesNo(JsonNode e, String field) {
        return e.path(field).asBoolean(false) ? "yes" : "no";
    }

    private static String list(JsonNode v, String empty) {
        List<String> items = texts(v);
        return items.isEmpty() ? empty : String.join("; ", items);
    }

    private static List<String> texts(JsonNode v) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : iterable(v)) {
            if (n.isValueNode()) {
                out.add(n.asText());
            }
        }
        return out;
    }

    private static Iterable<JsonNode> iterable(JsonNode v) {
        return v != null && v.isArray() ? v : List.of();
    }
}
