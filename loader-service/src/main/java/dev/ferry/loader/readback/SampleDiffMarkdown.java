package dev.ferry.loader.readback;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The diff as a page a person reads: the summary per field first, then only the records with a field that is not
 * equal (a sample of 300 all-equal records is one table, not 300). It shows patient values: serve it only behind the
 * role the JSON needs, never log it.
 */
public final class SampleDiffMarkdown {

    /** Why a field was not compared on some records. */
    static final String NOT_ON_THE_MODULE = "*Not on the module*: records written as Classic leads, whose module the "
            + "account gave no such field; the mapper left it out of the write, with a note. Not compared.";

    private SampleDiffMarkdown() {
    }

    public static String render(SampleDiff diff) {
        StringBuilder md = new StringBuilder();
        md.append("# Sample diff of run ").append(diff.runId()).append("\n\n");
        long records = diff.records().size();
        long clean = diff.records().stream().filter(RecordCheck::allEqual).count();
        md.append(records).append(" records read back; ").append(clean).append(" with every mapped field equal. ")
                .append(diff.allEqual() ? "**Every field is equal.**" : "**Fields that differ: "
                        + String.join(", ", diff.fieldsNotEqual()) + ".**").append("\n\n");
        md.append("## Per field\n\n| resource | field | equal | different | missing | not on the module |\n"
                + "|---|---|---:|---:|---:|---:|\n");
        for (SampleDiff.FieldSummary f : diff.fields()) {
            md.append("| ").append(f.resource()).append(" | `").append(f.field()).append("` | ").append(f.equal())
                    .append(" | ").append(f.different()).append(" | ").append(f.missing()).append(" | ")
                    .append(f.notApplicable()).append(" |\n");
        }
        if (diff.fields().stream().anyMatch(f -> f.notApplicable() > 0)) {
            md.append("\n").append(NOT_ON_THE_MODULE).append("\n");
        }
        if (clean < records) {
            md.append("\n## Records with differences\n\n| resource | source id | Freshsales id | field | verdict |"
                    + " expected | actual |\n|---|---|---|---|---|---|---|\n");
            for (RecordCheck r : diff.records()) {
                for (FieldCheck f : r.fields()) {
                    if (f.verdict() != FieldVerdict.EQUAL && f.verdict() != FieldVerdict.NOT_APPLICABLE) {
                        md.append("| ").append(r.resource()).append(" | ").append(cell(r.sourceId())).append(" | ")
                                .append(r.freshsalesId() == null ? "not written" : r.freshsalesId()).append(" | `")
                                .append(f.field()).append("` | ").append(f.verdict()).append(" | ")
                                .append(value(f.expected())).append(" | ").append(value(f.actual())).append(" |\n");
                    }
                }
            }
        }
        return md.toString();
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
