package dev.ferry.loader.readback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.client.WriteTarget;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a sample back: what it costs in calls, and the report it makes. */
class SampleDifferTest {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final WriteTarget CONTACTS = WriteTarget.of(FreshsalesTarget.CONTACT);
    private static final WriteTarget DEALS = WriteTarget.of(FreshsalesTarget.DEAL);

    /** An account holding records per target, in write order; counts view pages and GETs. */
    static final class FakeAccount extends FreshsalesClient {
        final Map<String, List<ObjectNode>> records = new LinkedHashMap<>();
        int viewPages;
        int gets;

        FakeAccount() {
            super(null);
        }

        ObjectNode add(WriteTarget t, long id, String firstName) {
            ObjectNode r = F.objectNode().put("id", id).put("first_name", firstName);
            r.putObject("custom_field").put("cf_dentes_id", "S-" + id);
            records.computeIfAbsent(t.path(), k -> new ArrayList<>()).add(r);
            return r;
        }

        @Override
        public Long allRecordsView(WriteTarget t) {
            return 1L;
        }

        @Override
        public ViewPage recentlyUpdated(WriteTarget t, long viewId, int page) {
            viewPages++;
            List<ObjectNode> newestFirst = new ArrayList<>(records.getOrDefault(t.path(), List.of()));
            Collections.reverse(newestFirst);
            int from = Math.min(newestFirst.size(), (page - 1) * 100);
            return new ViewPage(newestFirst.subList(from, Math.min(newestFirst.size(), from + 100)),
                    Math.max(1, (newestFirst.size() + 99) / 100));
        }

        @Override
        public ObjectNode get(WriteTarget t, long id) {
            gets++;
            return records.getOrDefault(t.path(), List.of()).stream().filter(r -> r.path("id").asLong() == id)
                    .findFirst().orElseThrow(() -> new FreshsalesException.Refused("GET", 404, List.of()));
        }
    }

    private static ExpectedRecord expected(WriteTarget t, long id, String firstName) {
        ObjectNode e = F.objectNode().put("first_name", firstName);
        e.putObject("custom_field").put("cf_dentes_id", "S-" + id);
        return new ExpectedRecord(t.path(), "S-" + id, t, id, e);
    }

    @Test
    void contactsAreReadFromTheRecentlyUpdatedViewAHundredACallNotOneByOne() throws Exception {
        FakeAccount account = new FakeAccount();
        for (long id = 1; id <= 1000; id++) {
            account.add(CONTACTS, id, "N" + id); // older records of the account, not in the sample
        }
        List<ExpectedRecord> sample = new ArrayList<>();
        for (long id = 1001; id <= 1250; id++) {
            account.add(CONTACTS, id, "N" + id);
            sample.add(expected(CONTACTS, id, "N" + id));
        }

        SampleDiff diff = new SampleDiffer(new TargetReadBack(account)).diff("run-1", sample);

        assertThat(diff.allEqual()).isTrue();
        assertThat(diff.records()).hasSize(250);
        assertThat(account.viewPages).isEqualTo(3);
        assertThat(account.gets).isZero();
    }

    @Test
    void dealsAreReadByIdAndARecordGoneIsReportedMissing() throws Exception {
        FakeAccount account = new FakeAccount();
        account.add(DEALS, 7, "Plan");

        SampleDiff diff = new SampleDiffer(new TargetReadBack(account)).diff("run-1",
                List.of(expected(DEALS, 7, "Plan"), expected(DEALS, 8, "Gone")));

        assertThat(account.gets).isEqualTo(2);
        assertThat(diff.records()).extracting(RecordCheck::found).containsExactly(true, false);
        assertThat(diff.fields()).containsExactly(
                new SampleDiff.FieldSummary("deals", "custom_field.cf_dentes_id", 1, 0, 1, 0),
                new SampleDiff.FieldSummary("deals", "first_name", 1, 0, 1, 0));
    }

    @Test
    void theSummaryNamesExactlyTheFieldThatDiffersAndThePageShowsBothValues() throws Exception {
        FakeAccount account = new FakeAccount();
        List<ExpectedRecord> sample = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            account.add(CONTACTS, id, id == 3 ? "Wrong" : "N" + id);
            sample.add(expected(CONTACTS, id, "N" + id));
        }

        SampleDiff diff = new SampleDiffer(new TargetReadBack(account)).diff("run-1", sample);

        assertThat(diff.fieldsNotEqual()).containsExactly("contacts.first_name");
        assertThat(diff.fields()).contains(new SampleDiff.FieldSummary("contacts", "first_name", 4, 1, 0, 0));
        String md = SampleDiffMarkdown.render(diff);
        assertThat(md).contains("| contacts | S-3 | 3 | `first_name` | DIFFERENT | N3 | Wrong |");
        assertThat(md).doesNotContain("| S-1 |");
    }

    @Test
    void aLeadIsComparedOnTheFieldsItsModuleHasAndStillCountsAsEqual() throws Exception {
        WriteTarget leads = WriteTarget.of(FreshsalesTarget.LEAD);
        FakeAccount account = new FakeAccount();
        account.add(leads, 5, "Lea");
        ExpectedRecord promise = expected(leads, 5, "Lea");
        promise.expected().put("date_of_birth", "1980-01-02");

        SampleDiff diff = new SampleDiffer(new TargetReadBack(account)).diff("run-1", List.of(promise),
                t -> t.target() == FreshsalesTarget.LEAD
                        ? new TargetFields(java.util.Set.of("first_name", "cf_dentes_id")) : TargetFields.ANY);

        assertThat(diff.allEqual()).isTrue();
        assertThat(diff.records().get(0).allEqual()).isTrue();
        assertThat(diff.fields()).filteredOn(f -> f.field().equals("date_of_birth"))
                .containsExactly(new SampleDiff.FieldSummary("leads", "date_of_birth", 0, 0, 0, 1));
        assertThat(SampleDiffMarkdown.render(diff)).contains("*Not on the module*")
                .doesNotContain("Records with differences");
    }
}
