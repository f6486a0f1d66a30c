package dev.ferry.loader.readback;

/** What one mapped field of one sampled record looks like when read back from Freshsales. */
public enum FieldVerdict {
    /** Freshsales holds the value the confirmed map promises (both empty counts as equal). */
    EQUAL,
    /** Freshsales holds another value; the check shows both. */
    DIFFERENT,
    /** The map promises a value and Freshsales holds none (or the record itself was not found). */
    MISSING,
    /**
     * The record was written where the field cannot be: a Classic lead, whose module the account gave no such field
     * (the mapper left the field out of the write, with a note). Not a difference: nothing could hold the value.
     */
    NOT_APPLICABLE
}
