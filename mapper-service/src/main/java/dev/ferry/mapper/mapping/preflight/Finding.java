package dev.ferry.mapper.mapping.preflight;

/**
 * One thing preflight found: what it is about, whether it blocks a full run, and what a person does about it. Names
 * fields, stages, staff and counts; never a patient's value.
 *
 * @param check {@code fields}, {@code stages}, {@code owners}, {@code storage}, {@code budget} or {@code map}
 * @param blocking the full run must not start while this stands
 * @param subject what it is about ({@code contacts.cf_allergies}, {@code Treatment Plans / Invoiced}, {@code PR-7})
 * @param problem what is wrong (or, for a non-blocking finding, what is worth knowing)
 * @param action what to do; for a non-blocking finding, what follows if nothing is done
 */
public record Finding(String check, boolean blocking, String subject, String problem, String action) {

    public static Finding block(String check, String subject, String problem, String action) {
        return new Finding(check, true, subject, problem, action);
    }

    public static Finding note(String check, String subject, String problem, String action) {
        return new Finding(check, false, subject, problem, action);
    }
}
