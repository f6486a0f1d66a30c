package dev.ferry.extractor.sample;

import java.util.List;
import java.util.Map;

/**
 * A record the sample may start from (a treatment case, an appointment), with the values it is stratified by and the
 * records it links to. Values only, never content: the dimensions are codes and ids (treatment type, stage, type, the
 * practitioner's id).
 *
 * @param ref the record
 * @param dimensions dimension name to value ({@code treatment_type -> ORTHODONTICS}, {@code owner -> PR-7}); a
 *     missing value is left out
 * @param parents the records its links need (patient, clinic, practitioner, products)
 */
public record SampleCandidate(SampleRef ref, Map<String, String> dimensions, List<SampleRef> parents) {
    public SampleCandidate {
        dimensions = Map.copyOf(dimensions);
        parents = List.copyOf(parents);
    }
}
