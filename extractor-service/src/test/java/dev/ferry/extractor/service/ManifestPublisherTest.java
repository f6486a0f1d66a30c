package dev.ferry.extractor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.model.RecordKey;
import dev.ferry.extractor.testing.InMemoryLedger;
import dev.ferry.testsupport.ManualClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 hole 6 (reconciliation by id sets): the extractor publishes the ids its manifest counts, in bounded chunks,
 * before the {@code ManifestCounted} that names how many chunks there are.
 */
class ManifestPublisherTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private static final int MAX = RunEvent.ManifestIds.MAX_IDS;

    private final List<RunEvent> published = new ArrayList<>();
    private final ManualClock clock = new ManualClock(NOW);

    private static InMemoryLedger ledgerWith(int records) {
        InMemoryLedger ledger = new InMemoryLedger();
        ledger.commitRecords(IntStream.range(0, records)
                .mapToObj(i -> new RecordKey(String.format("P-%06d", i), NOW, i % 10 == 0)).toList(), 0);
        return ledger;
    }

    @Test
    void theIdsGoOutInBoundedChunksBeforeTheCountThatNamesHowManyChunksThereAre() throws Exception {
        InMemoryLedger ledger = ledgerWith(2 * MAX + 501);

        int chunks = ManifestPublisher.publish("run-1", SourceResource.PATIENTS, 2 * MAX + 501, 451, ledger,
                published::add, clock);

        assertThat(chunks).isEqualTo(3);
        assertThat(published).hasSize(4);
        List<RunEvent.ManifestIds> idEvents = published.subList(0, 3).stream()
                .map(RunEvent.ManifestIds.class::cast).toList();
        assertThat(idEvents).extracting(RunEvent.ManifestIds::chunk).containsExactly(0, 1, 2);
        assertThat(idEvents).allSatisfy(e -> {
            assertThat(e.chunks()).isEqualTo(3);
            assertThat(e.runId()).isEqualTo("run-1");
            assertThat(e.resource()).isEqualTo(SourceResource.PATIENTS);
            assertThat(e.ids().size()).isLessThanOrEqualTo(MAX);
        });
        assertThat(idEvents).extracting(e -> e.ids().size()).containsExactly(MAX, MAX, 501);
        List<String> all = idEvents.stream().flatMap(e -> e.ids().stream()).toList();
        assertThat(all).as("every id once, nothing else").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(ledger.records().keySet());
        assertThat(published.get(3)).isEqualTo(new RunEvent.ManifestCounted(null, "run-1", SourceResource.PATIENTS,
                2 * MAX + 501, 451, 3, NOW));
    }

    @Test
    void aResumedRunRepublishesIdenticalChunks() throws Exception {
        InMemoryLedger ledger = ledgerWith(MAX + 7);
        ManifestPublisher.publish("run-1", SourceResource.CLINICS, MAX + 7, 0, ledger, published::add, clock);
        List<RunEvent> first = List.copyOf(published);
        published.clear();
        clock.advance(java.time.Duration.ofMinutes(3));

        ManifestPublisher.publish("run-1", SourceResource.CLINICS, MAX + 7, 0, ledger, published::add, clock);

        assertThat(published).extracting(RunEvent::commandId)
                .containsExactlyElementsOf(first.stream().map(RunEvent::commandId).toList());
        assertThat(published.subList(0, 2)).extracting(e -> ((RunEvent.ManifestIds) e).ids())
                .containsExactlyElementsOf(first.subList(0, 2).stream()
                        .map(e -> ((RunEvent.ManifestIds) e).ids()).toList());
    }

    @Test
    void anEmptyResourceHasNoChunksAndSaysSo() throws Exception {
        int chunks = ManifestPublisher.publish("run-1", SourceResource.CLINICS, 0, 0, new InMemoryLedger(),
                published::add, clock);

        assertThat(chunks).isZero();
        assertThat(published).singleElement().isEqualTo(
                new RunEvent.ManifestCounted(null, "run-1", SourceResource.CLINICS, 0, 0, 0, NOW));
    }

    @Test
    void idsThatDisagreeWithTheFrozenCountPublishNoManifest() {
        assertThatThrownBy(() -> ManifestPublisher.publish("run-1", SourceResource.PATIENTS, 12, 0, ledgerWith(11),
                published::add, clock)).isInstanceOf(ExtractionFailed.class)
                .hasMessageContaining("counts 12").hasMessageContaining("holds 11");
        assertThat(published).noneMatch(e -> e instanceof RunEvent.ManifestCounted);

        published.clear();
        assertThatThrownBy(() -> ManifestPublisher.publish("run-1", SourceResource.PATIENTS, 12, 0, ledgerWith(13),
                published::add, clock)).isInstanceOf(ExtractionFailed.class).hasMessageContaining("holds more");
        assertThat(published).noneMatch(e -> e instanceof RunEvent.ManifestCounted);
    }
}
