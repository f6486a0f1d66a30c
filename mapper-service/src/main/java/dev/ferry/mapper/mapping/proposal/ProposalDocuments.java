package dev.ferry.mapper.mapping.proposal;

import dev.ferry.mapper.mapping.proposal.MapProposal.Decision;
import dev.ferry.mapper.mapping.proposal.MapProposal.ProposedField;

/**
 * The proposal as a person reads it (Markdown) and as the operator confirms it: the map to confirm is the base
 * mapping spec itself, headed by the proposal as comments (what is matched, what to create, what to check), so editing
 * it is editing the spec the mapper will run with, and nothing in the header changes what it does.
 */
public final class ProposalDocuments {

    private ProposalDocuments() {
    }

    /** The spec text to edit and confirm ({@code POST /mapping/confirmations}). */
    public static String mapToConfirm(MapProposal p, String baseSpecText) {
        StringBuilder b = new StringBuilder();
        b.append("# Ferry map proposal ").append(p.proposalId()).append(" (").append(p.createdAt()).append(")\n");
        b.append("# Base: ").append(p.baseSpec()).append(" (sha256 ").append(p.baseSha256(), 0, 12)
                .append("); Freshsales catalogue read ").append(p.targetFetchedAt()).append("; custom fields from ")
                .append(p.customFieldsFrom()).append(".\n");
        b.append("# Edit the spec below where the proposal says so, then confirm it: ferry confirm --file <this file>.\n");
        b.append("# Only a confirmed map runs; a changed one must be confirmed again. These comment lines change nothing.\n");
        b.append("#\n# To create in Freshsales before the run (or change the spec's target):\n");
        p.fields().stream().filter(f -> f.decision() == Decision.CREATE).forEach(f -> b.append("#   ")
                .append(f.collection()).append('.').append(f.newField().name()).append(" (").append(f.newField().type())
                .append(f.newField().choices() == null ? "" : ": " + String.join(" | ", f.newField().choices()))
                .append(f.newField().choices() == null && "dropdown".equals(f.newField().type())
                        ? ", choices from the data: see the field checklist after a run" : "")
                .append(")  <- ").append(f.resource()).append('.').append(f.sourceField()).append('\n'));
        b.append("#\n# To check (a guess, a low confidence, or pick-list values the account lacks):\n");
        p.fields().stream().filter(f -> f.review() && f.decision() == Decision.EXISTING).forEach(f -> b.append("#   ")
                .append(f.resource()).append('.').append(f.sourceField()).append(" -> ").append(f.collection())
                .append('.').append(f.targetField()).append(" (").append(f.confidence()).append("): ")
                .append(oneLine(f.reasons().get(0))).append(f.missingChoices() == null ? ""
                        : "; missing choices: " + String.join(" | ", f.missingChoices())).append('\n'));
        b.append("#\n");
        return b.append(baseSpecText.endsWith("\n") ? baseSpecText : baseSpecText + "\n").toString();
    }

    public static String markdown(MapProposal p) {
        StringBuilder b = new StringBuilder();
        b.append("# Map proposal ").append(p.proposalId()).append("\n\n");
        b.append("Base spec `").append(p.baseSpec()).append("` (sha256 `").append(p.baseSha256(), 0, 12)
                .append("`), Freshsales field catalogue read ").append(p.targetFetchedAt()).append(", custom fields from ")
                .append(p.customFieldsFrom()).append(". Field names and types only; no record's value.\n\n");
        var s = p.summary();
        b.append("**").append(s.fields()).append(" source fields**: ").append(s.existing()).append(" map to existing fields, ")
                .append(s.create()).append(" need a new custom field, ").append(s.review()).append(" to check, ")
                .append(s.picklistMisses()).append(" with pick-list values missing.\n\n");
        b.append("Confidence = 0.55 name similarity (Jaro-Winkler) + 0.30 type compatibility + 0.15 pick-list fit.\n\n");
        b.append("| source | field | origin | type | → Freshsales | decision | confidence | check | why |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ProposedField f : p.fields()) {
            b.append("| ").append(f.resource()).append(" | `").append(cell(f.sourceField())).append("` | ")
                    .append(f.origin()).append(" | ").append(f.sourceType()).append(" | `").append(f.collection())
                    .append('.').append(f.targetField()).append("` (").append(f.targetType()).append(") | ")
                    .append(f.decision()).append(" | ").append(f.confidence()).append(" | ")
                    .append(f.review() ? "yes" : "").append(" | ").append(cell(String.join("; ", f.reasons())))
                    .append(" |\n");
        }
        if (!p.notes().isEmpty()) {
            b.append("\n## Not scored\n\n");
            p.notes().forEach(n -> b.append("- ").append(cell(n)).append('\n'));
        }
        b.append("\nConfirm with `ferry confirm --file map.yaml` (the spec headed by this proposal, edited as needed).\n");
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    private static String oneLine(String s) {
        return s.replace("\n", " ");
    }
}
