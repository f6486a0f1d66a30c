package dev.ferry.mapper.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.mapping.Edition;
import dev.ferry.mapper.mapping.spec.SpecException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What stops the service at start-up besides a broken spec file (that one: SpecCompilerTest, BrokenSpecStartupIT). */
class SpecRegistryTest {

    private static final String V1 = "classpath:mapping/dentes-freshsales.v1.yaml";
    private static final String V2 = "classpath:test-specs/dentes-freshsales.v2.yaml";

    @Test
    void loadsSeveralVersionsAndPicksByVersion() {
        SpecRegistry r = new SpecRegistry(Configs.of(List.of(V1, V2), null, "TR", null));
        assertThat(r.forVersion("dentes-freshsales/v2")).get().extracting(s -> s.version()).isEqualTo("dentes-freshsales/v2");
        assertThat(r.forVersion(null)).get().extracting(s -> s.version()).isEqualTo("dentes-freshsales/v1");
        assertThat(r.forVersion("dentes-freshsales/v9")).isEmpty();
        assertThat(new SpecRegistry(Configs.of(List.of(V1, V2), "dentes-freshsales/v2", "TR", null)).defaultSpec()
                .version()).isEqualTo("dentes-freshsales/v2");
    }

    @Test
    void refusesWhatCannotWork() {
        assertThatThrownBy(() -> new SpecRegistry(Configs.of(List.of(V1, V1), null, "TR", null)))
                .isInstanceOf(SpecException.class).hasMessageContaining("already loaded");
        assertThatThrownBy(() -> new SpecRegistry(Configs.of(List.of(V1), "dentes-freshsales/v3", "TR", null)))
                .hasMessageContaining("default-mapping-version is dentes-freshsales/v3");
        assertThatThrownBy(() -> new SpecRegistry(Configs.of(List.of(V1), null, "XX", null)))
                .hasMessageContaining("phone-region XX");
        assertThatThrownBy(() -> new SpecRegistry(Configs.of(List.of(V1), null, "TR", "front desk")))
                .hasMessageContaining("fallback-owner-email is not an e-mail address");
    }

    /** A MapperConfig with the four keys these tests vary. */
    record Configs(List<String> specs, Optional<String> defaultMappingVersion, String phoneRegion,
            Optional<String> fallbackOwnerEmail) implements MapperConfig {

        static Configs of(List<String> specs, String defaultVersion, String region, String fallback) {
            return new Configs(specs, Optional.ofNullable(defaultVersion), region, Optional.ofNullable(fallback));
        }

        public String loaderUrl() {
            return "http://127.0.0.1:9";
        }

        public Duration metadataTimeout() {
            return Duration.ofSeconds(1);
        }

        public Duration metadataRetry() {
            return Duration.ofSeconds(1);
        }

        public Edition edition() {
            return Edition.SUITE;
        }

        public Duration releaseInterval() {
            return Duration.ofSeconds(5);
        }

        public Optional<Integer> noteMaxLength() {
            return Optional.empty();
        }

        @Override
        public Optional<Long> documentMaxBytes() {
            return Optional.empty();
        }

        public int releaseBatchSize() {
            return 200;
        }

        @Override
        public int releaseParallelism() {
            return 4;
        }

        @Override
        public java.time.Duration outageMaxPause() {
            return java.time.Duration.ofSeconds(30);
        }

        public String dbSchema() {
            return "mapper";
        }

        @Override
        public Preflight preflight() {
            return null; // not read by this test
        }
    }
}
