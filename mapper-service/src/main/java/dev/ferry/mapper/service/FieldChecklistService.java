package dev.ferry.mapper.service;

import dev.ferry.mapper.client.LoaderMetadataClient;
import dev.ferry.mapper.client.MetadataUnavailableException;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.store.ChecklistStore;
import dev.ferry.mapper.store.MetadataStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The field-creation checklist for the Freshsales admin: every source field that had values and no Freshsales field
 * to land in (left out of the commands, except the blocking ones), with the type to create, and every dropdown value
 * the target field lacks as a choice. Each line says whether the latest target metadata already has the field.
 */
@ApplicationScoped
public class FieldChecklistService {

    /**
     * One field to create.
     *
     * @param blocking the load depends on it (the upsert identifier {@code cf_dentes_id}); create it before loading
     * @param existsNow the most recent target metadata has the field (created since the gap was seen)
     * @param records how many produced commands or outcomes had a value for it
     */
    public record FieldLine(String collection, String fieldName, String proposedType, String sourceResource,
            String sourceField, long records, boolean blocking, boolean existsNow, String firstRunId, String lastRunId) {
    }

    /** One choice to add to a dropdown. */
    public record ChoiceLine(String collection, String fieldName, String choice, long records, boolean existsNow,
            String lastRunId) {
    }

    /**
     * @param metadataRun the run whose metadata snapshot decided {@code existsNow}, null when there is none
     */
    public record Checklist(Instant generatedAt, String metadataRun, int fieldsToCreate, int choicesToAdd,
            List<FieldLine> fields, List<ChoiceLine> missingChoices) {
    }

    private final ChecklistStore store;
    private final MetadataStore metadata;
    private final Clock clock;

    public FieldChecklistService(ChecklistStore store, MetadataStore metadata, Clock clock) {
        this.store = store;
        this.metadata = metadata;
        this.clock = clock;
    }

    public Checklist checklist() {
        Optional<String[]> latest = metadata.latest();
        TargetView target = null;
        if (latest.isPresent()) {
            try {
                target = new TargetView(LoaderMetadataClient.parse(latest.get()[1]));
            } catch (MetadataUnavailableException e) {
                target = null;
            }
        }
        List<FieldLine> fields = new ArrayList<>();
        for (ChecklistStore.FieldLine l : store.fields()) {
            boolean exists = target != null && target.field(l.collection(), l.fieldName()).isPresent();
            fields.add(new FieldLine(l.collection(), l.fieldName(), l.proposedType(), l.resource().path(),
                    l.sourceField(), l.records(), l.essential(), exists, l.firstRunId(), l.lastRunId()));
        }
        List<ChoiceLine> choices = new ArrayList<>();
        for (ChecklistStore.ChoiceLine l : store.choices()) {
            boolean exists = target != null && target.field(l.collection(), l.fieldName())
                    .map(d -> d.choices().stream().anyMatch(c -> dev.ferry.sourcetext.TextKeys.loose(c.value())
                            .equals(dev.ferry.sourcetext.TextKeys.loose(l.choice())))).orElse(false);
            choices.add(new ChoiceLine(l.collection(), l.fieldName(), l.choice(), l.records(), exists, l.lastRunId()));
        }
        return new Checklist(clock.instant(), latest.map(a -> a[0]).orElse(null),
                (int) fields.stream().filter(f -> !f.existsNow()).count(),
                (int) choices.stream().filter(c -> !c.existsNow()).count(), fields, choices);
    }

    /** The checklist as text for the admin's terminal. */
    public String summary(Checklist c) {
        StringBuilder b = new StringBuilder("Freshsales field-creation checklist (Admin Settings > custom fields)\n");
        if (c.fields().isEmpty() && c.missingChoices().isEmpty()) {
            return b.append("  nothing to create: every mapped value had a field to land in\n").toString();
        }
        String collection = null;
        for (FieldLine f : c.fields()) {
            if (!f.collection().equals(collection)) {
                collection = f.collection();
                b.append("  ").append(collection).append(":\n");
            }
            b.append("    [").append(f.existsNow() ? "x" : " ").append("] ").append(f.fieldName()).append("  (")
                    .append(f.proposedType()).append(")  from ").append(f.sourceResource()).append('.')
                    .append(f.sourceField()).append(", ").append(f.records()).append(" records");
            if (f.blocking() && !f.existsNow()) {
                b.append("  BLOCKING: create before loading");
            }
            b.append('\n');
        }
        if (!c.missingChoices().isEmpty()) {
            b.append("  dropdown choices to add:\n");
            for (ChoiceLine l : c.missingChoices()) {
                b.append("    [").append(l.existsNow() ? "x" : " ").append("] ").append(l.collection()).append('.')
                        .append(l.fieldName()).append(": ").append(l.choice()).append("  (").append(l.records())
                        .append(" records)\n");
            }
        }
        return b.toString();
    }
}
