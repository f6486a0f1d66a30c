package dev.ferry.mapper.mapping.preflight;

import dev.ferry.contracts.TargetMetadata.Owner;
import dev.ferry.mapper.mapping.TargetView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Owners: the fallback owner must be an active user of the account (every record whose practitioner has no usable
 * user goes to it, so without it such records get whoever Freshsales picks), and the user checklist for the admin:
 * each practitioner discovery found unmatched, checked again against the users the account has now (an admin may
 * have invited them since), with the Freshsales role and profile their Dr.DENTES role calls for ({@link StaffRoles}).
 * An unmatched practitioner does not block while the fallback owner is active: their records get the fallback.
 */
public final class OwnerCheck {

    /** Where a practitioner stands now. */
    public enum UserStatus {
        /** An active user has their e-mail now (invited since discovery). */
        MATCHED_NOW,
        /** No user has their e-mail: invite them. */
        INVITE,
        /** A user has their e-mail but is inactive: reactivate, or their records get the fallback owner. */
        REACTIVATE,
        /** Dr.DENTES has no usable e-mail for them: fix it there, or match by hand. */
        FIX_EMAIL
    }

    /** One line of the admin's user checklist. */
    public record UserLine(String practitionerId, String name, String email, String dentesRole, String freshsalesRole,
            String profile, UserStatus status, String action) {
    }

    /**
     * @param fallbackEmail the configured fallback owner, or null
     * @param fallbackUserId its active user, or null
     * @param matchedAtDiscovery practitioners discovery matched to an active user
     * @param users the user checklist; null when no discovery report with owners was passed
     */
    public record Owners(String fallbackEmail, Long fallbackUserId, String fallbackState, long matchedAtDiscovery,
            List<UserLine> users) {
    }

    private OwnerCheck() {
    }

    public static Owners of(Optional<String> fallbackEmail, DiscoveryFacts discovery, TargetView target) {
        Long fallbackId = null;
        String state;
        if (fallbackEmail.isEmpty()) {
            state = "none configured";
        } else {
            Optional<Owner> user = target.ownerByEmail(fallbackEmail.get());
            if (user.isEmpty()) {
                state = "no user of the account has this e-mail";
            } else if (!user.get().active()) {
                state = "the user is inactive";
            } else {
                fallbackId = user.get().id();
                state = "active (user " + fallbackId + ")";
            }
        }
        List<UserLine> users = null;
        if (discovery.practitioners() != null) {
            users = new ArrayList<>();
            for (DiscoveryFacts.Practitioner p : discovery.practitioners()) {
                if (!p.active()) {
                    continue;
                }
                users.add(line(p, target));
            }
        }
        return new Owners(fallbackEmail.orElse(null), fallbackId, state, discovery.matched(), users);
    }

    private static UserLine line(DiscoveryFacts.Practitioner p, TargetView target) {
        StaffRoles.Assignment role = StaffRoles.of(p.role());
        UserStatus status;
        String action;
        Optional<Owner> user = p.email() == null ? Optional.empty() : target.ownerByEmail(p.email());
        if (p.email() == null || "NO_EMAIL".equals(p.status()) || "INVALID_EMAIL".equals(p.status())) {
            status = UserStatus.FIX_EMAIL;
            action = "give them a valid e-mail in Dr.DENTES (the one they use in Freshsales), or invite them and fix it";
        } else if (user.isPresent() && user.get().active()) {
            status = UserStatus.MATCHED_NOW;
            action = "none: user " + user.get().id() + " has this e-mail now";
        } else if (user.isPresent()) {
            status = UserStatus.REACTIVATE;
            action = "reactivate user " + user.get().id() + " as " + role.freshsalesRole();
        } else {
            status = UserStatus.INVITE;
            action = "invite " + p.email() + " as " + role.freshsalesRole() + " (" + role.profile() + ")";
        }
        return new UserLine(p.id(), p.name(), p.email(), role.dentesRole(), role.freshsalesRole(), role.profile(),
                status, action);
    }

    public static List<Finding> findings(Owners o) {
        List<Finding> out = new ArrayList<>();
        if (o.fallbackUserId() == null) {
            out.add(Finding.block("owners", "fallback owner", o.fallbackEmail() == null
                    ? "no fallback owner is configured (ferry.mapper.fallback-owner-email)"
                    : "the fallback owner " + o.fallbackEmail() + ": " + o.fallbackState(),
                    o.fallbackEmail() == null ? "set ferry.mapper.fallback-owner-email to an active Freshsales user"
                            : "make " + o.fallbackEmail() + " an active Freshsales user, or configure another"));
        }
        if (o.users() == null) {
            out.add(Finding.note("owners", "practitioners", "no discovery report with owners was passed: the"
                    + " practitioners were not checked", "pass discovery.json (ferry preflight --discovery)"));
            return out;
        }
        for (UserLine u : o.users()) {
            if (u.status() != UserStatus.MATCHED_NOW) {
                out.add(Finding.note("owners", u.practitionerId(), "practitioner " + u.practitionerId() + " ("
                        + u.dentesRole() + ") has no active Freshsales user: their records get the fallback owner",
                        u.action()));
            }
        }
        return out;
    }
}
