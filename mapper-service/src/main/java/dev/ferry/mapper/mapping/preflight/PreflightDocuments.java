package dev.ferry.mapper.mapping.preflight;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** A preflight as the admin reads it: a Markdown page, and the field-creation checklist as CSV (Apache Commons CSV). */
public final class PreflightDocuments {

    /** The checklist's CSV columns. */
    public static final List<String> CSV_HEADER = List.of("module", "label", "field_name", "type", "picklist_values",
            "status", "source");

    private PreflightDocuments() {
    }

    /**
     * Every line of the checklist, present ones included (status {@code PRESENT}), so the admin ticks the file off;
     * pick-list values joined by {@code |}.
     */
    public static String csv(PreflightReport r) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder()
                .setHeader(CSV_HEADER.toArray(String[]::new)).get())) {
            for (FieldChecklist.Line l : r.fieldChecklist()) {
                p.printRecord(l.module(), l.label(), l.name(), l.type(), String.join("|", l.choices()),
                        l.status().name(), l.source());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    public static String markdown(PreflightReport r) {
        StringBuilder b = new StringBuilder();
        b.append("# Preflight ").append(r.preflightId()).append("\n\n");
        b.append(r.passed() ? "**PASSED**: nothing blocks the full run.\n\n"
                : "**BLOCKED**: " + r.blocking() + (r.blocking() == 1 ? " finding blocks" : " findings block")
                        + " the full run. Do what each says, then run preflight again.\n\n");
        b.append("- map: ").append(r.mapVersion() == null ? "none confirmed" : r.mapVersion() + " (sha256 "
                + r.mapSha256().substring(0, 12) + ")").append('\n');
        if (r.targetFetchedAt() != null) {
            b.append("- Freshsales account read at: ").append(r.targetFetchedAt()).append('\n');
        }
        b.append("- discovery: ").append(r.discoveryId() == null ? "none passed" : r.discoveryId()).append('\n');
        if (r.cost() != null) {
            b.append("- cost and ETA: ").append(r.cost().summary()).append('\n');
        }
        b.append("\n## Findings\n\n| | check | subject | finding | what to do |\n|---|---|---|---|---|\n");
        for (Finding f : r.findings()) {
            b.append("| ").append(f.blocking() ? "BLOCKS" : "note").append(" | ").append(f.check()).append(" | ")
                    .append(cell(f.subject())).append(" | ").append(cell(f.problem())).append(" | ")
                    .append(cell(f.action())).append(" |\n");
        }
        if (!r.fieldChecklist().isEmpty()) {
            b.append("\n## Field-creation checklist (Admin Settings > module > fields)\n\n")
                    .append("| done | module | label | field name | type | pick-list values | source |\n")
                    .append("|---|---|---|---|---|---|---|\n");
            for (FieldChecklist.Line l : r.fieldChecklist()) {
                b.append("| ").append(l.status() == FieldChecklist.Status.PRESENT ? "[x]" : "[ ] " + l.status())
                        .append(" | ").append(l.module()).append(" | ").append(cell(l.label())).append(" | `")
                        .append(l.name()).append("` | ").append(l.type()).append(" | ")
                        .append(cell(String.join(", ", l.choices()))).append(" | ").append(cell(l.source()))
                        .append(" |\n");
            }
        }
        for (StageCheck.Pipeline p : r.pipelines()) {
            b.append("\n## Pipeline ").append(p.pipeline() == null ? String.join(" / ", p.wanted()) + " (missing)"
                    : p.pipeline()).append(" (").append(p.resource()).append(")\n\n")
                    .append("| stage | position | probability | forecast category |\n|---|---|---|---|\n");
            for (StageCheck.Stage s : p.stages()) {
                b.append("| ").append(cell(s.name())).append(" | ").append(dash(s.position())).append(" | ")
                        .append(s.probability() == null ? "-" : s.probability() + " %").append(" | ")
                        .append(dash(s.forecastType())).append(" |\n");
            }
            b.append("\n| Dr.DENTES stage | lands in | probability | forecast category |\n|---|---|---|---|\n");
            for (StageCheck.CodeLine c : p.codes()) {
                b.append("| ").append(c.code()).append(" | ").append(c.stage() == null ? "MISSING (tried "
                        + cell(String.join(", ", c.tried())) + ")" : cell(c.stage())).append(" | ")
                        .append(c.probability() == null ? "-" : c.probability() + " %").append(" | ")
                        .append(dash(c.forecastType())).append(" |\n");
            }
        }
        if (r.owners() != null) {
            OwnerCheck.Owners o = r.owners();
            b.append("\n## Owners and users\n\n- fallback owner: ")
                    .append(o.fallbackEmail() == null ? "none" : o.fallbackEmail()).append(": ")
                    .append(o.fallbackState()).append('\n');
            if (o.users() != null) {
                b.append("- practitioners matched at discovery: ").append(o.matchedAtDiscovery()).append("\n\n")
                        .append("| practitioner | name | e-mail | Dr.DENTES role | Freshsales role | profile | status |"
                                + " to do |\n|---|---|---|---|---|---|---|---|\n");
                for (OwnerCheck.UserLine u : o.users()) {
                    b.append("| ").append(u.practitionerId()).append(" | ").append(cell(u.name())).append(" | ")
                            .append(cell(u.email())).append(" | ").append(u.dentesRole()).append(" | ")
                            .append(u.freshsalesRole()).append(" | ").append(cell(u.profile())).append(" | ")
                            .append(u.status()).append(" | ").append(cell(u.action())).append(" |\n");
                }
            }
            b.append("\nRoles and profiles by Dr.DENTES role: DENTIST and HYGIENIST Sales Rep (clinician),"
                    + " OFFICE_MANAGER Sales Manager (clinic manager), RECEPTIONIST Sales Rep (front desk),"
                    + " ASSISTANT Sales Rep (chairside).\n");
        }
        if (r.storage() != null) {
            StorageCheck s = r.storage();
            b.append("\n## Storage\n\n- quota: ").append(s.quota()).append('\n');
            if (s.attachments() != null) {
                b.append("- attachments: ").append(s.attachments()).append(" files, ")
                        .append(StorageCheck.bytes(s.totalBytes())).append(", largest ")
                        .append(StorageCheck.bytes(s.largestBytes())).append('\n');
            }
        }
        if (r.cost() != null) {
            CostEstimate.Estimate c = r.cost();
            b.append("\n## Cost and ETA\n\n").append(c.summary()).append(" (").append(c.model().metadataCalls())
                    .append(" calls to read the account's metadata included)\n\n")
                    .append("| resource | target | records | how | calls |\n|---|---|---|---|---|\n");
            for (CostEstimate.Line l : c.lines()) {
                b.append("| ").append(l.resource()).append(" | ").append(dash(l.target())).append(" | ")
                        .append(l.records()).append(" | ").append(cell(l.how())).append(" | ").append(l.calls())
                        .append(" |\n");
            }
        }
        return b.toString();
    }

    private static String dash(Object o) {
        return o == null ? "-" : o.toString();
    }

    private static String cell(String s) {
        return s == null ? "-" : s.replace("|", "\\|").replace("\n", " ");
    }
}
