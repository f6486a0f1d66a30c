package dev.ferry.mapper.mapping.preflight;

import dev.ferry.contracts.TargetMetadata;
import dev.ferry.contracts.TargetMetadata.Choice;
import dev.ferry.contracts.TargetMetadata.DealPipeline;
import dev.ferry.contracts.TargetMetadata.DealStage;
import dev.ferry.contracts.TargetMetadata.FieldDef;
import dev.ferry.contracts.TargetMetadata.Owner;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.proposal.FieldScorer;
import dev.ferry.mapper.mapping.proposal.MapProposal;
import dev.ferry.mapper.mapping.proposal.SourceField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The test account's metadata (src/test/resources/target-metadata.json) and the admin's edits to it. */
final class PreflightFixtures {

    private PreflightFixtures() {
    }

    static TargetMetadata base() {
        return Fixtures.metadata();
    }

    /** The account after the admin did everything the checklist of the shipped spec asks (no discovery). */
    static TargetMetadata satisfied() {
        TargetMetadata m = base();
        for (FieldChecklist.Line l : FieldChecklist.of(Fixtures.SPEC,
                dev.ferry.mapper.mapping.proposal.DiscoveredSchema.NONE, new TargetView(m))) {
            switch (l.status()) {
                case MISSING -> m = withField(m, l.module(), new FieldDef(l.name(), l.label(), l.type(),
                        choices(l.choices()), false));
                case CHOICES_MISSING -> m = withChoices(m, l.module(), l.name(), l.choices());
                default -> {
                }
            }
        }
        return withStage(m, "Treatment Plans", new DealStage(99, "Invoiced", 3, "Open", 90));
    }

    static TargetMetadata withField(TargetMetadata m, String collection, FieldDef def) {
        Map<String, List<FieldDef>> fields = new HashMap<>(m.fields());
        List<FieldDef> list = new ArrayList<>(fields.getOrDefault(collection, List.of()));
        list.removeIf(d -> def.name().equals(d.name()));
        list.add(def);
        fields.put(collection, list);
        return copy(m, m.owners(), m.dealPipelines(), fields);
    }

    static TargetMetadata withoutField(TargetMetadata m, String collection, String name) {
        Map<String, List<FieldDef>> fields = new HashMap<>(m.fields());
        fields.put(collection, fields.get(collection).stream().filter(d -> !name.equals(d.name())).toList());
        return copy(m, m.owners(), m.dealPipelines(), fields);
    }

    static TargetMetadata withChoices(TargetMetadata m, String collection, String name, List<String> values) {
        FieldDef d = m.fields().get(collection).stream().filter(f -> name.equals(f.name())).findFirst().orElseThrow();
        List<Choice> all = new ArrayList<>(d.choices());
        all.addAll(choices(values));
        return withField(m, collection, new FieldDef(d.name(), d.label(), d.type(), all, d.required()));
    }

    static TargetMetadata withStage(TargetMetadata m, String pipeline, DealStage stage) {
        List<DealPipeline> pipelines = m.dealPipelines().stream().map(p -> {
            if (!p.name().equals(pipeline)) {
                return p;
            }
            List<DealStage> stages = new ArrayList<>(p.dealStages());
            stages.add(stage);
            return new DealPipeline(p.id(), p.name(), p.isDefault(), stages);
        }).toList();
        return copy(m, m.owners(), pipelines, m.fields());
    }

    static TargetMetadata withOwners(TargetMetadata m, List<Owner> owners) {
        return copy(m, owners, m.dealPipelines(), m.fields());
    }

    static TargetMetadata withPipelines(TargetMetadata m, List<DealPipeline> pipelines) {
        return copy(m, m.owners(), pipelines, m.fields());
    }

    private static List<Choice> choices(List<String> values) {
        List<Choice> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            out.add(new Choice(9000 + i, values.get(i)));
        }
        return out;
    }

    private static TargetMetadata copy(TargetMetadata m, List<Owner> owners, List<DealPipeline> pipelines,
            Map<String, List<FieldDef>> fields) {
        return new TargetMetadata(m.fetchedAt(), owners, m.lifecycleStages(), m.contactStatuses(), m.leadSources(),
                m.industryTypes(), m.businessTypes(), pipelines, m.currencies(), fields, m.salesActivityTypes());
    }

    /** What a proposal would propose for a field (unused fields of the record are the scorer's business). */
    static MapProposal.NewField proposed(SourceField f) {
        return FieldScorer.newField(f);
    }
}
