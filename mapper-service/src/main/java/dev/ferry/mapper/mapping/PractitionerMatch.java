package dev.ferry.mapper.mapping;

/**
 * The result of matching one practitioner to a Freshsales user by e-mail.
 *
 * @param practitionerId the source id
 * @param status what happened
 * @param userId the matched user's id (MATCHED, USER_INACTIVE)
 * @param email the practitioner's folded address, null when absent (staff data: allowed in the owner report, never in
 *     logs)
 * @param suggestedEmail for an unmatched practitioner: a user's address that differs only by accents or ı, as a hint
 */
public record PractitionerMatch(String practitionerId, Status status, Long userId, String email, String suggestedEmail) {

    /** Outcome of a match. */
    public enum Status {
        MATCHED,
        USER_INACTIVE,
        NO_EMAIL,
        INVALID_EMAIL,
        NO_USER,
        DELETED;

        /** Whether a Freshsales user was found (the practitioner's outcome is LINKED). */
        public boolean linked() {
            return this == MATCHED || this == USER_INACTIVE;
        }
    }
}
