package dev.ferry.sim.dentes.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sim.dentes.datagen.model.DatasetLayout;
import org.junit.jupiter.api.Test;

class DatasetLayoutTest {

    @Test
    void moduleRecordFilesMapToTheirApiPath() {
        assertThat(DatasetLayout.fileName("custom-modules/lab-work/records")).isEqualTo("custom-modules.lab-work.records.jsonl");
        assertThat(DatasetLayout.resourceOfFile("custom-modules.lab-work.records.jsonl")).contains("custom-modules/lab-work/records");
        assertThat(DatasetLayout.resourceOfFile("custom-modules.jsonl")).contains("custom-modules");
        assertThat(DatasetLayout.resourceOfFile("patients.jsonl")).contains("patients");
        assertThat(DatasetLayout.resourceOfFile("manifest.json")).isEmpty();
        assertThat(DatasetLayout.resourceOfFile("freshsales-users.json")).isEmpty();
        assertThat(DatasetLayout.resourceOfFile("notes.jsonl")).isEmpty();
        assertThat(DatasetLayout.moduleKeyOf("custom-modules/imaging/records")).contains("imaging");
        assertThat(DatasetLayout.moduleKeyOf("custom-modules")).isEmpty();
    }
}
