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

    /**
     * The Freshsales user of the clinic's office manager: the practitioner of the run with role OFFICE_MANAGER who works
     * at the clinic (lowest id first) and is matched to an active user. Empty when there is none.
     */
    default java.util.Optional<Long> officeManagerOf(String clinicId) {
        return java.util.Optional.empty();
    }
}
