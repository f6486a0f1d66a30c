package dev.ferry.extractor.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Practitioners against Freshsales users: matched by folded e-mail; the others listed with name and e-mail. */
class OwnerMatchingTest {

    private static final List<DiscoveryScan.StaffMember> STAFF = List.of(
            new DiscoveryScan.StaffMember("PR-1", "İlker", "Şahin", "İlker.Sahin@Klinik.com.tr", "DENTIST", true),
            new DiscoveryScan.StaffMember("PR-2", "Ayşe", "Kaya", "ayse@klinik.com.tr", "HYGIENIST", true),
            new DiscoveryScan.StaffMember("PR-3", "Can", "Demir", null, "ASSISTANT", true),
            new DiscoveryScan.StaffMember("PR-4", "Elif", "Ak", "elif@@klinik", "RECEPTIONIST", false),
            new DiscoveryScan.StaffMember("PR-5", "Oya", "Tan", "oya@klinik.com.tr", "OFFICE_MANAGER", true));

    @Test
    void matchedByFoldedEmailAndTheRestListedForTheAdmin() {
        DiscoveryReport.Owners o = OwnerMatching.match(STAFF, List.of(
                new OwnerMatching.User("ilker.sahin@klinik.com.tr", "İlker Şahin", true),
                new OwnerMatching.User("oya@klinik.com.tr", "Oya Tan", false),
                new OwnerMatching.User("someone@else.com", "Someone", true)), "request", null);
        assertThat(o.users()).isEqualTo(3);
        assertThat(o.matched()).isEqualTo(1);
        assertThat(o.matchedInactiveUser()).isEqualTo(1);
        assertThat(o.unmatched()).extracting(DiscoveryReport.Practitioner::id, DiscoveryReport.Practitioner::name,
                DiscoveryReport.Practitioner::email, DiscoveryReport.Practitioner::status).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("PR-2", "Ayşe Kaya", "ayse@klinik.com.tr", "NO_USER"),
                        org.assertj.core.groups.Tuple.tuple("PR-3", "Can Demir", null, "NO_EMAIL"),
                        org.assertj.core.groups.Tuple.tuple("PR-4", "Elif Ak", "elif@@klinik", "INVALID_EMAIL"),
                        org.assertj.core.groups.Tuple.tuple("PR-5", "Oya Tan", "oya@klinik.com.tr", "USER_INACTIVE"));
    }

    @Test
    void withoutUsersEveryPractitionerIsListedNotChecked() {
        DiscoveryReport.Owners o = OwnerMatching.match(STAFF, null, "none", "no users");
        assertThat(o.users()).isNull();
        assertThat(o.unmatched()).hasSize(5).allSatisfy(p -> assertThat(p.status()).isEqualTo("NOT_CHECKED"));
        assertThat(o.note()).isEqualTo("no users");
    }
}
