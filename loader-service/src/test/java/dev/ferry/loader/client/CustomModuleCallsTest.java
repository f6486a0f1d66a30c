package dev.ferry.loader.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.SourceResource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Custom-module records as the client sends and reads them (reference 5.12, 5.14): the entity name in the path and as
 * the body's root, answers unwrapped from it, searched with {@code filtered_search/{entity}}; and the entity name's
 * round trip through what the id ledger stores.
 */
class CustomModuleCallsTest {

    private static final String ENTITY = "cm_imaging_record";
    private static final WriteTarget IMAGING = new WriteTarget(FreshsalesTarget.CUSTOM_MODULE_RECORD, ENTITY);

    /** One call as the client made it. */
    record Call(String method, String path, String template, JsonNode body) {
    }

    /** Records every call and answers from a script, without a network. */
    static final class ScriptedHttp extends FreshsalesHttp {
        final List<Call> calls = new ArrayList<>();
        final Deque<String> answers = new ArrayDeque<>();

        ScriptedHttp() {
            super(null, URI.create("http://127.0.0.1:1/crm/sales/api"), new ApiKey("test-key"), null,
                    Clock.systemUTC(), Duration.ofSeconds(1), CallListener.NONE);
        }

        @Override
        public FreshsalesResponse call(String method, String path, String template, JsonNode body) {
            calls.add(new Call(method, path, template, body));
            String answer = answers.isEmpty() ? "{}" : answers.poll();
            return new FreshsalesResponse(200, answer.getBytes(StandardCharsets.UTF_8), null);
        }
    }

    private final ScriptedHttp http = new ScriptedHttp();
    private final FreshsalesClient client = new FreshsalesClient(http);

    private static ObjectNode fields() {
        ObjectNode f = JsonNodeFactory.instance.objectNode().put("name", "Imaging IMG-1");
        f.putObject("custom_field").put("cf_dentes_id", "imaging/IMG-1").put("cf_patient", 42);
        return f;
    }

    @Test
    void aRecordIsCreatedUnderItsEntityAndReadBackFromTheEntityRoot() throws Exception {
        http.answers.add("{\"cm_imaging_record\":{\"id\":5001,\"name\":\"Imaging IMG-1\"}}");
        UpsertResult r = client.create(IMAGING, fields());

        Call c = http.calls.get(0);
        assertThat(c.method()).isEqualTo("POST");
        assertThat(c.path()).isEqualTo("/custom_module/cm_imaging_record");
        assertThat(c.body().fieldNames()).toIterable().containsExactly(ENTITY);
        assertThat(c.body().get(ENTITY)).isEqualTo(fields());
        assertThat(r.id()).isEqualTo(5001);
        assertThat(r.created()).isTrue();
    }

    @Test
    void aLaterVersionIsAPutOnTheRecordsIdAndAReadIsAGet() throws Exception {
        http.answers.add("{\"cm_imaging_record\":{\"id\":5001}}");
        http.answers.add("{\"cm_imaging_record\":{\"id\":5001,\"custom_field\":{\"cf_dentes_id\":\"imaging/IMG-1\"}}}");
        UpsertResult r = client.update(IMAGING, 5001, fields());
        ObjectNode read = client.get(IMAGING, 5001);

        assertThat(http.calls).extracting(Call::method, Call::path, Call::template).containsExactly(
                org.assertj.core.groups.Tuple.tuple("PUT", "/custom_module/cm_imaging_record/5001",
                        "/custom_module/cm_imaging_record/{id}"),
                org.assertj.core.groups.Tuple.tuple("GET", "/custom_module/cm_imaging_record/5001",
                        "/custom_module/cm_imaging_record/{id}"));
        assertThat(http.calls.get(0).body().get(ENTITY)).isEqualTo(fields());
        assertThat(r.created()).isFalse();
        assertThat(read.at("/custom_field/cf_dentes_id").asText()).isEqualTo("imaging/IMG-1");
    }

    @Test
    void recordsAreFoundByFilteredSearchOnTheEntityAndTheirHitsReadFromItsList() throws Exception {
        http.answers.add("{\"cm_imaging_record\":[{\"id\":5001,\"name\":\"Imaging IMG-1\"}],\"meta\":{\"total\":1}}");
        // Documented only as "wrapped the same way": a list under another key is taken when it is the only one.
        http.answers.add("{\"records\":[{\"id\":5002}],\"meta\":{\"total\":1}}");
        List<ObjectNode> hits = client.searchIn(IMAGING, "cf_dentes_id", List.of("imaging/IMG-1", "imaging/IMG-2"));
        List<ObjectNode> other = client.searchIn(IMAGING, "cf_dentes_id", List.of("imaging/IMG-2"));

        Call c = http.calls.get(0);
        assertThat(c.method()).isEqualTo("POST");
        assertThat(c.path()).isEqualTo("/filtered_search/cm_imaging_record");
        assertThat(c.body().at("/filter_rule/0/attribute").asText()).isEqualTo("cf_dentes_id");
        assertThat(c.body().at("/filter_rule/0/operator").asText()).isEqualTo("is_in");
        assertThat(c.body().at("/filter_rule/0/value")).hasSize(2);
        assertThat(hits).extracting(h -> h.get("id").asLong()).containsExactly(5001L);
        assertThat(other).extracting(h -> h.get("id").asLong()).containsExactly(5002L);
    }

    @Test
    void aCustomModuleIsNoLookupEntity() {
        assertThat(IMAGING.hasLookup()).isFalse();
        assertThatThrownBy(() -> client.lookup(IMAGING, "cf_dentes_id", "imaging/IMG-1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(http.calls).isEmpty();
    }

    @Test
    void aRecordWithoutAValidEntityIsNeverAddressed() {
        WriteTarget none = new WriteTarget(FreshsalesTarget.CUSTOM_MODULE_RECORD, "cm_x/../../contacts");
        assertThat(none.entity()).isNull();
        assertThat(none.addressable()).isFalse();
        assertThatThrownBy(() -> client.create(none, fields())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.searchIn(none, "cf_dentes_id", List.of("x")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(http.calls).as("nothing sent").isEmpty();
    }

    @Test
    void theAccountsCustomModulesAreReadFromModuleCustomizationsAndOnlyCmNamesKept() throws Exception {
        http.answers.add("{\"module_customizations\":[{\"id\":1,\"entity_name\":\"cm_imaging_record\",\"custom\":true},"
                + "{\"id\":2,\"entity_name\":\"deals\",\"custom\":false},{\"id\":3,\"entity_name\":\"cm_x/../y\"},"
                + "{\"id\":4,\"entity_name\":\"cm_lab_work\",\"custom\":true}]}");
        assertThat(client.customModuleEntities()).containsExactly("cm_imaging_record", "cm_lab_work");
        assertThat(http.calls.get(0).path()).isEqualTo("/settings/module_customizations");
    }

    @Test
    void theEntityTravelsThroughWhatTheLedgerStoresAndBack() {
        LoadCommand cmd = new LoadCommand(null, "run-1", CommandKind.UPSERT, null,
                SourceResource.CUSTOM_MODULE_RECORDS, "imaging/IMG-1", 0, FreshsalesTarget.CUSTOM_MODULE_RECORD,
                ENTITY, Map.of("cf_dentes_id", "imaging/IMG-1"), fields(), "P-1", "v1", null, null);
        WriteTarget t = WriteTarget.of(cmd);
        assertThat(t.path()).isEqualTo("custom_module/cm_imaging_record");
        assertThat(WriteTarget.parse(t.path())).isEqualTo(IMAGING);
        assertThat(WriteTarget.parse(t.path()).rootKey()).isEqualTo(ENTITY);
        // Rows written before custom modules hold bare target paths.
        assertThat(WriteTarget.parse("contacts")).isEqualTo(WriteTarget.of(FreshsalesTarget.CONTACT));
        assertThat(WriteTarget.parse("cpq/products").listRoot()).isEqualTo("products");
        // A command refused for its entity leaves a row naming no entity; reading it back must not fail.
        assertThat(WriteTarget.parse("custom_module").addressable()).isFalse();
        // The command as parked (JSON) keeps its entity, too.
        LoadCommand parked = FerryJson.decode(FerryJson.encodeToString(cmd), LoadCommand.class);
        assertThat(WriteTarget.of(parked)).isEqualTo(IMAGING);
    }
}
