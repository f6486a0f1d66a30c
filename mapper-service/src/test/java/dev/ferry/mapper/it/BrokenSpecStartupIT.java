package dev.ferry.mapper.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.testsupport.FerryInfrastructure;
import dev.ferry.testsupport.PostgresEndpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service refuses to start with a broken mapping spec, and says why: started as an operator would
 * start it ({@code java -jar target/quarkus-app/quarkus-run.jar}), with the real database and broker available, so
 * the only thing wrong is the spec.
 */
class BrokenSpecStartupIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @Test
    void aBrokenSpecStopsTheServiceWithAClearMessage(@TempDir Path dir) throws Exception {
        assertThat(JAR).as("the packaged service (mvn package runs before the ITs)").exists();
        Path spec = dir.resolve("dentes-freshsales.v1.yaml");
        Files.writeString(spec, Fixtures.resource("mapping/dentes-freshsales.v1.yaml")
                .replace("transforms: [phone]", "transforms: [phonee]")
                .replace("{lookup: industry_types}", "{lookup: industries}"));
        String schema = "mapper_" + UUID.randomUUID().toString().substring(0, 8);
        FerryInfrastructure.createSchema(schema);
        PostgresEndpoint pg = FerryInfrastructure.postgres();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dferry.mapper.specs=" + spec, "-Dquarkus.http.port=0",
                "-Dquarkus.datasource.jdbc.url=" + pg.jdbcUrl(), "-Dquarkus.datasource.username=" + pg.user(),
                "-Dquarkus.datasource.password=" + pg.password(), "-Dquarkus.flyway.schemas=" + schema,
                "-Dquarkus.flyway.default-schema=" + schema,
                "-Dkafka.bootstrap.servers=" + FerryInfrastructure.kafkaBootstrapServers(),
                "-Dferry.mapper.loader-url=http://127.0.0.1:9"));
        // Its own topics and groups: even a service that started by mistake would touch nobody's messages.
        String prefix = "mapper-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        for (String channel : MapperTopicsResource.INCOMING) {
            command.add("-Dmp.messaging.incoming." + channel + ".topic=" + prefix + channel);
            command.add("-Dmp.messaging.incoming." + channel + ".group.id=" + prefix + channel);
        }
        for (String channel : MapperTopicsResource.OUTGOING) {
            command.add("-Dmp.messaging.outgoing." + channel + ".topic=" + prefix + channel);
        }
        command.addAll(List.of("-jar", JAR.toString()));
        Path log = dir.resolve("out.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the service exits by itself").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(output).isNotZero();
            assertThat(output).contains("Failed to start")
                    .contains("Mapping spec " + spec + " is invalid (4 problems)")
                    .contains("mappings.clinics.fields[1] (to: phone).transforms[0]: unknown transform 'phonee'")
                    .contains("target list 'industries'")
                    .as("the spec is checked before any consumer polls").doesNotContain("SRMSG18257");
        } finally {
            process.destroyForcibly();
            FerryInfrastructure.dropSchema(schema);
        }
    }

}
