package dev.ferry.mapper.mapping.spec;

import dev.ferry.contracts.SourceResource;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping spec that passed every check, ready to apply.
 *
 * @param version e.g. {@code dentes-freshsales/v1}; what {@code RunStarted.mappingVersion} names
 * @param location where it was read from
 * @param text the file as written, served back on {@code GET /mapping/specs/{version}}
 * @param sha256 hex digest of the text, so a changed file under an unchanged version is visible
 */
public record CompiledSpec(String version, String source, String target, String description, String location,
        String text, String sha256, Map<SourceResource, ResourceMapping> mappings) {

    public CompiledSpec {
        mappings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(mappings));
    }

    public Optional<ResourceMapping> mappingFor(SourceResource resource) {
        return Optional.ofNullable(mappings.get(resource));
    }

    /**
     * The fields of a resource's records that other mappings compare with ({@code agree-with-parent}): what the
     * source index keeps of each record besides its id and deletion mark. Empty for most resources.
     */
    public java.util.Set<String> factsOf(SourceResource resource) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (ResourceMapping m : mappings.values()) {
            if (m.lineItems() != null && resource == SourceResource.PRODUCTS) {
                // A line item on a retired code is said in the deal's notes.
                out.add("active");
            }
            if (m.module() != null && m.module().definitions() == resource) {
                out.addAll(dev.ferry.mapper.mapping.ModuleDefinition.FACTS);
            }
            if (m.attachment() != null && m.attachment().note().reference().resource() == resource) {
                // An attachment of a note goes where the note went: its patient's contact or its case's deal.
                out.add(m.attachment().notePatient());
                out.add(m.attachment().noteCase());
            }
            for (AgreeRule a : m.agree()) {
                if (a.resource() == resource) {
                    out.add(a.parentField());
                }
            }
        }
        return out;
    }
}
