package dev.ferry.mapper.it;

import dev.ferry.testsupport.security.TestTokens;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.launcher.ChildJvm;
import dev.ferry.launcher.PackagedApp;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.PostgresEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service refuses to start with a broken mapping spec, and says why: started as an operator would
 * start it (the fast-jar, through the launcher), with the real database and broker available, so
 * the only thing wrong is the spec.
 */
class BrokenSpecStartupIT {

    @Test
    void aBrokenSpecStopsTheServiceWithAClearMessage(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("dentes-freshsales.v1.yaml");
        Files.writeString(spec, Fixtures.resource("mapping/dentes-freshsales.v1.yaml")
                .replace("transforms: [phone]", "transforms: [phonee]")
                .replace("{lookup: industry_types}", "{lookup: industries}"));
        String schema = "mapper_" + UUID.randomUUID().toString().substring(0, 8);
        FerryInfrastructure.createSchema(schema);
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        ChildJvm.Builder mapper = PackagedApp.MAPPER.jvm("mapper").logFile(dir.resolve("out.log"))
                .systemProperties(TestTokens.packagedServiceProperties())
                .systemProperty("ferry.mapper.specs", spec.toString()).systemProperty("quarkus.http.port", "0")
                .systemProperty("quarkus.datasource.jdbc.url", pg.jdbcUrl())
                .systemProperty("quarkus.flyway.schemas", schema).systemProperty("quarkus.flyway.default-schema", schema)
                .systemProperty("kafka.bootstrap.servers", FerryInfrastructure.kafkaBootstrapServers())
                .systemProperty("ferry.mapper.loader-url", "http://127.0.0.1:9")
                .systemProperty("quarkus.datasource.username", pg.user())
                .systemProperty("quarkus.datasource.password", pg.password());
        // Its own topics and groups: even a service that started by mistake would touch nobody's messages.
        String prefix = "mapper-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        for (String channel : MapperTopicsResource.INCOMING) {
            mapper.systemProperty("mp.messaging.incoming." + channel + ".topic", prefix + channel);
            mapper.systemProperty("mp.messaging.incoming." + channel + ".group.id", prefix + channel);
        }
        for (String channel : MapperTopicsResource.OUTGOING) {
            mapper.systemProperty("mp.messaging.outgoing." + channel + ".topic", prefix + channel);
        }
        ChildJvm process = mapper.build().start();
        try {
            assertThat(process.awaitExit(Duration.ofSeconds(60))).as("the service exits by itself").isTrue();
            String output = process.log();
            assertThat(process.exitCode()).as(output).isNotZero();
            assertThat(output).contains("Failed to start")
                    .contains("Mapping spec " + spec + " is invalid (4 problems)")
                    .contains("mappings.clinics.fields[1] (to: phone).transforms[0]: unknown transform 'phonee'")
                    .contains("target list 'industries'")
                    .as("the spec is checked before any consumer polls").doesNotContain("SRMSG18257");
        } finally {
            process.kill();
            FerryInfrastructure.dropSchema(schema);
        }
    }

}
