package dev.ferry.mapper.mapping.spec;

/**
 * How a clinical note maps ({@link MappingAction#NOTE}): a Freshsales note on the patient's contact, or on the case's
 * deal when the note names a case the run maps; the first line names the source record and its title; a header of
 * labelled lines (the mapping's {@code text} rule named {@code header}: author, original time, type, voice capture,
 * attachments) and the body follow; a text longer than {@code maxLength} is split into numbered parts
 * ({@link dev.ferry.mapper.mapping.text.NoteParts}).
 *
 * @param patient the reference to the patient (its contact is the note's parent)
 * @param treatmentCase the optional reference to the case (its deal is the parent when the case is mapped)
 * @param title source path of the note's title (first line)
 * @param body source path of the note's body
 * @param maxLength the longest description the account accepts, in characters
 * @param bodyRule the rule that rejects a note without a body
 */
public record NoteRule(FieldRule patient, FieldRule treatmentCase, SourcePath title, SourcePath body, int maxLength,
        String bodyRule) {
}
