package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.loader.client.WriteTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceResource;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.client.UpsertResult;
import dev.ferry.loader.config.LoaderConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Products have no upsert (issue 9): the writer creates them, updates the one it knows by id, and after an answer
 * that never came finds the product by cf_dentes_id before it would send a second create.
 */
class ProductWritesTest {

    /** A product catalogue that can lose the answer to a create after storing the product. */
    static class Catalogue extends FreshsalesClient {
        final List<ObjectNode> products = new ArrayList<>();
        int creates;
        int updates;
        int answersToLose;
        boolean searchDown;

        Catalogue() {
            super(null);
        }

        @Override
        public UpsertResult create(WriteTarget target, ObjectNode fields) {
            creates++;
            ObjectNode p = fields.deepCopy().put("id", 100 + products.size());
            products.add(p);
            if (answersToLose > 0) {
                answersToLose--;
                throw new FreshsalesException.NoAnswer("POST /cpq/products", 0, "connection reset after the write");
            }
            return new UpsertResult(p.get("id").asLong(), true, p);
        }

        @Override
        public UpsertResult update(WriteTarget target, long id, ObjectNode fields) {
            updates++;
            ObjectNode p = products.stream().filter(x -> x.get("id").asLong() == id).findFirst().orElseThrow();
            p.setAll(fields);
            return new UpsertResult(id, false, p);
        }

        @Override
        public ObjectNode get(WriteTarget target, long id) {
            return products.stream().filter(x -> x.get("id").asLong() == id).findFirst().orElseThrow().deepCopy();
        }

        @Override
        public List<ObjectNode> searchIn(WriteTarget t, String field, Collection<String> values) {
            if (searchDown) {
                throw new FreshsalesException.NoAnswer("POST /cpq/products/filterize", 503, "unavailable");
            }
            return products.stream().filter(p -> values.contains(p.at("/custom_field/" + field).asText()))
                    .map(ObjectNode::deepCopy).toList();
        }
    }

    private final Catalogue catalogue = new Catalogue();
    private final TargetWriter writer = new TargetWriter(catalogue, bulk(), retry(), d -> { }, Clock.systemUTC());

    private static WritePlan plan(String id, String name) {
        ObjectNode f = JsonNodeFactory.instance.objectNode().put("name", name);
        f.putObject("custom_field").put("cf_dentes_id", id);
        LoadCommand c = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.PRODUCTS, id, 0,
                FreshsalesTarget.PRODUCT, null, Map.of("cf_dentes_id", id), f, id, "v1", null, null);
        return new WritePlan(new WorkItem(c, new WorkItem.FromParking(1, false, "", 0)), f, "h-" + name, List.of(),
                null);
    }

    @Test
    void aNewProductIsCreatedOnceAfterASearchFindsNoneAlready() throws Exception {
        WritePlan p = plan("PRD-1", "Scaling");
        WriteResult r = writer.write(WriteTarget.of(FreshsalesTarget.PRODUCT), List.of(p)).get(p);
        assertThat(r).isInstanceOf(WriteResult.Written.class);
        assertThat(((WriteResult.Written) r).created()).isTrue();
        assertThat(catalogue.creates).isEqualTo(1);
    }

    @Test
    void aProductWhoseCreateAnswerWasLostIsFoundNotCreatedAgain() throws Exception {
        catalogue.answersToLose = 1;
        WritePlan p = plan("PRD-1", "Scaling");
        WriteResult.Written r = (WriteResult.Written) writer.write(WriteTarget.of(FreshsalesTarget.PRODUCT), List.of(p)).get(p);
        assertThat(r.freshsalesId()).isEqualTo(100);
        assertThat(r.created()).isTrue();
        assertThat(r.via()).contains("found by lookup");
        assertThat(catalogue.products).hasSize(1);
    }

    @Test
    void whenTheAnswerIsLostAndTheSearchIsDownTooTheCreateIsNotSentAgain() throws Exception {
        catalogue.answersToLose = 1;
        WritePlan p = plan("PRD-1", "Scaling");
        // The search before writing answers (nothing there yet); then the create's answer is lost and the search fails.
        FreshsalesClient flaky = new Catalogue() {
            int searches;

            @Override
            public UpsertResult create(WriteTarget target, ObjectNode fields) {
                return catalogue.create(target, fields);
            }

            @Override
            public List<ObjectNode> searchIn(WriteTarget t, String field, Collection<String> values) {
                if (++searches > 1) {
                    throw new FreshsalesException.NoAnswer("POST /cpq/products/filterize", 503, "unavailable");
                }
                return List.of();
            }
        };
        TargetWriter w = new TargetWriter(flaky, bulk(), retry(), d -> { }, Clock.systemUTC());
        WriteResult r = w.write(WriteTarget.of(FreshsalesTarget.PRODUCT), List.of(p)).get(p);
        assertThat(r).as("unknown means wait: the intent stays open").isInstanceOf(WriteResult.Exhausted.class);
        assertThat(catalogue.creates).isEqualTo(1);
    }

    @Test
    void aProductThatExistedBeforeFerryIsUpdatedNotDuplicated() throws Exception {
        catalogue.create(WriteTarget.of(FreshsalesTarget.PRODUCT), plan("PRD-1", "Old name").fields);
        WritePlan p = plan("PRD-1", "Scaling");
        WriteResult.Written r = (WriteResult.Written) writer.write(WriteTarget.of(FreshsalesTarget.PRODUCT), List.of(p)).get(p);
        assertThat(r.freshsalesId()).isEqualTo(100);
        assertThat(catalogue.updates).isEqualTo(1);
        assertThat(catalogue.products).hasSize(1);
        assertThat(catalogue.products.get(0).get("name").asText()).isEqualTo("Scaling");
        assertThat(p.preExisting).isNotNull();
    }

    @Test
    void theIdAProductIsKnownByComesFromTheLedgerOrTheLookups() {
        WritePlan p = plan("PRD-1", "Scaling");
        assertThat(TargetWriter.knownId(p)).isNull();
        p.found = JsonNodeFactory.instance.objectNode().put("id", 42);
        assertThat(TargetWriter.knownId(p)).isEqualTo(42);
    }

    /**
     * Regression (issue 9, found by the fault matrix's 5xx row): a billing record's upsert onto its case's deal got a
     * 5xx; the writer looked the deal up by the case's id, found it (the case had made it) and called the billing
     * write landed. The deal never got its billing fields, and the record was reported loaded.
     */
    @Test
    void aWriteOntoAnotherRecordsIsSentAgainAfterALostAnswerNotTakenAsLandedBecauseTheRecordExists() throws Exception {
        List<ObjectNode> sent = new ArrayList<>();
        ObjectNode deal = JsonNodeFactory.instance.objectNode().put("id", 7).put("name", "36 kanal tedavisi");
        deal.putObject("custom_field").put("cf_dentes_id", "TC-1");
        FreshsalesClient deals = new FreshsalesClient(null) {
            int upserts;

            @Override
            public UpsertResult upsert(WriteTarget target, Map<String, String> identifier, ObjectNode fields) {
                if (++upserts == 1) {
                    throw new FreshsalesException.NoAnswer("POST /deals/upsert", 502, "bad gateway");
                }
                sent.add(fields);
                ((ObjectNode) deal.get("custom_field")).setAll((ObjectNode) fields.get("custom_field"));
                return new UpsertResult(7, false, deal);
            }

            @Override
            public List<ObjectNode> lookup(WriteTarget target, String field, String value) {
                return List.of(deal.deepCopy());
            }
        };
        ObjectNode f = JsonNodeFactory.instance.objectNode();
        f.putObject("custom_field").put("cf_dentes_id", "TC-1").put("cf_billing_id", "BR-1");
        LoadCommand c = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.BILLING_RECORDS, "BR-1",
                0, FreshsalesTarget.DEAL, null, Map.of("cf_dentes_id", "TC-1"), f, "P-1", "v1", null, null,
                List.of(dev.ferry.contracts.TypedRef.required(SourceResource.TREATMENT_CASES, "TC-1")));
        WritePlan p = new WritePlan(new WorkItem(c, new WorkItem.FromParking(1, false, "", 0)), f, "h", List.of(), null);

        WriteResult r = new TargetWriter(deals, bulk(), retry(), d -> { }, Clock.systemUTC())
                .write(WriteTarget.of(FreshsalesTarget.DEAL), List.of(p)).get(p);

        assertThat(r).isInstanceOf(WriteResult.Written.class);
        assertThat(((WriteResult.Written) r).via()).isEqualTo("upsert");
        assertThat(sent).as("the upsert went again").hasSize(1);
        assertThat(deal.at("/custom_field/cf_billing_id").asText()).isEqualTo("BR-1");
    }

    private static LoaderConfig.Retry retry() {
        return new LoaderConfig.Retry() {
            public int maxAttempts() {
                return 3;
            }

            public Duration unsettledPause() {
                return Duration.ofSeconds(1);
            }

            public Duration initialBackoff() {
                return Duration.ofMillis(1);
            }

            public Duration maxBackoff() {
                return Duration.ofMillis(1);
            }

            @Override
            public Duration outageMaxPause() {
                return Duration.ofSeconds(30);
            }
        };
    }

    private static LoaderConfig.Bulk bulk() {
        return new LoaderConfig.Bulk() {
            public boolean enabled() {
                return true;
            }

            public int minSize() {
                return 2;
            }

            public Duration pollInterval() {
                return Duration.ofMillis(1);
            }

            public Duration jobTimeout() {
                return Duration.ofSeconds(1);
            }

            public int retriesOn405() {
                return 0;
            }

            public Duration backoffOn405() {
                return Duration.ofMillis(1);
            }
        };
    }
}
