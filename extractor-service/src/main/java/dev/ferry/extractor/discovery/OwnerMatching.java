package dev.ferry.extractor.discovery;

import dev.ferry.sourcetext.EmailAddresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Practitioners against the Freshsales users, by e-mail folded as the mapper's {@code OwnerMatcher} folds it: the
 * same answer the run will give. Practitioners without an active user are listed with name and e-mail so the admin can
 * invite them (statuses as the mapper's owner report: {@code NO_EMAIL}, {@code INVALID_EMAIL}, {@code NO_USER},
 * {@code USER_INACTIVE}).
 */
public final class OwnerMatching {

    /** A Freshsales user: its e-mail, name and whether it is active. */
    public record User(String email, String displayName, boolean active) {
    }

    private OwnerMatching() {
    }

    /**
     * @param users the account's users, or null when they could not be had ({@code note} says why)
     */
    public static DiscoveryReport.Owners match(List<DiscoveryScan.StaffMember> staff, List<User> users,
            String usersFrom, String note) {
        if (users == null) {
            List<DiscoveryReport.Practitioner> all = staff.stream().map(s -> practitioner(s, "NOT_CHECKED")).toList();
            return new DiscoveryReport.Owners(usersFrom, null, 0, 0, all, note);
        }
        Map<String, User> byEmail = new HashMap<>();
        for (User u : users) {
            String folded = EmailAddresses.fold(u.email());
            if (folded != null) {
                // An active user wins over an inactive one with the same address.
                byEmail.merge(folded, u, (a, b) -> a.active() ? a : b);
            }
        }
        long matched = 0;
        long inactive = 0;
        List<DiscoveryReport.Practitioner> unmatched = new ArrayList<>();
        for (DiscoveryScan.StaffMember s : staff) {
            String folded = EmailAddresses.fold(s.email());
            String status;
            if (folded == null) {
                status = "NO_EMAIL";
            } else if (!EmailAddresses.isValid(folded)) {
                status = "INVALID_EMAIL";
            } else {
                User u = byEmail.get(folded);
                if (u == null) {
                    status = "NO_USER";
                } else if (!u.active()) {
                    status = "USER_INACTIVE";
                    inactive++;
                } else {
                    matched++;
                    continue;
                }
            }
            unmatched.add(practitioner(s, status));
        }
        return new DiscoveryReport.Owners(usersFrom, users.size(), matched, inactive, unmatched, note);
    }

    private static DiscoveryReport.Practitioner practitioner(DiscoveryScan.StaffMember s, String status) {
        return new DiscoveryReport.Practitioner(s.id(), s.name(), s.email(), s.role(), s.active(), status);
    }
}
