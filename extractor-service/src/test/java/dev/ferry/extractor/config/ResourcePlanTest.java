package dev.ferry.extractor.config;

import static dev.ferry.contracts.SourceResource.APPOINTMENTS;
import static dev.ferry.contracts.SourceResource.CLINICS;
import static dev.ferry.contracts.SourceResource.PATIENTS;
import static dev.ferry.contracts.SourceResource.PRACTITIONERS;
import static dev.ferry.contracts.SourceResource.TREATMENT_CASES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dependency levels come from configuration data, and bad data fails at start-up with a reason. */
class ResourcePlanTest {

    private static final Map<String, List<String>> DEPENDS = Map.of(
            "patients", List.of("practitioners", "clinics"),
            "treatment-cases", List.of("patients"),
            "appointments", List.of("patients", "treatment-cases"));

    @Test
    void theDefaultResourcesFormTwoLevels() {
        ResourceCatalog catalog = new ResourceCatalog(List.of("practitioners", "clinics", "patients"), DEPENDS,
                Map.of());

        ResourcePlan plan = catalog.plan(List.of());

        assertThat(plan.levels()).containsExactly(List.of(PRACTITIONERS, CLINICS), List.of(PATIENTS));
        assertThat(plan.levelOf(PATIENTS)).isEqualTo(1);
    }

    @Test
    void moreResourcesAreMoreDataNotMoreCode() {
        ResourceCatalog catalog = new ResourceCatalog(List.of("practitioners"), DEPENDS, Map.of());

        ResourcePlan plan = catalog.plan(List.of("appointments", "treatment-cases", "patients", "clinics",
                "practitioners"));

        assertThat(plan.levels()).containsExactly(List.of(CLINICS, PRACTITIONERS), List.of(PATIENTS),
                List.of(TREATMENT_CASES), List.of(APPOINTMENTS));
    }

    @Test
    void dependenciesThatAreNotRequestedAreLeftOut() {
        ResourceCatalog catalog = new ResourceCatalog(List.of("patients"), DEPENDS, Map.of());

        assertThat(catalog.plan(List.of("patients")).levels()).containsExactly(List.of(PATIENTS));
    }

    @Test
    void aCycleIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new ResourceCatalog(List.of("patients"),
                Map.of("patients", List.of("clinics"), "clinics", List.of("patients")), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle");
    }

    @Test
    void unknownNamesAreRefusedWithTheSettingThatHoldsThem() {
        assertThatThrownBy(() -> new ResourceCatalog(List.of("patients", "patiens"), Map.of(), Map.of()))
                .isInstanceOf(ResourceCatalog.UnknownResourceException.class)
                .hasMessageContaining("ferry.extractor.resources").hasMessageContaining("patiens");
        ResourceCatalog catalog = new ResourceCatalog(List.of("patients"), Map.of(), Map.of());
        assertThatThrownBy(() -> catalog.plan(List.of("dentists")))
                .isInstanceOf(ResourceCatalog.UnknownResourceException.class);
    }

    @Test
    void aTenantPathCanDifferFromTheContractName() {
        ResourceCatalog catalog = new ResourceCatalog(List.of("patients"), Map.of(), Map.of("patients", "hastalar"));

        assertThat(catalog.pathOf(PATIENTS)).isEqualTo("hastalar");
        assertThat(catalog.pathOf(CLINICS)).isEqualTo("clinics");
    }
}
