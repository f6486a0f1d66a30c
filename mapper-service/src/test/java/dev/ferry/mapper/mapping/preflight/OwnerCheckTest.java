package dev.ferry.mapper.mapping.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.TargetMetadata.Owner;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.preflight.OwnerCheck.UserStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Owners resolvable, the fallback owner active, and the admin's user checklist (issue 11 step 3). */
class OwnerCheckTest {

    private static final DiscoveryFacts DISCOVERY = DiscoveryFacts.of(Fixtures.json("""
            {"discoveryId": "d-1", "owners": {"usersFrom": "loader", "matched": 4, "matchedInactiveUser": 1, "unmatched": [
              {"id": "PR-1", "name": "Deniz Aksoy", "email": "deniz@klinik.example", "role": "HYGIENIST", "active": true, "status": "NO_USER"},
              {"id": "PR-2", "name": "Emre Celik", "email": "emre.celik@klinik.example", "role": "DENTIST", "active": true, "status": "NO_USER"},
              {"id": "PR-3", "name": "Old Dentist", "email": "retired@klinik.example", "role": "DENTIST", "active": true, "status": "USER_INACTIVE"},
              {"id": "PR-4", "name": "No Mail", "role": "RECEPTIONIST", "active": true, "status": "NO_EMAIL"},
              {"id": "PR-5", "name": "Gone", "email": "gone@klinik.example", "role": "ASSISTANT", "active": false, "status": "NO_USER"}]}}"""));

    @Test
    void eachActivePractitionerGetsTheActionAndTheRoleAndProfileTheirRoleCallsFor() {
        OwnerCheck.Owners o = OwnerCheck.of(Optional.of("front.desk@klinik.example"), DISCOVERY, Fixtures.target());
        assertThat(o.fallbackUserId()).isEqualTo(1003L);
        assertThat(o.users()).extracting(OwnerCheck.UserLine::practitionerId).containsExactly("PR-1", "PR-2", "PR-3", "PR-4");
        OwnerCheck.UserLine invite = o.users().get(0);
        assertThat(invite.status()).isEqualTo(UserStatus.INVITE);
        assertThat(invite.freshsalesRole()).isEqualTo("Sales Rep");
        assertThat(invite.profile()).startsWith("clinician");
        assertThat(invite.action()).startsWith("invite deniz@klinik.example as Sales Rep");
        // Invited since discovery: the account has the user now.
        assertThat(o.users().get(1).status()).isEqualTo(UserStatus.MATCHED_NOW);
        assertThat(o.users().get(2).status()).isEqualTo(UserStatus.REACTIVATE);
        assertThat(o.users().get(3).status()).isEqualTo(UserStatus.FIX_EMAIL);

        List<Finding> findings = OwnerCheck.findings(o);
        assertThat(findings).hasSize(3).allSatisfy(f -> {
            assertThat(f.blocking()).isFalse();
            // Findings name practitioners by id; names and e-mails stay in the user checklist.
            assertThat(f.problem()).doesNotContain("Deniz").doesNotContain("@");
        });
    }

    @Test
    void theStatedTableCoversEveryDentesRole() {
        assertThat(StaffRoles.of("OFFICE_MANAGER").freshsalesRole()).isEqualTo("Sales Manager");
        for (String role : List.of("DENTIST", "HYGIENIST", "RECEPTIONIST", "ASSISTANT")) {
            assertThat(StaffRoles.of(role).freshsalesRole()).as(role).isEqualTo("Sales Rep");
            assertThat(StaffRoles.of(role).profile()).as(role).doesNotStartWith("unknown");
        }
        assertThat(StaffRoles.of("office_manager ").dentesRole()).isEqualTo("OFFICE_MANAGER");
        assertThat(StaffRoles.of("JANITOR").profile()).startsWith("unknown Dr.DENTES role");
    }

    @Test
    void anInactiveAnUnknownOrNoFallbackOwnerBlocks() {
        assertThat(OwnerCheck.findings(OwnerCheck.of(Optional.of("retired@klinik.example"), DiscoveryFacts.NONE,
                Fixtures.target()))).filteredOn(Finding::blocking).singleElement()
                .satisfies(f -> assertThat(f.problem()).contains("inactive"));
        assertThat(OwnerCheck.findings(OwnerCheck.of(Optional.of("nobody@klinik.example"), DiscoveryFacts.NONE,
                Fixtures.target()))).filteredOn(Finding::blocking).singleElement()
                .satisfies(f -> assertThat(f.problem()).contains("no user"));
        assertThat(OwnerCheck.findings(OwnerCheck.of(Optional.empty(), DiscoveryFacts.NONE, Fixtures.target())))
                .filteredOn(Finding::blocking).singleElement()
                .satisfies(f -> assertThat(f.action()).contains("ferry.mapper.fallback-owner-email"));
    }

    @Test
    void theFallbackIsCheckedAgainstTheUsersTheAccountHasNow() {
        List<Owner> owners = new ArrayList<>(Fixtures.metadata().owners());
        owners.add(new Owner(2001, "new.fallback@klinik.example", "New", true));
        TargetView now = new TargetView(PreflightFixtures.withOwners(Fixtures.metadata(), owners));
        assertThat(OwnerCheck.findings(OwnerCheck.of(Optional.of("new.fallback@klinik.example"), DiscoveryFacts.NONE,
                now))).noneMatch(Finding::blocking);
    }
}
