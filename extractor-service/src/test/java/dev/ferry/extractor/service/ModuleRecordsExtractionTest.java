package dev.ferry.extractor.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.client.PageQuery;
import dev.ferry.extractor.config.ModuleRecordsPath;
import dev.ferry.extractor.messaging.KafkaPublisher;
import dev.ferry.extractor.testing.InMemoryDentes;
import dev.ferry.extractor.testing.InMemoryLedger;
import dev.ferry.extractor.testing.InMemoryTenant;
import dev.ferry.testsupport.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code custom-module-records} against an in-memory tenant with several modules, published through the real
 * {@link KafkaPublisher} (on a mock producer): composite identities, a manifest over every module, verification per
 * module, resumes that skip finished modules and checkpointed pages, and modules that appear or cannot be read.
 */
class ModuleRecordsExtractionTest {

    private static final Instant SNAPSHOT = Instant.parse("2025-01-10T12:00:00Z");
    private static final Instant HISTORY = Instant.parse("2024-01-01T00:00:00Z");
    private static final String RUN = "run-modules";

    private ExecutorService pool;
    private InMemoryTenant tenant;
    private InMemoryLedger ledger;
    private MockProducer<String, byte[]> producer;
    private KafkaPublisher kafka;
    private final AtomicInteger verifyingCalls = new AtomicInteger();

    @BeforeEach
    void setUp() {
        pool = Executors.newCachedThreadPool();
        tenant = new InMemoryTenant(100);
        ledger = new InMemoryLedger();
        producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
        kafka = new KafkaPublisher(producer, Duration.ofSeconds(5), new ManualClock(SNAPSHOT.plusSeconds(1)),
                new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    /** A module with {@code records} records R-0001.., one in {@code deletedEvery} soft-deleted. */
    private InMemoryDentes module(String key, int records, int deletedEvery) {
        InMemoryDentes m = tenant.module("CM-" + key, key, HISTORY);
        for (int i = 1; i <= records; i++) {
            m.put(id(i), HISTORY.plus(Duration.ofMinutes(i)), deletedEvery > 0 && i % deletedEvery == 0);
        }
        return m;
    }

    private static String id(int i) {
        return String.format("R-%04d", i);
    }

    private ModuleRecordsExtraction extraction(int window) {
        return new ModuleRecordsExtraction(
                () -> ModuleKeys.read(tenant, InMemoryTenant.DEFINITIONS, 200),
                ledger.modules(),
                (key, moduleLedger, progress) -> new ResourceExtraction(
                        ModuleRecordsPath.of(ModuleRecordsPath.DEFAULT_TEMPLATE, key), 200, SNAPSHOT,
                        Duration.ofMinutes(5), 5, window, tenant,
                        records -> kafka.publishRecords(RUN, RunMode.FULL, SourceResource.CUSTOM_MODULE_RECORDS, key,
                                records),
                        moduleLedger, pool, progress),
                new ResourceExtraction.Progress() {
                    @Override
                    public void verifying() {
                        verifyingCalls.incrementAndGet();
                    }

                    @Override
                    public void round(int round, long prefixDeficit, long tailDeficit) {
                    }
                });
    }

    private List<SourceRecordEnvelope> envelopes() {
        return producer.history().stream().map(r -> FerryJson.decode(r.value(), SourceRecordEnvelope.class)).toList();
    }

    private Map<String, Long> timesPublished() {
        return producer.history().stream().collect(Collectors.groupingBy(ProducerRecord::key, Collectors.counting()));
    }

    private static List<String> composite(String key, int records) {
        return IntStream.rangeClosed(1, records).mapToObj(i -> key + "/" + id(i)).toList();
    }

    private static List<Integer> pagePassPages(List<PageQuery> requests, String path) {
        return requests.stream().filter(q -> q.path().equals(path) && q.updatedSince() == null && q.perPage() > 1)
                .map(PageQuery::page).sorted().toList();
    }

    @Test
    void recordsOfTwoModulesThatShareIdsAreDistinctIdentitiesAndTheManifestCoversEveryModule() throws Exception {
        module("imaging", 250, 50);
        module("lab-work", 120, 40);

        ResourceExtraction.Result result = extraction(2).run();

        // R-0001..R-0120 exist in both modules: 370 records, 370 identities, each published once.
        assertThat(timesPublished()).hasSize(370).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
        List<String> expectedIds = new ArrayList<>(composite("imaging", 250));
        expectedIds.addAll(composite("lab-work", 120));
        assertThat(timesPublished().keySet()).containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(producer.history()).allSatisfy(r -> {
            assertThat(r.topic()).isEqualTo("dentes.raw.custom-module-records");
            SourceRecordEnvelope e = FerryJson.decode(r.value(), SourceRecordEnvelope.class);
            assertThat(e.sourceId()).isEqualTo(r.key());
            assertThat(e.resource()).isEqualTo(SourceResource.CUSTOM_MODULE_RECORDS);
            assertThat(e.sourceId()).isEqualTo(e.moduleKey() + "/" + e.payload().path("id").asText());
            // the payload is the tenant's record: its own id, no module key added
            assertThat(e.payload().has("module_key")).isFalse();
            assertThat(e.payload().path("id").asText()).matches("R-\\d{4}");
        });

        // Counts over the resource are the modules' summed; deleted ones too (5 + 3).
        assertThat(ledger.count(null, null)).isEqualTo(370);
        assertThat(ledger.records().values().stream().filter(k -> k.deleted()).count()).isEqualTo(8);
        assertThat(ledger.module("imaging").count(null, null)).isEqualTo(250);
        assertThat(ledger.module("lab-work").count(null, null)).isEqualTo(120);

        // The manifest of custom-module-records names every module's records by composite id.
        List<RunEvent> events = new ArrayList<>();
        int chunks = ManifestPublisher.publish(RUN, SourceResource.CUSTOM_MODULE_RECORDS, 370, 8, ledger,
                events::add, new ManualClock(SNAPSHOT));
        assertThat(chunks).isEqualTo(1);
        assertThat(((RunEvent.ManifestIds) events.get(0)).ids()).containsExactlyInAnyOrderElementsOf(expectedIds);
        assertThat(((RunEvent.ManifestCounted) events.get(1)).count()).isEqualTo(370);

        // Each module is read on its own path: its pages (100 a page), one catch-up page, two count probes.
        assertThat(tenant.requestsFor("custom-modules/imaging/records")).isEqualTo(3 + 3);
        assertThat(tenant.requestsFor("custom-modules/lab-work/records")).isEqualTo(2 + 3);
        assertThat(tenant.requestsFor(InMemoryTenant.DEFINITIONS)).isEqualTo(1);
        assertThat(result.rounds()).isEqualTo(1);
        assertThat(result.unverifiedTail()).isZero();
        assertThat(verifyingCalls).hasValue(1);
        assertThat(ledger.modules().finished()).containsOnlyKeys("imaging", "lab-work");
    }

    /**
     * The counts a module is verified with are its own: checked against the whole resource, the 250 imaging records
     * would hide the five lab-work records the page pass missed, and the manifest would lack them.
     */
    @Test
    void eachModuleIsVerifiedAgainstItsOwnRecords() throws Exception {
        module("imaging", 250, 0);
        InMemoryDentes labWork = module("lab-work", 300, 0);
        AtomicBoolean edited = new AtomicBoolean();
        // Before lab-work's page 3 is read, five records of its page 1 are edited: R-0201..R-0205 slide onto page 2,
        // which was read before.
        labWork.beforeServing(q -> {
            if (q.updatedSince() == null && q.page() == 3 && q.perPage() > 1 && edited.compareAndSet(false, true)) {
                for (int i = 1; i <= 5; i++) {
                    labWork.touch(id(i), SNAPSHOT.plusSeconds(i));
                }
            }
        });

        ResourceExtraction.Result result = extraction(1).run();

        assertThat(edited).isTrue();
        assertThat(timesPublished().keySet()).containsAll(composite("lab-work", 300))
                .containsAll(composite("imaging", 250)).hasSize(550);
        assertThat(ledger.module("lab-work").count(null, null)).isEqualTo(300);
        assertThat(result.rounds()).as("a repair round was needed").isGreaterThanOrEqualTo(2);
    }

    @Test
    void aResumeSkipsFinishedModulesAndCheckpointedPagesAndReadsAModuleCreatedSince() throws Exception {
        module("imaging", 250, 0);
        InMemoryDentes labWork = module("lab-work", 250, 0);
        labWork.failPage(2);

        assertThatThrownBy(() -> extraction(1).run())
                .isInstanceOf(ExtractionFailed.class)
                .hasMessageStartingWith("custom module 'lab-work': ")
                .hasMessageContaining("custom-modules/lab-work/records page 2")
                .hasMessageContaining("HTTP 503");
        assertThat(ledger.modules().finished()).containsOnlyKeys("imaging");
        assertThat(ledger.module("lab-work").donePages()).containsExactly(1);
        int publishedBefore = producer.history().size();
        assertThat(publishedBefore).isEqualTo(250 + 100);

        // Between the attempts the practice gets a new module; the failing page heals.
        labWork.healPages();
        module("notes", 30, 0);
        int before = tenant.requests().size();
        ResourceExtraction.Result result = extraction(1).run();
        List<PageQuery> resumed = tenant.requests().subList(before, tenant.requests().size());

        assertThat(resumed).noneMatch(q -> q.path().equals("custom-modules/imaging/records"));
        assertThat(pagePassPages(resumed, "custom-modules/lab-work/records")).containsExactly(2, 3);
        assertThat(pagePassPages(resumed, "custom-modules/notes/records")).containsExactly(1);
        // Nothing published by the first attempt went out again: every identity exactly once.
        assertThat(timesPublished()).hasSize(530).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
        assertThat(timesPublished().keySet()).containsAll(composite("notes", 30));
        assertThat(ledger.count(null, null)).isEqualTo(530);
        assertThat(ledger.modules().finished()).containsOnlyKeys("imaging", "lab-work", "notes");
        assertThat(result.rounds()).isEqualTo(1);
    }

    @Test
    void aResumeWithEveryModuleFinishedReadsOnlyTheDefinitions() throws Exception {
        module("imaging", 20, 0);
        extraction(1).run();
        int before = tenant.requests().size();

        extraction(1).run();

        assertThat(tenant.requests().subList(before, tenant.requests().size())).extracting(PageQuery::path)
                .containsExactly(InMemoryTenant.DEFINITIONS);
        assertThat(verifyingCalls).as("the resource still moves on to verified").hasValue(2);
        assertThat(timesPublished()).hasSize(20);
    }

    @Test
    void aModuleWhoseRecordsPathAnswers404FailsTheResourceNamingTheModule() throws Exception {
        module("imaging", 20, 0);
        tenant.moduleWithoutRecordsPath("CM-9", "x-ray", HISTORY);

        assertThatThrownBy(() -> extraction(1).run())
                .isInstanceOf(ExtractionFailed.class)
                .hasMessageStartingWith("custom module 'x-ray': ")
                .hasMessageContaining("HTTP 404");
        // imaging, before it in key order, is done and will be skipped by the resume; x-ray is not counted as empty.
        assertThat(ledger.modules().finished()).containsOnlyKeys("imaging");
    }

    @Test
    void definitionsWithoutAUsableKeyAreSkippedAndEveryPageOfDefinitionsIsRead() throws Exception {
        InMemoryTenant small = new InMemoryTenant(2);
        small.module("CM-1", "b-mod", HISTORY);
        small.module("CM-2", "a-mod", HISTORY.plusSeconds(1));
        small.definition(definition("CM-3", null));
        small.definition(definition("CM-4", "x/y"));
        small.definition(definition("CM-5", "  "));
        ObjectNode numeric = definition("CM-6", null);
        numeric.put("key", 42);
        small.definition(numeric);
        small.module("CM-7", "a-mod", HISTORY.plusSeconds(7));

        List<String> keys = ModuleKeys.read(small, InMemoryTenant.DEFINITIONS, 200);

        assertThat(keys).containsExactly("a-mod", "b-mod");
        // seven definitions, two a page (the tenant clamps per_page)
        assertThat(small.requests()).extracting(PageQuery::page).containsExactly(1, 2, 3, 4);
    }

    private static ObjectNode definition(String id, String key) {
        ObjectNode d = FerryJson.mapper().createObjectNode();
        d.put("id", id);
        if (key != null) {
            d.put("key", key);
        }
        d.put("updated_at", HISTORY.plusSeconds(3).toString());
        return d;
    }
}
