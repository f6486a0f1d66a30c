package dev.ferry.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The payload the loader serves and the mapper reads is one record; these pin its wire form. */
class TargetMetadataTest {

    /** Freshsales' answers as the loader gathers them: snake_case keys, extra fields Freshsales sends included. */
    private static final String GATHERED = """
            {"fetched_at":"2026-12-02T10:00:00Z",
             "owners":[{"id":7,"email":"dr.kaya@example.test","display_name":"Dr. Kaya","is_active":false,"time_zone":"Istanbul"}],
             "lifecycle_stages":[{"id":1,"name":"Customer","type":"Customer","position":3,"contact_status_ids":[4,5]}],
             "contact_statuses":[{"id":4,"name":"Active","lifecycle_stage_id":1}],
             "lead_sources":[],"industry_types":[{"id":9,"name":"Dental"}],
             "business_types":[{"id":2,"name":"Clinic"}],
             "fields":{"contacts":[{"name":"cf_dentes_id","label":"Dr.DENTES id","type":"text","required":true,
                                    "choices":[{"id":1,"value":"A"}]}]}}
            """;

    @Test
    void decodesWhatTheLoaderGathersAndSurvivesItsOwnEncoding() {
        TargetMetadata m = FerryJson.decode(GATHERED, TargetMetadata.class);
        assertThat(m.fetchedAt()).isEqualTo(Instant.parse("2026-12-02T10:00:00Z"));
        assertThat(m.owners()).singleElement().satisfies(o -> {
            assertThat(o.displayName()).isEqualTo("Dr. Kaya");
            assertThat(o.active()).isFalse();
        });
        assertThat(m.lifecycleStages().get(0).contactStatusIds()).containsExactly(4L, 5L);
        assertThat(m.contactStatuses().get(0).lifecycleStageId()).isEqualTo(1L);
        assertThat(m.businessTypes()).extracting(TargetMetadata.Entry::name).containsExactly("Clinic");
        assertThat(m.fields().get("contacts").get(0).choices()).extracting(TargetMetadata.Choice::value)
                .containsExactly("A");

        String wire = FerryJson.encodeToString(m);
        assertThat(wire).contains("\"display_name\"", "\"lifecycle_stages\"", "\"fetched_at\"")
                .doesNotContain("time_zone");
        assertThat(FerryJson.decode(wire, TargetMetadata.class)).isEqualTo(m);
    }

    @Test
    void missingListsAreEmptyNotNull() {
        TargetMetadata m = FerryJson.decode("{}", TargetMetadata.class);
        assertThat(m.owners()).isEmpty();
        assertThat(m.businessTypes()).isEmpty();
        assertThat(m.fields()).isEmpty();
    }
}
