package dev.ferry.mapper.mapping;

/**
 * Everything outside the record that mapping it depends on. Within one run all of it is fixed (the metadata snapshot,
 * the completed indexes), which is what makes the result of mapping a record deterministic.
 *
 * @param runId the run
 * @param mappingVersion the spec version
 * @param target the target account's metadata for this run
 * @param references the source index
 * @param owners practitioner matches
 * @param unique holders of unique values
 * @param fallback the default owner
 * @param edition Suite or Classic
 * @param phoneRegion default phone region
 * @param decisions what became of the records this one links to
 * @param noteMaxLength the account's note length limit when configured ({@code ferry.mapper.note-max-length}),
 *     overriding the spec's {@code max-length}; null for the spec's
 * @param documentMaxBytes the account's per-file limit when configured ({@code ferry.mapper.document-max-bytes}),
 *     overriding the spec's {@code max-bytes}; null for the spec's
 */
public record MappingContext(String runId, String mappingVersion, TargetView target, ReferenceIndex references,
        OwnerDirectory owners, UniqueIndex unique, OwnerFallback fallback, Edition edition, String phoneRegion,
        ParentDecisions decisions, Integer noteMaxLength, Long documentMaxBytes) {

    public MappingContext(String runId, String mappingVersion, TargetView target, ReferenceIndex references,
            OwnerDirectory owners, UniqueIndex unique, OwnerFallback fallback, Edition edition, String phoneRegion,
            ParentDecisions decisions, Integer noteMaxLength) {
        this(runId, mappingVersion, target, references, owners, unique, fallback, edition, phoneRegion, decisions,
                noteMaxLength, null);
    }

    public MappingContext(String runId, String mappingVersion, TargetView target, ReferenceIndex references,
            OwnerDirectory owners, UniqueIndex unique, OwnerFallback fallback, Edition edition, String phoneRegion,
            ParentDecisions decisions) {
        this(runId, mappingVersion, target, references, owners, unique, fallback, edition, phoneRegion, decisions,
                null);
    }

    public MappingContext(String runId, String mappingVersion, TargetView target, ReferenceIndex references,
            OwnerDirectory owners, UniqueIndex unique, OwnerFallback fallback, Edition edition, String phoneRegion) {
        this(runId, mappingVersion, target, references, owners, unique, fallback, edition, phoneRegion,
                ParentDecisions.ALL_MAPPED);
    }
}
