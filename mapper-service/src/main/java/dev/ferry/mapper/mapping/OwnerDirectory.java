package dev.ferry.mapper.mapping;

/** The practitioner → Freshsales user matches made so far. */
public interface OwnerDirectory {

    /** Why a practitioner does or does not give an owner. */
    enum Status {
        /** Matched to an active user. */
        MATCHED,
        /** Matched, but the user is inactive in Freshsales. */
        USER_INACTIVE,
        /** Known practitioner without a matching user. */
        UNMATCHED,
        /** The practitioner is deleted in the source. */
        DELETED,
        /** No practitioner with this id was read. */
        UNKNOWN
    }

    /** @param userId the Freshsales user id for MATCHED and USER_INACTIVE, else null */
    record Resolution(Status status, Long userId) {
    }

    Resolution resolve(String practitionerId);
}
