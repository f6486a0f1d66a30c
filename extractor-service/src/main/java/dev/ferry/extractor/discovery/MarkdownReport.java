package dev.ferry.extractor.discovery;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The discovery report as a page a person reads (Markdown). Same content as the JSON; ids capped the same way. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(DiscoveryReport r) {
        StringBuilder md = new StringBuilder();
        md.append("# Discovery ").append(r.discoveryId()).append("\n\n");
        md.append("Read ").append(r.startedAt()).append(" – ").append(r.finishedAt())
                .append(". Nothing was written anywhere. Patients appear by id only.\n\n");

        md.append("## Records per resource\n\n| resource | live | soft-deleted | unreadable |\n|---|---:|---:|---:|\n");
        for (DiscoveryReport.ResourceCount c : r.resources()) {
            md.append("| ").append(c.resource()).append(" | ").append(c.live()).append(" | ").append(c.deleted())
                    .append(" | ").append(c.invalid()).append(c.unavailable() == null ? "" : " (unavailable: "
                            + cell(c.unavailable()) + ")").append(" |\n");
        }

        md.append("\n## Custom modules\n\n");
        if (r.customModules().isEmpty()) {
            md.append("None defined.\n");
        } else {
            md.append("| key | name | cardinality | fields | live records | deleted records |\n|---|---|---|---|---:|---:|\n");
            for (DiscoveryReport.ModuleSummary m : r.customModules()) {
                String fields = m.fields().stream().map(f -> f.key() + " " + f.type()
                        + (f.choices() == null ? "" : " " + f.choices())).collect(Collectors.joining(", "));
                md.append("| ").append(cell(m.key())).append(m.deleted() ? " (deleted)" : "").append(" | ")
                        .append(cell(m.name())).append(" | ").append(cell(m.cardinality())).append(" | ")
                        .append(cell(fields)).append(" | ").append(m.liveRecords()).append(" | ")
                        .append(m.deletedRecords()).append(" |\n");
            }
        }

        md.append("\n## Custom fields (keys of `custom_fields` and the value types seen)\n\n");
        if (r.customFields().isEmpty()) {
            md.append("None.\n");
        } else {
            md.append("| resource | key | records | value types |\n|---|---|---:|---|\n");
            for (DiscoveryReport.CustomFieldKey k : r.customFields()) {
                md.append("| ").append(k.resource()).append(" | ").append(cell(k.key())).append(" | ")
                        .append(k.records()).append(" | ").append(cell(new TreeMap<>(k.valueTypes()).toString()))
                        .append(" |\n");
            }
        }

        md.append("\n## Data quality\n\n| rule | resource | field | count | ids (first ones) |\n|---|---|---|---:|---|\n");
        for (DiscoveryReport.Finding f : r.findings()) {
            if (f.count() == 0) {
                continue;
            }
            String ids = f.groups() != null
                    ? f.groupCount() + " groups: " + f.groups().stream().map(g -> "(" + String.join(", ", g) + ")")
                            .collect(Collectors.joining(" "))
                    : String.join(", ", f.ids());
            boolean more = f.groups() != null ? f.groups().size() < f.groupCount() : f.ids().size() < f.count();
            md.append("| ").append(f.rule()).append(" | ").append(f.resource()).append(" | ").append(cell(f.field()))
                    .append(" | ").append(f.count()).append(breakdown(f.breakdown())).append(" | ").append(cell(ids))
                    .append(more ? " …" : "").append(" |\n");
        }
        List<DiscoveryReport.Finding> clean = r.findings().stream().filter(f -> f.count() == 0).toList();
        if (!clean.isEmpty()) {
            md.append("\nChecked and clean: ").append(clean.stream().map(f -> f.rule() + " (" + f.resource() + "."
                    + f.field() + ")").collect(Collectors.joining(", "))).append(".\n");
        }
        md.append("\nRules:\n\n");
        r.findings().stream().collect(Collectors.toMap(DiscoveryReport.Finding::rule,
                DiscoveryReport.Finding::description, (a, b) -> a, TreeMap::new))
                .forEach((rule, d) -> md.append("- `").append(rule).append("`: ").append(d).append('\n'));

        DiscoveryReport.Attachments a = r.attachments();
        md.append("\n## Attachments\n\n").append(a.count()).append(" files, ").append(a.totalBytes())
                .append(" bytes in all");
        if (a.largestId() != null) {
            md.append("; the largest is ").append(a.largestId()).append(" (").append(a.largestBytes()).append(" bytes)");
        }
        md.append(".");
        if (a.targetStorageBytes() != null) {
            md.append(" The target's storage: ").append(a.targetStorageBytes()).append(" bytes; ")
                    .append(Boolean.TRUE.equals(a.fitsTargetStorage()) ? "they fit." : "**they do not fit**.");
        }
        md.append("\n");

        DiscoveryReport.Owners o = r.owners();
        md.append("\n## Owners (practitioners against the Freshsales users)\n\n");
        if (o.users() == null) {
            md.append("Not checked: ").append(o.note()).append("\n");
        } else {
            md.append(o.users()).append(" users (from ").append(o.usersFrom()).append("); ").append(o.matched())
                    .append(" practitioners matched by e-mail, ").append(o.matchedInactiveUser())
                    .append(" matched to an inactive user, ").append(o.unmatched().size())
                    .append(" to invite or fix:\n");
        }
        if (!o.unmatched().isEmpty()) {
            md.append("\n| practitioner | name | e-mail | role | active | status |\n|---|---|---|---|---|---|\n");
            for (DiscoveryReport.Practitioner p : o.unmatched()) {
                md.append("| ").append(cell(p.id())).append(" | ").append(cell(p.name())).append(" | ")
                        .append(cell(p.email())).append(" | ").append(cell(p.role())).append(" | ")
                        .append(p.active() ? "yes" : "no").append(" | ").append(p.status()).append(" |\n");
            }
        }

        DiscoveryReport.Limits l = r.limits();
        md.append("\n## Limits\n\nNote limit ").append(l.noteLimitBytes()).append(" bytes; at most ")
                .append(l.idsPerFinding()).append(" ids and ").append(l.groupsPerFinding())
                .append(" groups listed per rule; phones read with default region ").append(l.phoneRegion())
                .append(". Indexes held ").append(l.indexBytes()).append(" bytes. Memory bound: ")
                .append(l.memoryBound()).append("\n");
        return md.toString();
    }

    private static String breakdown(Map<String, Long> b) {
        if (b == null || b.isEmpty()) {
            return "";
        }
        return " (" + new TreeMap<>(b).entrySet().stream().map(e -> cell(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ")) + ")";
    }

    /** Text safe inside a table cell. */
    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }
}
