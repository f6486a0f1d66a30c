package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The sample diff (the loader's {@code POST /sample-diff} answer) as a page a person reads: the summary per field
 * first, then only the records with a field that is not equal. The same layout as the loader's
 * {@code SampleDiffMarkdown}, rendered here so the records are read back from Freshsales once, not once per format.
 * It shows patient values: written to the operator's folder, never printed.
 */
public final class SampleDiffPage {

    private static final String NOT_APPLICABLE = "NOT_APPLICABLE";

    private SampleDiffPage() {
    }

    /**
     * @param mapVersion the confirmed map the promises came from
     * @param runMapVersion the map the sample ran under
     */
    public static String render(JsonNode diff, String mapVersion, String runMapVersion) {
        StringBuilder md = new StringBuilder();
        md.append("# Sample diff of run ").append(diff.path("runId").asText()).append("\n\n");
        md.append("Loaded under `").append(runMapVersion).append("`, compared with what `").append(mapVersion)
                .append("` promises.\n\n");
        int records = diff.path("records").size();
        int clean = 0;
        for (JsonNode r : diff.path("records")) {
            clean += allEqual(r) ? 1 : 0;
        }
        StringBuilder notEqual = new StringBuilder();
        for (JsonNode f : diff.path("fields")) {
            if (f.path("different").asLong() > 0 || f.path("missing").asLong() > 0) {
                notEqual.append(notEqual.isEmpty() ? "" : ", ").append(f.path("resource").asText()).append('.')
                        .append(f.path("field").asText());
            }
        }
        md.append(records).append(" records read back; ").append(clean).append(" with every mapped field equal. ")
                .append(notEqual.isEmpty() ? "**Every field is equal.**" : "**Fields that differ: " + notEqual + ".**")
                .append("\n\n");
        md.append("## Per field\n\n| resource | field | equal | different | missing | not on the module |\n"
                + "|---|---|---:|---:|---:|---:|\n");
        boolean notApplicable = false;
        for (JsonNode f : diff.path("fields")) {
            md.append("| ").append(f.path("resource").asText()).append(" | `").append(f.path("field").asText())
                    .append("` | ").append(f.path("equal").asLong()).append(" | ").append(f.path("different").asLong())
                    .append(" | ").append(f.path("missing").asLong()).append(" | ")
                    .append(f.path("notApplicable").asLong()).append(" |\n");
            notApplicable |= f.path("notApplicable").asLong() > 0;
        }
        if (notApplicable) {
            md.append("\n*Not on the module*: records written as Classic leads, whose module the account gave no such "
                    + "field; the mapper left it out of the write, with a note. Not compared.\n");
        }
        if (clean < records) {
            md.append("\n## Records with differences\n\n| resource | source id | Freshsales id | field | verdict |"
                    + " expected | actual |\n|---|---|---|---|---|---|---|\n");
            for (JsonNode r : diff.path("records")) {
                for (JsonNode f : r.path("fields")) {
                    if (compared(f) && !"EQUAL".equals(f.path("verdict").asText())) {
                        md.append("| ").append(r.path("resource").asText()).append(" | ")
                                .append(cell(r.path("sourceId").asText())).append(" | ")
                                .append(r.path("freshsalesId").isNull() || r.path("freshsalesId").isMissingNode()
                                        ? "not written" : r.path("freshsalesId").asText())
                                .append(" | `").append(f.path("field").asText()).append("` | ")
                                .append(f.path("verdict").asText()).append(" | ").append(value(f.get("expected")))
                                .append(" | ").append(value(f.get("actual"))).append(" |\n");
                    }
                }
            }
        }
        return md.toString();
    }

    private static boolean allEqual(JsonNode record) {
        for (JsonNode f : record.path("fields")) {
            if (compared(f) && !"EQUAL".equals(f.path("verdict").asText())) {
                return false;
            }
        }
        return true;
    }

    /** Whether the field was compared: not when the record's module cannot hold it (a Classic lead). */
    private static boolean compared(JsonNode field) {
        return !NOT_APPLICABLE.equals(field.path("verdict").asText());
    }

    private static String value(JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return "(none)";
        }
        return cell(n.isTextual() ? n.asText() : n.toString());
    }

    /** A table cell: pipes and line breaks would break the table. */
    private static String cell(String s) {
        return s.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }
}
