package dev.ferry.mapper.mapping.spec;

/**
 * How an attachment maps ({@link MappingAction#ATTACHMENT}, issue 10): a Freshsales document linked to the record the
 * attachment belongs to, by its {@code owner_type}: a patient's contact, a case's deal, or a clinical note's parent
 * (the case's deal when the note names a case the run maps, else the patient's contact: where the note itself goes).
 * The document's file name is {@code [Dr.DENTES attachments <id>] <file name>}: traceability, and the key the loader
 * finds the document again by on its parent.
 *
 * @param ownerType source path of the owner's type ({@code PATIENT}, {@code TREATMENT_CASE}, {@code CLINICAL_NOTE})
 * @param patient reference to the owner when it is a patient (its contact is the parent)
 * @param treatmentCase reference to the owner when it is a case (its deal is the parent)
 * @param note reference to the owner when it is a clinical note
 * @param notePatient the note's field naming its patient (kept by the source index as a fact of each note)
 * @param noteCase the note's field naming its case (likewise)
 * @param fileName source path of the file name
 * @param contentType source path of the content type
 * @param size source path of the size in bytes
 * @param sha256 source path of the SHA-256 (hex)
 * @param maxBytes the target's per-file limit in bytes (Freshsales documents 150 MB, reference 5.13)
 * @param tooLargeRule the rule that rejects a file over the limit
 * @param invalidRule the rule that rejects an attachment whose owner type, size or sha256 is unusable
 */
public record AttachmentRule(SourcePath ownerType, FieldRule patient, FieldRule treatmentCase, FieldRule note,
        String notePatient, String noteCase, SourcePath fileName, SourcePath contentType, SourcePath size,
        SourcePath sha256, long maxBytes, String tooLargeRule, String invalidRule) {
}
