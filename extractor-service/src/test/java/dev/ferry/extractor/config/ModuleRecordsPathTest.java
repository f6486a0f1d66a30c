package dev.ferry.extractor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.contracts.SourceResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a custom module's records are read: the contract's template by default, a tenant's when configured. */
class ModuleRecordsPathTest {

    @Test
    void theContractsTemplateIsTheDefault() {
        ResourceCatalog catalog = new ResourceCatalog(List.of("patients"), Map.of(), Map.of());

        assertThat(catalog.pathOf(SourceResource.CUSTOM_MODULE_RECORDS)).isEqualTo("custom-modules/{key}/records");
        assertThat(ModuleRecordsPath.of(catalog.pathOf(SourceResource.CUSTOM_MODULE_RECORDS), "lab-work"))
                .isEqualTo("custom-modules/lab-work/records");
        assertThat(catalog.pathOf(SourceResource.CUSTOM_MODULES)).isEqualTo("custom-modules");
    }

    @Test
    void aTenantTemplateIsHonouredAndKeysAreEncodedAsPathSegments() {
        ResourceCatalog catalog = new ResourceCatalog(List.of("patients"), Map.of(),
                Map.of("custom-module-records", "moduller/{key}/kayitlar"));

        String template = catalog.pathOf(SourceResource.CUSTOM_MODULE_RECORDS);
        assertThat(ModuleRecordsPath.of(template, "imaging")).isEqualTo("moduller/imaging/kayitlar");
        assertThat(ModuleRecordsPath.of(template, "röntgen notları")).isEqualTo("moduller/r%C3%B6ntgen%20notlar%C4%B1/kayitlar");
    }

    @Test
    void aTemplateWithoutThePlaceholderFailsTheStartUp() {
        assertThatThrownBy(() -> new ResourceCatalog(List.of("patients"), Map.of(),
                Map.of("custom-module-records", "custom-modules/records")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ferry.extractor.dentes.paths.custom-module-records")
                .hasMessageContaining("{key}");
    }
}
