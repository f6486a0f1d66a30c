package dev.ferry.extractor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.extractor.client.AttemptFailed;
import dev.ferry.extractor.client.DentesCallFailed;
import dev.ferry.extractor.client.RecordSource;
import dev.ferry.extractor.model.Published;
import dev.ferry.extractor.model.RecordKey;
import dev.ferry.extractor.testing.InMemoryLedger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The second half of a delta (issue 12): the records whose last outcome was not a success are re-read by id, exactly
 * those the run has not published yet, a record gone from the source is counted, and custom-module records go to their
 * module's path and ledger.
 */
class UnsettledReadsTest {

    private static final Instant OLD = Instant.parse("2024-03-01T10:00:00Z");

    private final Map<String, ObjectNode> tenant = new ConcurrentHashMap<>();
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final List<String> publishedIds = new CopyOnWriteArrayList<>();
    private final InMemoryLedger ledger = new InMemoryLedger();

    private final RecordSource source = (path, id) -> {
        fetched.add(path + "/" + id);
        return Optional.ofNullable(tenant.get(path + "/" + id)).map(ObjectNode::deepCopy);
    };

    private void put(String path, String id, boolean deleted) {
        ObjectNode r = FerryJson.mapper().createObjectNode().put("id", id).put("updated_at", OLD.toString())
                .put("deleted", deleted);
        tenant.put(path + "/" + id, r);
    }

    private UnsettledReads.Target target(String path, InMemoryLedger l, String moduleKey) {
        return new UnsettledReads.Target() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public ResourceLedger ledger() {
                return l;
            }

            @Override
            public PagePublisher publisher() {
                return records -> {
                    List<RecordKey> keys = new ArrayList<>();
                    for (ObjectNode r : records) {
                        keys.add(RecordKey.of(r));
                        publishedIds.add((moduleKey == null ? "" : moduleKey + "/") + r.get("id").asText());
                    }
                    return new Published(keys, 0);
                };
            }
        };
    }

    @Test
    void rereadsExactlyTheUnsettledRecordsTheRunHasNotPublished() throws Exception {
        put("patients", "P-1", false);
        put("patients", "P-2", false);
        put("patients", "P-3", true);
        // P-2 changed since the watermark too: the page pass already published it.
        ledger.commitRecords(List.of(new RecordKey("P-2", Instant.now(), false)), 0);

        UnsettledReads.Result r = new UnsettledReads(source).read("patients", List.of("P-1", "P-2", "P-3", "P-4"),
                false, key -> target("patients", ledger, null));

        assertThat(fetched).containsExactly("patients/P-1", "patients/P-3", "patients/P-4");
        assertThat(publishedIds).containsExactly("P-1", "P-3");
        assertThat(ledger.records()).containsKeys("P-1", "P-2", "P-3").doesNotContainKey("P-4");
        // A record soft-deleted since it failed is published as deleted: the mapper flags it (record.deleted).
        assertThat(ledger.records().get("P-3").deleted()).isTrue();
        assertThat(r).isEqualTo(new UnsettledReads.Result(4, 1, 2, 1));
    }

    @Test
    void aSecondPassAfterAResumeReadsNothingAgain() throws Exception {
        put("patients", "P-1", false);
        UnsettledReads reads = new UnsettledReads(source);
        reads.read("patients", List.of("P-1"), false, key -> target("patients", ledger, null));
        fetched.clear();

        UnsettledReads.Result again = reads.read("patients", List.of("P-1"), false,
                key -> target("patients", ledger, null));

        assertThat(fetched).isEmpty();
        assertThat(again.published()).isZero();
        assertThat(again.alreadyPublished()).isEqualTo(1);
    }

    @Test
    void customModuleRecordsAreReadFromTheirModulesPathIntoTheirModulesLedger() throws Exception {
        put("custom-modules/imaging/records", "1", false);
        put("custom-modules/lab/records", "1", false);

        new UnsettledReads(source).read("custom-module-records", List.of("imaging/1", "lab/1", "no-id-abc", "x/"),
                true, key -> target("custom-modules/" + key + "/records", ledger.module(key), key));

        assertThat(fetched).containsExactly("custom-modules/imaging/records/1", "custom-modules/lab/records/1");
        assertThat(publishedIds).containsExactly("imaging/1", "lab/1");
        assertThat(ledger.records()).containsKeys("imaging/1", "lab/1");
    }

    @Test
    void aTenantThatCannotBeReadFailsTheResourceWithTheReason() {
        RecordSource failing = (path, id) -> {
            throw new DentesCallFailed("GET patients/{id}: HTTP 503; gave up after 6 attempts",
                    AttemptFailed.Kind.SERVER_ERROR, 6);
        };

        assertThatThrownBy(() -> new UnsettledReads(failing).read("patients", List.of("P-1"), false,
                key -> target("patients", ledger, null)))
                .isInstanceOf(ExtractionFailed.class).hasMessageContaining("not a success")
                .hasMessageContaining("HTTP 503");
    }
}
