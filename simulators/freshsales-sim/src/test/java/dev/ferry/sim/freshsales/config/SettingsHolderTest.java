package dev.ferry.sim.freshsales.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SettingsHolderTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void partialPatchesMergeDeeply() throws Exception {
        SettingsHolder h = new SettingsHolder(new SimSettings());
        h.merge(json.readTree("{\"faults\":{\"latencyMs\":50}}"));
        h.merge(json.readTree("{\"faults\":{\"serverErrorRate\":0.5},\"noteMaxLength\":100}"));
        assertThat(h.get().faults.latencyMs).isEqualTo(50);
        assertThat(h.get().faults.serverErrorRate).isEqualTo(0.5);
        assertThat(h.get().noteMaxLength).isEqualTo(100);
    }

    @Test
    void aPlanSetsItsPresetUnlessLimitsComeAlong() throws Exception {
        SettingsHolder h = new SettingsHolder(new SimSettings());
        h.merge(json.readTree("{\"plan\":\"forest\"}"));
        assertThat(h.get().perHourLimit).isEqualTo(5000);
        assertThat(h.get().perMinuteLimit).isEqualTo(400);
        h.merge(json.readTree("{\"plan\":\"estate\",\"perHourLimit\":7}"));
        assertThat(h.get().perHourLimit).isEqualTo(7);
        h.merge(json.readTree("{\"plan\":\"blossom\"}"));
        assertThat(h.get().perHourLimit).isEqualTo(1000);
    }

    @Test
    void invalidSettingsAreRejectedAndLeaveTheOldOnes() throws Exception {
        SettingsHolder h = new SettingsHolder(new SimSettings());
        assertThatThrownBy(() -> h.merge(json.readTree("{\"faults\":{\"serverErrorRate\":2}}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.merge(json.readTree("{\"plan\":\"bonsai\"}"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.merge(json.readTree("{\"noSuchKey\":1}"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(h.get().faults.serverErrorRate).isZero();
        h.resetToInitial();
        assertThat(h.get().plan).isEqualTo("garden");
    }
}
