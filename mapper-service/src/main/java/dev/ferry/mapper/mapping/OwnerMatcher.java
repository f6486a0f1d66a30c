package dev.ferry.mapper.mapping;

import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.TargetMetadata.Owner;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.sourcetext.EmailAddresses;
import java.util.Optional;

/**
 * Matches practitioners to Freshsales users by e-mail, folded with {@code Locale.ROOT} after Unicode normalisation
 * ({@link EmailAddresses#fold}), so {@code İlker.Sahin@x} finds {@code ilker.sahin@x} on any JVM locale. Users are
 * never created: a practitioner without a user is flagged for an admin to invite.
 */
public final class OwnerMatcher {

    public PractitionerMatch match(ResourceMapping m, SourceRecordEnvelope envelope, TargetView target) {
        String id = envelope.sourceId();
        String raw = m.ownerEmail().readText(envelope.payload());
        String folded = EmailAddresses.fold(raw);
        if (envelope.deleted()) {
            return new PractitionerMatch(id, PractitionerMatch.Status.DELETED, null, folded, null);
        }
        if (folded == null) {
            return new PractitionerMatch(id, PractitionerMatch.Status.NO_EMAIL, null, null, null);
        }
        if (!EmailAddresses.isValid(folded)) {
            return new PractitionerMatch(id, PractitionerMatch.Status.INVALID_EMAIL, null, folded, null);
        }
        Optional<Owner> user = target.ownerByEmail(folded);
        if (user.isPresent()) {
            return new PractitionerMatch(id, user.get().active() ? PractitionerMatch.Status.MATCHED
                    : PractitionerMatch.Status.USER_INACTIVE, user.get().id(), folded, null);
        }
        return new PractitionerMatch(id, PractitionerMatch.Status.NO_USER, null, folded,
                target.lookalikeOwner(folded).map(Owner::email).orElse(null));
    }

    /** The rejection for an unmatched practitioner (statuses that are not {@link PractitionerMatch.Status#linked}). */
    public static Rejection rejection(PractitionerMatch match, String emailField) {
        return switch (match.status()) {
            case DELETED -> Rules.recordDeleted();
            case NO_EMAIL -> Rules.reject(Rules.OWNER_UNMATCHED, emailField, "The practitioner has no " + emailField
                    + ", so no Freshsales user can be matched; their patients get the fallback owner. Add the address in"
                    + " Dr.DENTES.");
            case INVALID_EMAIL -> Rules.reject(Rules.OWNER_UNMATCHED, emailField, "The practitioner's " + emailField
                    + " is not a valid e-mail address, so no Freshsales user can be matched; their patients get the"
                    + " fallback owner.");
            case NO_USER -> Rules.reject(Rules.OWNER_UNMATCHED, emailField, "No Freshsales user has the practitioner's "
                    + emailField + "; invite them to Freshsales (see the owner report) or their patients get the"
                    + " fallback owner.");
            default -> throw new IllegalArgumentException("a matched practitioner is not rejected");
        };
    }

    /** The outcome detail for a matched practitioner. */
    public static String linkedDetail(PractitionerMatch match) {
        return match.status() == PractitionerMatch.Status.USER_INACTIVE
                ? "matched to a Freshsales user by e-mail; the user is inactive, so this practitioner's patients get the"
                + " fallback owner"
                : "matched to a Freshsales user by e-mail";
    }
}
