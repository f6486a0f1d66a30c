package dev.ferry.sim.dentes;

import static io.restassured.RestAssured.given;

import dev.ferry.sim.dentes.service.SimClock;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** Every sandbox test starts from the fixture dataset, start-up settings, empty stats and the system clock. */
abstract class SandboxTestSupport {

    static final String TOKEN = "dentes-sandbox-token";

    @Inject
    SimClock clock;

    @BeforeEach
    void backToStart() {
        clock.useSystem();
        given().post("/_sim/reset").then().statusCode(200);
    }

    @AfterEach
    void systemClock() {
        clock.useSystem();
    }

    /** A temporary folder removed when the test JVM exits. */
    static java.nio.file.Path tempDir(String prefix) throws java.io.IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException | java.io.UncheckedIOException e) {
                // best effort
            }
        }));
        return dir;
    }

    static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + TOKEN);
    }

    static void putConfig(String json) {
        given().contentType("application/json").body(json).put("/_sim/config").then().statusCode(200);
    }
}
