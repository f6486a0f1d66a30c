package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the audit's three-layer reconciliation ({@code POST /runs/{id}/reconcile}) as Markdown for an operator:
 * counts, ids, and what the loader found in Freshsales. Shows what the report holds (ids, field names, reasons), and
 * leaves out any {@code values} a report might carry, so the page can be passed around.
 */
public final class ReconcileMarkdown {

    private static final List<String> COUNT_COLUMNS = List.of("manifestCount", "terminal", "created", "updated",
            "unchanged", "linked", "documented", "rejected", "failed", "deferred", "unaccounted", "surplus");

    private ReconcileMarkdown() {
    }

    /** One line: the verdict and the numbers per layer. */
    public static String summary(JsonNode r) {
        JsonNode counts = r.path("counts");
        JsonNode target = r.path("target");
        String layer3 = target.isObject()
                ? target.path("findings").size() + " findings in Freshsales (" + target.path("calls").asLong()
                        + " calls for " + target.path("records").asLong() + " records)"
                : "Freshsales not read back";
        return "reconcile " + r.path("runId").asText() + ": " + (r.path("clean").asBoolean() ? "CLEAN" : "FINDINGS")
                + "; counts " + (counts.path("balanced").asBoolean() ? "balanced" : "not balanced")
                + " (" + counts.path("unaccounted").asLong() + " without a terminal outcome, "
                + counts.path("surplus").asLong() + " surplus); " + layer3;
    }

    public static String render(JsonNode r) {
        StringBuilder md = new StringBuilder();
        md.append("# Reconciliation of run ").append(cell(r.path("runId").asText())).append("\n\n");
        md.append("Generated ").append(r.path("generatedAt").asText()).append(". **")
                .append(r.path("clean").asBoolean() ? "Clean" : "Findings: " + r.path("findings").asLong())
                .append("**\n\n");

        JsonNode counts = r.path("counts");
        md.append("## 1. Counts\n\n");
        md.append("Manifests against terminal outcomes; balanced: **").append(counts.path("balanced").asBoolean())
                .append("**.\n\n");
        List<String> head = new ArrayList<>(List.of("resource"));
        head.addAll(COUNT_COLUMNS);
        head.add("balanced");
        row(md, head);
        row(md, head.stream().map(h -> "---").toList());
        for (JsonNode res : counts.path("resources")) {
            List<String> cells = new ArrayList<>(List.of(res.path("resource").asText()));
            for (String c : COUNT_COLUMNS) {
                JsonNode v = res.path(c);
                cells.add(v.isMissingNode() || v.isNull() ? "-" : v.asText());
            }
            cells.add(res.path("balanced").asBoolean() ? "yes" : "no");
            row(md, cells);
        }
        md.append('\n');
        for (JsonNode why : counts.path("unbalancedBecause")) {
            md.append("- ").append(cell(why.asText())).append('\n');
        }

        md.append("\n## 2. Ids\n\n");
        if (r.path("ids").isEmpty()) {
            md.append("Every manifest id has exactly one terminal outcome, and no outcome is for an id outside the"
                    + " manifests.\n");
        }
        for (JsonNode ids : r.path("ids")) {
            md.append("- **").append(cell(ids.path("resource").asText())).append("**: missing ")
                    .append(idList(ids.path("missing"))).append("; surplus ").append(idList(ids.path("surplus")))
                    .append(ids.path("truncated").asBoolean() ? " (lists cut short)" : "").append('\n');
        }

        md.append("\n## 3. Freshsales\n\n");
        JsonNode target = r.path("target");
        if (!target.isObject()) {
            md.append("Not read back: ").append(cell(r.path("targetUnavailable").asText("unknown reason")))
                    .append("\n");
            return md.toString();
        }
        md.append(target.path("records").asLong()).append(" records Ferry wrote, ")
                .append(target.path("checked").asLong()).append(" compared, with ")
                .append(target.path("calls").asLong()).append(" Freshsales calls.\n\n");
        row(md, List.of("collection", "read by", "records", "compared", "listed", "findings"));
        row(md, List.of("---", "---", "---", "---", "---", "---"));
        for (JsonNode t : target.path("targets")) {
            row(md, List.of(t.path("target").asText(), t.path("readBy").asText(), t.path("expected").asText(),
                    t.path("checked").asText(), text(t.path("listed")),
                    t.path("findings").asText()));
        }
        md.append('\n');
        if (target.path("findings").isEmpty()) {
            md.append("Every record Ferry wrote is there once, holds what Ferry wrote and keeps its parent link; no"
                    + " record carries a Dr.DENTES id Ferry does not know.\n");
            return md.toString();
        }
        row(md, List.of("kind", "collection", "Freshsales id", "record", "cf_dentes_id", "fields", "detail"));
        row(md, List.of("---", "---", "---", "---", "---", "---", "---"));
        for (JsonNode f : target.path("findings")) {
            List<String> fields = new ArrayList<>();
            f.path("fields").forEach(n -> fields.add(n.asText()));
            row(md, List.of(f.path("kind").asText(), f.path("target").asText(), text(f.path("freshsalesId")),
                    text(f.path("record")), text(f.path("dentesId")), String.join(", ", fields),
                    text(f.path("detail"))));
        }
        return md.toString();
    }

    private static String idList(JsonNode list) {
        if (list.isEmpty()) {
            return "none";
        }
        List<String> out = new ArrayList<>();
        for (JsonNode id : list) {
            out.add("`" + cell(id.path("sourceId").asText()) + "`"
                    + (id.hasNonNull("state") ? " (" + id.get("state").asText() + ")" : " (never heard of)"));
        }
        return String.join(", ", out);
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "-" : n.asText();
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        cells.forEach(c -> md.append(' ').append(cell(c)).append(" |"));
        md.append('\n');
    }

    /** A table cell: no pipe or line break may end the row early. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
