package dev.ferry.extractor.sample;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.SourceResource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Stratified, bounded, with every parent its links need, and the same sample for the same tenant. */
class SampleSelectionTest {

    private static final List<String> TYPES = List.of("PREVENTIVE", "RESTORATIVE", "ENDODONTICS", "PERIODONTICS",
            "PROSTHODONTICS", "IMPLANT", "ORTHODONTICS", "ORAL_SURGERY", "COSMETIC", "PEDIATRIC");
    private static final List<String> STAGES = List.of("NEW", "IN_TREATMENT", "AWAITING_PAYMENT", "COMPLETED",
            "CANCELLED");
    private static final List<String> APPOINTMENT_TYPES = List.of("CHECKUP", "CLEANING", "TREATMENT", "CONSULTATION",
            "EMERGENCY");

    /** A tenant: clinics (C-3's parent is C-1), practitioners, patients, cases, appointments; skewed like a real one. */
    static final class Tenant {
        final Map<SampleRef, List<SampleRef>> parents = new HashMap<>();
        final List<SampleCandidate> candidates = new ArrayList<>();

        Tenant(int patients, int cases, int appointments) {
            Random random = new Random(7);
            parents.put(ref(SourceResource.CLINICS, "C-3"), List.of(ref(SourceResource.CLINICS, "C-1")));
            for (int p = 0; p < patients; p++) {
                parents.put(ref(SourceResource.PATIENTS, "P-" + p), List.of(ref(SourceResource.CLINICS,
                        "C-" + (1 + p % 3)), ref(SourceResource.PRACTITIONERS, "PR-" + (p % 6))));
            }
            for (int c = 0; c < cases; c++) {
                int p = random.nextInt(patients);
                // Skewed: most cases are restorative and completed; the rare values must still be sampled.
                String type = random.nextInt(10) < 7 ? "RESTORATIVE" : TYPES.get(random.nextInt(TYPES.size()));
                String stage = random.nextInt(10) < 8 ? "COMPLETED" : STAGES.get(random.nextInt(STAGES.size()));
                String owner = "PR-" + random.nextInt(6);
                candidates.add(new SampleCandidate(ref(SourceResource.TREATMENT_CASES, "TC-" + c),
                        Map.of("treatment_type", type, "stage", stage, "owner", owner),
                        List.of(ref(SourceResource.PATIENTS, "P-" + p), ref(SourceResource.CLINICS, "C-" + (1 + p % 3)),
                                ref(SourceResource.PRACTITIONERS, owner),
                                ref(SourceResource.PRODUCTS, "PRD-" + random.nextInt(40)))));
            }
            for (int a = 0; a < appointments; a++) {
                int p = random.nextInt(patients);
                String owner = "PR-" + random.nextInt(6);
                candidates.add(new SampleCandidate(ref(SourceResource.APPOINTMENTS, "A-" + a),
                        Map.of("type", APPOINTMENT_TYPES.get(random.nextInt(5)), "owner", owner),
                        List.of(ref(SourceResource.PATIENTS, "P-" + p), ref(SourceResource.CLINICS, "C-" + (1 + p % 3)),
                                ref(SourceResource.PRACTITIONERS, owner))));
            }
        }

        SampleSelection.Result sample(int size) {
            return new SampleSelection(size, r -> parents.getOrDefault(r, List.of())).select(candidates);
        }
    }

    private static SampleRef ref(SourceResource r, String id) {
        return new SampleRef(r, id);
    }

    private final Tenant tenant = new Tenant(2_000, 4_000, 6_000);

    @Test
    void everyTreatmentTypeStageOwnerAndAppointmentTypeIsSampledWithinTheSize() {
        SampleSelection.Result r = tenant.sample(300);

        assertThat(r.uncovered()).isEmpty();
        assertThat(r.size()).isLessThanOrEqualTo(300).isGreaterThan(280);
        Set<SampleRef> in = r.records().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(id -> ref(e.getKey(), id))).collect(Collectors.toSet());
        Map<String, Set<String>> seen = new HashMap<>();
        for (SampleCandidate c : tenant.candidates) {
            if (in.contains(c.ref())) {
                c.dimensions().forEach((d, v) -> seen.computeIfAbsent(c.ref().resource().path() + "/" + d,
                        k -> new java.util.TreeSet<>()).add(v));
            }
        }
        assertThat(seen.get("treatment-cases/treatment_type")).containsExactlyInAnyOrderElementsOf(TYPES);
        assertThat(seen.get("treatment-cases/stage")).containsExactlyInAnyOrderElementsOf(STAGES);
        assertThat(seen.get("treatment-cases/owner")).hasSize(6);
        assertThat(seen.get("appointments/type")).containsExactlyInAnyOrderElementsOf(APPOINTMENT_TYPES);
        assertThat(r.records()).containsKeys(SourceResource.TREATMENT_CASES, SourceResource.APPOINTMENTS);
    }

    @Test
    void everySampledRecordComesWithTheParentsItsLinksNeed() {
        SampleSelection.Result r = tenant.sample(300);
        Set<SampleRef> in = r.records().entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(id -> ref(e.getKey(), id))).collect(Collectors.toSet());

        for (SampleCandidate c : tenant.candidates) {
            if (in.contains(c.ref())) {
                assertThat(in).containsAll(c.parents());
                c.parents().forEach(p -> assertThat(in).containsAll(tenant.parents.getOrDefault(p, List.of())));
            }
        }
        assertThat(in).as("C-3's parent clinic comes along").contains(ref(SourceResource.CLINICS, "C-1"));
    }

    @Test
    void theRareStrataAreNotCrowdedOutByTheCommonOne() {
        SampleSelection.Result r = tenant.sample(400);
        Map<String, Long> byType = tenant.candidates.stream()
                .filter(c -> r.records().getOrDefault(c.ref().resource(), Set.of()).contains(c.ref().id()))
                .filter(c -> c.ref().resource() == SourceResource.TREATMENT_CASES)
                .collect(Collectors.groupingBy(c -> c.dimensions().get("treatment_type"), Collectors.counting()));

        // 70% of the tenant's cases are restorative; a random sample would hold about 4 of each other type.
        long restorative = byType.get("RESTORATIVE");
        byType.forEach((type, n) -> assertThat(n).as(type).isGreaterThanOrEqualTo(restorative / 4));
    }

    @Test
    void theSameTenantGivesTheSameSample() {
        assertThat(tenant.sample(300).records()).isEqualTo(new Tenant(2_000, 4_000, 6_000).sample(300).records());
    }

    @Test
    void aSizeTooSmallForEveryValueSaysWhichAreLeftOutAndIsNeverExceeded() {
        SampleSelection.Result r = tenant.sample(12);

        assertThat(r.size()).isLessThanOrEqualTo(12);
        assertThat(r.uncovered()).isNotEmpty().allMatch(v -> v.matches("[a-z-]+/[a-z_]+=[A-Z0-9_-]+"));
    }
}
