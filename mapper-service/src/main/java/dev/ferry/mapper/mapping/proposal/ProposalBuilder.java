package dev.ferry.mapper.mapping.proposal;

import dev.ferry.contracts.TargetMetadata;
import dev.ferry.mapper.mapping.proposal.MapProposal.Decision;
import dev.ferry.mapper.mapping.proposal.MapProposal.ProposedField;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds a {@link MapProposal} from the base spec, the account's field catalogue and (optionally) a discovery's schema. */
public final class ProposalBuilder {

    private ProposalBuilder() {
    }

    public static MapProposal build(String proposalId, Instant now, CompiledSpec base, TargetMetadata target,
            DiscoveredSchema schema) {
        SourceFields sources = SourceFields.of(base, schema);
        List<SourceField> all = sources.fields();
        List<ProposedField> out = new ArrayList<>();
        for (SourceField f : all) {
            out.add(FieldScorer.place(f, target.fields().get(f.collection()),
                    FieldScorer.claims(all, f.collection(), f)));
        }
        List<String> notes = new ArrayList<>(sources.notes());
        String from;
        if (schema.discoveryId() == null) {
            from = "none";
            notes.add(0, "no discovery report was passed: the practice's custom-field keys and custom modules are not"
                    + " proposed (ferry propose --discovery discovery.json)");
        } else {
            from = "discovery " + schema.discoveryId();
        }
        MapProposal.Summary summary = new MapProposal.Summary(out.size(),
                (int) out.stream().filter(p -> p.decision() == Decision.EXISTING).count(),
                (int) out.stream().filter(p -> p.decision() == Decision.CREATE).count(),
                (int) out.stream().filter(ProposedField::review).count(),
                (int) out.stream().filter(p -> p.missingChoices() != null).count());
        return new MapProposal(proposalId, now, base.version(), base.sha256(), target.fetchedAt(), from, summary,
                List.copyOf(out), List.copyOf(notes));
    }
}
