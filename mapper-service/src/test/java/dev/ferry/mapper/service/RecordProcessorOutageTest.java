package dev.ferry.mapper.service;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.Edition;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.MappingContext;
import dev.ferry.mapper.mapping.ParentDecisions;
import dev.ferry.mapper.mapping.ReferenceIndex;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.mapper.store.StoreException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Regression (CI of 431af1c, RollbackIT): PostgreSQL refused the mapper's release threads a connection while they read
 * a parent's decision, and three records (two billing records, an imaging record) ended {@code REJECTED mapping.error}
 * for it, their deals and contact left without them. Infrastructure trouble means waiting (issue 8, hole 1): the
 * outage must leave {@link RecordProcessor#process} as it came, so the record stays held (or unacked) and goes again.
 */
class RecordProcessorOutageTest {

    private static final ResourceMapping CASES = Fixtures.SPEC.mappingFor(SourceResource.TREATMENT_CASES).orElseThrow();

    @Test
    void anOutageWhileReadingAParentsDecisionIsThrownNotARejection() {
        // No publisher, store or database: a rejection would have to use them, and fail some other way.
        RecordProcessor processor = new RecordProcessor(null, null, null, null, null, null, null, null, null);
        StoreException outage = new StoreException("mapper database: parent decision failed (SQL state 53300)",
                new SQLException("remaining connection slots are reserved", "53300"));
        Fixtures.Indexes indexes = Fixtures.standardIndexes()
                .record(SourceResource.PATIENTS, "P-1", ReferenceIndex.State.KNOWN);
        ParentDecisions unreachable = (resource, id) -> {
            throw outage;
        };
        MappingContext ctx = new MappingContext(Fixtures.RUN, Fixtures.SPEC.version(), Fixtures.target(), indexes,
                indexes, indexes, dev.ferry.mapper.mapping.Fixtures.FALLBACK, Edition.SUITE, "TR",
                unreachable);
        Readiness.Ready ready = new Readiness.Ready(null, Fixtures.SPEC, CASES, Fixtures.target(), null, ctx);

        assertThatThrownBy(() -> processor.process(Fixtures.envelope(SourceResource.TREATMENT_CASES, """
                {"id": "TC-1", "patient_id": "P-1", "clinic_id": "C-1", "practitioner_id": "PR-1",
                 "title": "Kanal tedavisi", "treatment_type": "ORTHODONTICS", "stage": "IN_TREATMENT",
                 "estimated_amount": "7.500,00", "currency": "TRY", "procedures": [],
                 "updated_at": "2024-04-01T10:00:00+03:00"}"""), ready)).isSameAs(outage);
    }
}
