package dev.ferry.extractor.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.SourceResource;
import dev.ferry.extractor.client.DentesCallFailed;
import dev.ferry.extractor.client.DentesPage;
import dev.ferry.extractor.client.PageQuery;
import dev.ferry.extractor.client.PageSource;
import dev.ferry.sourcetext.EmailAddresses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads what a sample is chosen from (issue 11 step 4), through the extractor's own {@link PageSource} (its
 * concurrency cap, 429 gate and retries): the candidates (patients, treatment cases, appointments) with the codes
 * they are stratified by, and the links of their parents (a patient's clinic and practitioner, a clinic's parent
 * clinic). Keeps ids and codes only, never a record's content; soft-deleted records are never sampled.
 *
 * <p>Stratified by: a patient's treatment type and practitioner; a case's treatment type, stage and practitioner
 * (its owner); an appointment's type (the activity type) and practitioner. The parents a link needs: the patient,
 * clinic and practitioner a record names, and the products a case's procedures name.
 *
 * <p>A patient also comes with every patient sharing its e-mail address (a family): the mapper gives a shared address
 * to the lowest id among the records it has seen, so a sample holding only part of a family gave the address to a
 * member a full run does not, and the full run after the sample then failed the real keeper with Freshsales'
 * "Email has already been taken" (demo of 2026-12-06, P-000043). With the whole family in the sample, the sample
 * decides the keeper exactly as the full run does. E-mail is the only unique rule on a sampled resource of the
 * embedded map; a map that adds another one must add it here too.
 */
public final class SampleCandidates {

    /** The resources a sample run extracts: the candidates and every parent their links can need. */
    public static final List<SourceResource> RESOURCES = List.of(SourceResource.PRACTITIONERS, SourceResource.CLINICS,
            SourceResource.PATIENTS, SourceResource.PRODUCTS, SourceResource.TREATMENT_CASES,
            SourceResource.APPOINTMENTS);

    private final PageSource source;
    private final Function<SourceResource, String> pathOf;
    private final int pageSize;
    private final List<SampleCandidate> candidates = new ArrayList<>();
    private final Map<SampleRef, List<SampleRef>> parents = new HashMap<>();

    public SampleCandidates(PageSource source, Function<SourceResource, String> pathOf, int pageSize) {
        this.source = source;
        this.pathOf = pathOf;
        this.pageSize = pageSize;
    }

    /**
     * Reads the tenant and chooses the sample. A link to a record the tenant does not have (a dangling reference, or a
     * soft-deleted parent) names no parent: the run maps it as a full run would, and it takes no place in the sample.
     */
    public SampleSelection.Result select(int size) throws DentesCallFailed, InterruptedException {
        Set<SampleRef> known = new HashSet<>();
        readAll(SourceResource.PRACTITIONERS, r -> known.add(ref(SourceResource.PRACTITIONERS, r)));
        readAll(SourceResource.PRODUCTS, r -> known.add(ref(SourceResource.PRODUCTS, r)));
        readAll(SourceResource.CLINICS, r -> {
            known.add(ref(SourceResource.CLINICS, r));
            parents.put(ref(SourceResource.CLINICS, r), links(r, SourceResource.CLINICS, "parent_clinic_id"));
        });
        Map<String, List<SampleRef>> families = new HashMap<>();
        readAll(SourceResource.PATIENTS, r -> {
            SampleRef patient = ref(SourceResource.PATIENTS, r);
            known.add(patient);
            List<SampleRef> up = links(r, SourceResource.CLINICS, "clinic_id");
            up.addAll(links(r, SourceResource.PRACTITIONERS, "primary_practitioner_id"));
            parents.put(patient, up);
            candidates.add(new SampleCandidate(patient,
                    dimensions(r, "treatment_type", "treatment_type", "owner", "primary_practitioner_id"), up));
            String email = text(r, "email");
            String key = email == null ? null : EmailAddresses.normalise(email);
            if (key != null) {
                families.computeIfAbsent(key, k -> new ArrayList<>()).add(patient);
            }
        });
        linkFamilies(families);
        readAll(SourceResource.TREATMENT_CASES, r -> {
            List<SampleRef> up = commonLinks(r);
            for (JsonNode p : r.path("procedures")) {
                up.addAll(links(p, SourceResource.PRODUCTS, "product_id"));
            }
            candidates.add(new SampleCandidate(ref(SourceResource.TREATMENT_CASES, r),
                    dimensions(r, "treatment_type", "treatment_type", "stage", "stage", "owner", "practitioner_id"),
                    up.stream().distinct().toList()));
        });
        readAll(SourceResource.APPOINTMENTS, r -> candidates.add(new SampleCandidate(
                ref(SourceResource.APPOINTMENTS, r), dimensions(r, "type", "type", "owner", "practitioner_id"),
                commonLinks(r))));
        List<SampleCandidate> usable = new ArrayList<>();
        for (SampleCandidate c : candidates) {
            usable.add(new SampleCandidate(c.ref(), c.dimensions(),
                    c.parents().stream().filter(known::contains).toList()));
        }
        return new SampleSelection(size, p -> parents.getOrDefault(p, List.of()).stream().filter(known::contains)
                .toList()).select(usable);
    }

    /**
     * Each member of a family (patients sharing an address) needs the others: taking one takes all, as a parent is
     * taken with its child. The lists are the ones {@link #parents} and the candidates hold.
     */
    private void linkFamilies(Map<String, List<SampleRef>> families) {
        for (List<SampleRef> family : families.values()) {
            if (family.size() < 2) {
                continue;
            }
            for (SampleRef member : family) {
                List<SampleRef> up = parents.get(member);
                family.stream().filter(other -> !other.equals(member)).forEach(up::add);
            }
        }
    }

    private static List<SampleRef> commonLinks(JsonNode r) {
        List<SampleRef> up = links(r, SourceResource.PATIENTS, "patient_id");
        up.addAll(links(r, SourceResource.CLINICS, "clinic_id"));
        up.addAll(links(r, SourceResource.PRACTITIONERS, "practitioner_id"));
        return up;
    }

    private static List<SampleRef> links(JsonNode r, SourceResource to, String field) {
        List<SampleRef> out = new ArrayList<>();
        String id = text(r, field);
        if (id != null) {
            out.add(new SampleRef(to, id));
        }
        return out;
    }

    /** Pairs of (dimension name, source field); a missing value is left out. */
    private static Map<String, String> dimensions(JsonNode r, String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String v = text(r, pairs[i + 1]);
            if (v != null) {
                out.put(pairs[i], v);
            }
        }
        return out;
    }

    private static SampleRef ref(SourceResource resource, JsonNode r) {
        return new SampleRef(resource, text(r, "id"));
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() || v.isContainerNode() || v.asText().isBlank() ? null : v.asText();
    }

    private void readAll(SourceResource resource, Consumer<ObjectNode> each)
            throws DentesCallFailed, InterruptedException {
        String path = pathOf.apply(resource);
        for (int page = 1; ; page++) {
            DentesPage p = source.fetch(new PageQuery(path, page, pageSize, null));
            for (ObjectNode r : p.records()) {
                if (text(r, "id") != null && !r.path("deleted").asBoolean(false)) {
                    each.accept(r);
                }
            }
            if (p.records().isEmpty() || page >= p.meta().totalPages()) {
                return;
            }
        }
    }
}
