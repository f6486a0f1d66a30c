package dev.ferry.extractor.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.extractor.client.PageQuery;
import dev.ferry.extractor.model.Published;
import dev.ferry.extractor.model.RecordKey;
import dev.ferry.extractor.testing.InMemoryDentes;
import dev.ferry.extractor.testing.InMemoryLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delta extraction (issue 12) against an in-memory tenant: it reads from the watermark ({@code updated_since}) and
 * nothing older, verifies the range {@code [watermark, snapshot - skew)} the way a full run verifies its prefix, and
 * still finds a record that changing records pushed onto a page it had read.
 */
class DeltaExtractionTest {

    private static final Instant SNAPSHOT = Instant.parse("2025-01-10T12:00:00Z");
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final Instant HISTORY = Instant.parse("2024-01-01T00:00:00Z");
    /** Records 900..1000 were changed at or after it. */
    private static final Instant WATERMARK = HISTORY.plus(Duration.ofMinutes(900));

    private ExecutorService pool;
    private InMemoryDentes source;
    private InMemoryLedger ledger;
    private final List<RecordKey> published = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        pool = Executors.newCachedThreadPool();
        source = new InMemoryDentes(100);
        ledger = new InMemoryLedger();
        for (int i = 1; i <= 1000; i++) {
            source.put(id(i), HISTORY.plus(Duration.ofMinutes(i)), i % 250 == 0);
        }
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private static String id(int i) {
        return String.format("P-%04d", i);
    }

    private ResourceExtraction delta(Instant since) {
        PagePublisher publisher = records -> {
            List<RecordKey> keys = new ArrayList<>();
            for (ObjectNode r : records) {
                RecordKey k = RecordKey.of(r);
                keys.add(k);
                published.add(k);
            }
            return new Published(keys, 0);
        };
        return new ResourceExtraction("patients", 200, since, SNAPSHOT, SKEW, 5, 1, source, publisher, ledger, pool,
                ResourceExtraction.Progress.NONE);
    }

    private Map<String, Long> timesPublished() {
        return published.stream().collect(Collectors.groupingBy(RecordKey::sourceId, Collectors.counting()));
    }

    private static Set<String> ids(int from, int to) {
        Set<String> out = new TreeSet<>();
        for (int i = from; i <= to; i++) {
            out.add(id(i));
        }
        return out;
    }

    @Test
    void readsWhatChangedSinceTheWatermarkOnceAndNothingOlder() throws Exception {
        ResourceExtraction.Result result = delta(WATERMARK).run();

        // 900 is changed exactly at the watermark: updated_since is inclusive. 1000 is soft-deleted and still read.
        assertThat(timesPublished().keySet()).isEqualTo(ids(900, 1000));
        assertThat(timesPublished().values()).allSatisfy(n -> assertThat(n).isEqualTo(1L));
        assertThat(ledger.records().get(id(1000)).deleted()).isTrue();
        // Every request is bounded below by the watermark: no page of the whole resource is read.
        assertThat(source.requests()).allSatisfy(q -> assertThat(q.updatedSince()).isNotNull()
                .isAfterOrEqualTo(WATERMARK));
        assertThat(result.rounds()).isEqualTo(1);
    }

    @Test
    void aRecordPushedOntoAPageAlreadyReadIsFoundByTheRounds() throws Exception {
        AtomicInteger edits = new AtomicInteger();
        // 101 records since the watermark: pages of 100. While page 2 is about to be read, five records of page 1 are
        // edited (they jump to the end): P-1000, the last of page 1's successors, slides back onto page 1.
        source.beforeServing(q -> {
            if (WATERMARK.equals(q.updatedSince()) && q.page() == 2 && q.perPage() > 1
                    && edits.getAndIncrement() == 0) {
                for (int i = 900; i < 905; i++) {
                    source.touch(id(i), SNAPSHOT.plusSeconds(i));
                }
            }
        });

        delta(WATERMARK).run();

        assertThat(edits.get()).isPositive();
        assertThat(timesPublished().keySet()).isEqualTo(ids(900, 1000));
        assertThat(timesPublished().get(id(1000))).isEqualTo(1L);
        // The edited records are published in their edited version too.
        for (int i = 900; i < 905; i++) {
            assertThat(ledger.records().get(id(i)).updatedAt()).isEqualTo(source.updatedAtOf(id(i)));
        }
        assertThat(ledger.count(WATERMARK, null)).isEqualTo(101);
    }

    @Test
    void aResourceWithoutWatermarkIsReadWhole() throws Exception {
        delta(null).run();

        assertThat(timesPublished()).hasSize(1000);
        assertThat(source.requests().stream().filter(q -> q.perPage() > 1).map(PageQuery::updatedSince))
                .contains((Instant) null);
    }

    @Test
    void aWatermarkAfterTheTailBoundLeavesNoPrefixToVerify() throws Exception {
        // A clock that went back: the watermark lies after snapshot - skew. Everything since it is tail.
        source.put("P-LATE", SNAPSHOT.plusSeconds(30), false);

        ResourceExtraction.Result result = delta(SNAPSHOT.minusSeconds(60)).run();

        assertThat(timesPublished().keySet()).containsExactly("P-LATE");
        assertThat(result.unverifiedTail()).isZero();
    }
}
