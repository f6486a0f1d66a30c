package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.loader.client.WriteTarget;
import dev.ferry.loader.client.FreshsalesClient;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How written records are found again, and what that costs in calls. */
class IdResolverTest {

    /** A Freshsales account reduced to what search and lookup see, counting calls. */
    static final class FakeAccount extends FreshsalesClient {
        final List<ObjectNode> contacts = new ArrayList<>();
        int searches;
        int lookups;

        FakeAccount() {
            super(null);
        }

        void contact(long id, String dentesId, String email) {
            ObjectNode c = JsonNodeFactory.instance.objectNode().put("id", id);
            if (email != null) {
                c.put("email", email);
            }
            c.putObject("custom_field").put("cf_dentes_id", dentesId);
            contacts.add(c);
        }

        @Override
        public List<ObjectNode> searchIn(WriteTarget t, String field, Collection<String> values) {
            searches++;
            // Thin hits: no custom_field, as the real filtered search.
            return contacts.stream().filter(c -> values.contains(c.at("/custom_field/" + field).asText()))
                    .map(c -> {
                        ObjectNode thin = c.deepCopy();
                        thin.remove("custom_field");
                        return thin;
                    }).toList();
        }

        @Override
        public List<ObjectNode> lookup(WriteTarget t, String field, String value) {
            lookups++;
            return contacts.stream().filter(c -> value.equals(c.at("/custom_field/" + field).asText())).toList();
        }

        Long view = 71_100_000_101L;
        int filterCalls;
        int viewPages;

        @Override
        public Long allRecordsView(WriteTarget t) {
            filterCalls++;
            return view;
        }

        /** The view sorted by updated_at descending: the contact added last first; whole records. */
        @Override
        public ViewPage recentlyUpdated(WriteTarget t, long viewId, int page) {
            viewPages++;
            List<ObjectNode> newestFirst = new ArrayList<>(contacts);
            java.util.Collections.reverse(newestFirst);
            int from = Math.min(newestFirst.size(), (page - 1) * 100);
            int pages = Math.max(1, (newestFirst.size() + 99) / 100);
            return new ViewPage(newestFirst.subList(from, Math.min(newestFirst.size(), from + 100)), pages);
        }
    }

    private final FakeAccount account = new FakeAccount();
    private final IdResolver resolver = new IdResolver(account);

    @Test
    void recordsWithUniqueEmailsAreFoundWithOneSearchAndNoLookups() throws Exception {
        List<IdResolver.Wanted> wanted = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            account.contact(1000 + i, "P-" + i, "p" + i + "@x.test");
            wanted.add(new IdResolver.Wanted("P-" + i, "P" + i + "@X.test"));
        }
        Map<String, ObjectNode> found = resolver.resolveWritten(WriteTarget.of(FreshsalesTarget.CONTACT), "cf_dentes_id", wanted);
        assertThat(found).hasSize(100);
        assertThat(found.get("P-42").path("id").asLong()).isEqualTo(1042);
        assertThat(account.searches).isEqualTo(1);
        assertThat(account.lookups).isZero();
    }

    @Test
    void anythingTheEmailCannotTellApartIsLookedUpOneByOne() throws Exception {
        account.contact(1, "P-1", "a@x.test");
        account.contact(2, "P-2", "shared@x.test");
        account.contact(3, "P-3", "shared@x.test");
        account.contact(4, "P-4", null);
        account.contact(5, "P-5", "b@x.test");
        List<IdResolver.Wanted> wanted = List.of(new IdResolver.Wanted("P-1", "a@x.test"),
                new IdResolver.Wanted("P-2", "shared@x.test"), new IdResolver.Wanted("P-3", "other@x.test"),
                new IdResolver.Wanted("P-4", null), new IdResolver.Wanted("P-5", "b@x.test"),
                new IdResolver.Wanted("P-6", "c@x.test"));
        Map<String, ObjectNode> found = resolver.resolveWritten(WriteTarget.of(FreshsalesTarget.CONTACT), "cf_dentes_id", wanted);
        assertThat(found.keySet()).containsExactlyInAnyOrder("P-1", "P-2", "P-3", "P-4", "P-5");
        assertThat(found.get("P-2").path("id").asLong()).isEqualTo(2);
        assertThat(found.get("P-3").path("id").asLong()).isEqualTo(3);
        // P-1 and P-5 matched by e-mail; P-2 (its e-mail is on two hits), P-3, P-4 (none) and P-6 looked up: the
        // search left hits it could not match, so P-6's absence from it proves nothing.
        assertThat(account.lookups).isEqualTo(4);
    }

    @Test
    void aSearchWhoseEveryHitFoundItsCommandProvesTheOthersAbsentWithoutLookups() throws Exception {
        account.contact(1, "P-1", "a@x.test");
        account.contact(2, "P-2", "b@x.test");
        Map<String, ObjectNode> found = resolver.resolveWritten(WriteTarget.of(FreshsalesTarget.CONTACT), "cf_dentes_id", List.of(
                new IdResolver.Wanted("P-1", "a@x.test"), new IdResolver.Wanted("P-2", "b@x.test"),
                new IdResolver.Wanted("P-3", "c@x.test")));
        assertThat(found.keySet()).containsExactlyInAnyOrder("P-1", "P-2");
        assertThat(account.searches).isEqualTo(1);
        assertThat(account.lookups).isZero();
    }

    /** Issue 13: contacts a job wrote without e-mails of their own used to cost one lookup each after the job. */
    @Test
    void contactsAJobJustWroteAreFoundInTheAllContactsViewAHundredACallWhateverTheirEmails() throws Exception {
        for (int i = 0; i < 50; i++) {
            account.contact(5000 + i, "OLD-" + i, "old" + i + "@x.test");
        }
        List<IdResolver.Wanted> wanted = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            account.contact(1000 + i, "P-" + i, i % 2 == 0 ? "family@x.test" : null);
            wanted.add(new IdResolver.Wanted("P-" + i, i % 2 == 0 ? "family@x.test" : null));
        }
        WriteTarget contacts = WriteTarget.of(FreshsalesTarget.CONTACT);
        Map<String, ObjectNode> found = resolver.resolveJustWritten(contacts, "cf_dentes_id", wanted);
        assertThat(found).hasSize(250);
        assertThat(found.get("P-7").path("id").asLong()).isEqualTo(1007);
        assertThat(found.get("P-249").path("id").asLong()).isEqualTo(1249);
        assertThat(account.viewPages).isEqualTo(3);
        assertThat(account.lookups).isZero();
        assertThat(account.searches).isZero();
        resolver.resolveJustWritten(contacts, "cf_dentes_id", wanted.subList(0, 10));
        assertThat(account.filterCalls).as("the view id is asked once per process").isEqualTo(1);
    }

    @Test
    void recordsOthersWroteAfterTheJobCostMorePagesThenLookupsNeverAWrongId() throws Exception {
        List<IdResolver.Wanted> wanted = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            account.contact(1000 + i, "P-" + i, null);
            wanted.add(new IdResolver.Wanted("P-" + i, null));
        }
        for (int i = 0; i < 250; i++) {
            account.contact(9000 + i, "OTHER-" + i, null);
        }
        Map<String, ObjectNode> found = resolver.resolveJustWritten(WriteTarget.of(FreshsalesTarget.CONTACT),
                "cf_dentes_id", wanted);
        assertThat(found).hasSize(250);
        for (int i = 0; i < 250; i++) {
            assertThat(found.get("P-" + i).path("id").asLong()).isEqualTo(1000 + i);
        }
        // Four pages (250 / 100 + 1) hold the 250 others and the newest 150 of the job's; the oldest 100 are looked up.
        assertThat(account.viewPages).isEqualTo(4);
        assertThat(account.lookups).isEqualTo(100);
    }

    @Test
    void anAccountWithoutAnAllContactsViewFindsJustWrittenRecordsTheOldWay() throws Exception {
        account.view = null;
        account.contact(1, "P-1", null);
        account.contact(2, "P-2", null);
        Map<String, ObjectNode> found = resolver.resolveJustWritten(WriteTarget.of(FreshsalesTarget.CONTACT),
                "cf_dentes_id", List.of(new IdResolver.Wanted("P-1", null), new IdResolver.Wanted("P-2", null)));
        assertThat(found.keySet()).containsExactlyInAnyOrder("P-1", "P-2");
        assertThat(account.viewPages).isZero();
        assertThat(account.lookups).isEqualTo(2);
    }

    /** Products: no /lookup entity; filterize hits that carry cf_dentes_id are matched a hundred at a time. */
    static final class FakeProducts extends FreshsalesClient {
        final List<ObjectNode> products = new ArrayList<>();
        boolean thin;
        int searches;

        FakeProducts() {
            super(null);
        }

        void product(long id, String dentesId) {
            ObjectNode p = JsonNodeFactory.instance.objectNode().put("id", id);
            p.putObject("custom_field").put("cf_dentes_id", dentesId);
            products.add(p);
        }

        @Override
        public List<ObjectNode> searchIn(WriteTarget t, String field, Collection<String> values) {
            assertThat(t).isEqualTo(WriteTarget.of(FreshsalesTarget.PRODUCT));
            searches++;
            return products.stream().filter(p -> values.contains(p.at("/custom_field/" + field).asText()))
                    .map(p -> {
                        ObjectNode hit = p.deepCopy();
                        if (thin) {
                            hit.remove("custom_field");
                        }
                        return hit;
                    }).toList();
        }

        @Override
        public List<ObjectNode> lookup(WriteTarget t, String field, String value) {
            throw new AssertionError("products have no /lookup entity");
        }
    }

    @Test
    void productsAreFoundByOneFilterizePerHundredWhenTheHitsCarryTheirId() throws Exception {
        FakeProducts products = new FakeProducts();
        products.product(7, "PRD-1");
        products.product(8, "PRD-2");
        IdResolver r = new IdResolver(products);
        Map<String, ObjectNode> found = r.resolveWritten(WriteTarget.of(FreshsalesTarget.PRODUCT), "cf_dentes_id", List.of(
                new IdResolver.Wanted("PRD-1", null), new IdResolver.Wanted("PRD-2", null),
                new IdResolver.Wanted("PRD-3", null)));
        assertThat(found.keySet()).containsExactlyInAnyOrder("PRD-1", "PRD-2");
        assertThat(products.searches).isEqualTo(1);
        assertThat(r.lookupOne(WriteTarget.of(FreshsalesTarget.PRODUCT), "cf_dentes_id", "PRD-2").path("id").asLong()).isEqualTo(8);
        assertThat(r.lookupOne(WriteTarget.of(FreshsalesTarget.PRODUCT), "cf_dentes_id", "PRD-9")).isNull();
    }

    @Test
    void thinProductHitsAreSearchedOneValueAtATimeAndNeverGuessed() throws Exception {
        FakeProducts products = new FakeProducts();
        products.thin = true;
        products.product(7, "PRD-1");
        products.product(8, "PRD-2");
        IdResolver r = new IdResolver(products);
        Map<String, ObjectNode> found = r.resolveMany(WriteTarget.of(FreshsalesTarget.PRODUCT), "cf_dentes_id",
                List.of("PRD-1", "PRD-2", "PRD-3"));
        assertThat(found.get("PRD-1").path("id").asLong()).isEqualTo(7);
        assertThat(found.get("PRD-2").path("id").asLong()).isEqualTo(8);
        assertThat(found).doesNotContainKey("PRD-3");
        assertThat(products.searches).as("one batch, then one search per value").isEqualTo(4);
    }

    @Test
    void theWrittenEmailIsReadFromEveryShapeTheFieldsMayUse() {
        assertThat(IdResolver.primaryEmail(json("{\"emails\":\"a@x.test\"}"))).isEqualTo("a@x.test");
        assertThat(IdResolver.primaryEmail(json("{\"emails\":[\"a@x.test\",\"b@x.test\"]}"))).isEqualTo("a@x.test");
        assertThat(IdResolver.primaryEmail(json("{\"emails\":[{\"value\":\"a@x.test\"},{\"value\":\"b@x.test\",\"is_primary\":true}]}")))
                .isEqualTo("b@x.test");
        assertThat(IdResolver.primaryEmail(json("{\"email\":\"c@x.test\"}"))).isEqualTo("c@x.test");
        assertThat(IdResolver.primaryEmail(json("{\"first_name\":\"x\"}"))).isNull();
    }

    private static JsonNode json(String s) {
        return FerryJson.decode(s, JsonNode.class);
    }

    /** An account whose contacts each list their notes; counts the listings. */
    static final class FakeNotes extends FreshsalesClient {
        final Map<Long, List<ObjectNode>> notesOf = new java.util.HashMap<>();
        final List<Long> listed = new ArrayList<>();

        FakeNotes() {
            super(null);
        }

        void note(long contact, long id, String description) {
            notesOf.computeIfAbsent(contact, k -> new ArrayList<>())
                    .add(JsonNodeFactory.instance.objectNode().put("id", id).put("description", description));
        }

        @Override
        public List<ObjectNode> listChildren(String parentType, long parentId, WriteTarget child) {
            assertThat(parentType).isEqualTo("Contact");
            listed.add(parentId);
            return notesOf.getOrDefault(parentId, List.of());
        }
    }

    /**
     * Issue 10: children are found in their parents' listings, one listing per parent however many are looked for,
     * by the exact first line: "part 1/2" never passes for the unsplit note, and a duplicate made outside Ferry
     * converges on the lowest id.
     */
    @Test
    void notesAreFoundByTheirExactFirstLineWithOneListingPerParent() throws Exception {
        FakeNotes notes = new FakeNotes();
        notes.note(7, 70, "[Dr.DENTES clinical-notes N-1] Kontrol\nbody");
        notes.note(7, 71, "[Dr.DENTES clinical-notes N-1 part 1/2] Kontrol\nbody");
        notes.note(7, 69, "[Dr.DENTES clinical-notes N-3] Özet\r\nbody");
        notes.note(7, 68, "[Dr.DENTES clinical-notes N-3] Özet\nsame marker, lower id");
        notes.note(8, 80, "[Dr.DENTES clinical-notes N-2] Kontrol\nbody");
        IdResolver r = new IdResolver(notes);
        Map<String, ObjectNode> found = r.resolveInParents(WriteTarget.of(FreshsalesTarget.NOTE),
                FreshsalesTarget.NOTE_MARKER_KEY, List.of(
                        new IdResolver.Child("[Dr.DENTES clinical-notes N-1 part 1/2] Kontrol", "Contact", 7),
                        new IdResolver.Child("[Dr.DENTES clinical-notes N-3] Özet", "Contact", 7),
                        new IdResolver.Child("[Dr.DENTES clinical-notes N-2] Kontrol", "Contact", 8),
                        new IdResolver.Child("[Dr.DENTES clinical-notes N-9] Kontrol", "Contact", 8)));
        assertThat(found.get("[Dr.DENTES clinical-notes N-1 part 1/2] Kontrol").path("id").asLong()).isEqualTo(71);
        assertThat(found.get("[Dr.DENTES clinical-notes N-3] Özet").path("id").asLong()).isEqualTo(68);
        assertThat(found.get("[Dr.DENTES clinical-notes N-2] Kontrol").path("id").asLong()).isEqualTo(80);
        assertThat(found).doesNotContainKey("[Dr.DENTES clinical-notes N-9] Kontrol");
        assertThat(notes.listed).as("one listing per parent").containsExactly(7L, 8L);
    }
}
