package dev.ferry.sim.dentes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.sim.dentes.datagen.GeneratorOptions;
import dev.ferry.sim.dentes.datagen.PracticeGenerator;
import dev.ferry.sim.dentes.datagen.model.DatasetLayout;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an extractor does: walk every resource page by page, in full and from an updated_since watermark, and find
 * every record of the dataset files exactly once, byte for byte.
 */
@QuarkusTest
class WalkEveryResourceTest extends SandboxTestSupport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyRecordExactlyOnceInFullAndDeltaWalks() throws Exception {
        Path dir = tempDir("walk");
        PracticeGenerator.generate(GeneratorOptions.of(300, 17, dir));
        given().post("/_sim/dataset?path=" + dir).then().statusCode(200);

        List<String> resources;
        try (Stream<Path> files = Files.list(dir)) {
            resources = files.map(f -> DatasetLayout.resourceOfFile(f.getFileName().toString()))
                    .flatMap(java.util.Optional::stream).sorted().toList();
        }
        assertThat(resources).hasSize(16).contains("custom-modules/imaging/records", "attachments", "integrations");
        int walked = 0;
        for (String resource : resources) {
            Map<String, JsonNode> file = new HashMap<>();
            for (String line : Files.readAllLines(dir.resolve(DatasetLayout.fileName(resource)))) {
                JsonNode r = MAPPER.readTree(line);
                file.put(r.path("id").asText(), r);
            }

            List<JsonNode> all = walk(resource, null, true);
            assertThat(all.stream().map(r -> r.path("id").asText()).toList())
                    .as(resource + ": every record once").doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(file.keySet());
            for (JsonNode r : all) {
                assertThat(r).as(resource + " " + r.path("id")).isEqualTo(file.get(r.path("id").asText()));
            }
            assertOrdered(resource, all);

            Set<String> live = file.values().stream().filter(r -> !r.path("deleted").asBoolean(false))
                    .map(r -> r.path("id").asText()).collect(Collectors.toSet());
            assertThat(walk(resource, null, false).stream().map(r -> r.path("id").asText()).toList())
                    .as(resource + ": live walk").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(live);

            if (!all.isEmpty()) {
                String since = all.get(all.size() / 2).path("updated_at").asText();
                OffsetDateTime watermark = OffsetDateTime.parse(since);
                Set<String> expected = file.values().stream()
                        .filter(r -> !OffsetDateTime.parse(r.path("updated_at").asText()).isBefore(watermark))
                        .map(r -> r.path("id").asText()).collect(Collectors.toSet());
                List<JsonNode> delta = walk(resource, since, true);
                assertThat(delta.stream().map(r -> r.path("id").asText()).toList())
                        .as(resource + ": delta from " + since).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertOrdered(resource, delta);
            }
            walked += all.size();
        }
        assertThat(walked).isGreaterThan(3000);
    }

    private static List<JsonNode> walk(String resource, String since, boolean includeDeleted) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        long totalPages = Long.MAX_VALUE;
        for (int page = 1; page <= totalPages; page++) {
            var req = api().queryParam("per_page", 37).queryParam("page", page)
                    .queryParam("include_deleted", includeDeleted);
            if (since != null) {
                req = req.queryParam("updated_since", since);
            }
            String body = req.get("/api/v1/" + resource).then().statusCode(200).extract().asString();
            JsonNode json = MAPPER.readTree(body);
            json.path("data").forEach(out::add);
            totalPages = json.path("meta").path("total_pages").asLong();
            assertThat(json.path("meta").path("page").asInt()).isEqualTo(page);
        }
        return out;
    }

    private static void assertOrdered(String resource, List<JsonNode> records) {
        for (int i = 1; i < records.size(); i++) {
            JsonNode a = records.get(i - 1);
            JsonNode b = records.get(i);
            int byTime = OffsetDateTime.parse(a.path("updated_at").asText())
                    .compareTo(OffsetDateTime.parse(b.path("updated_at").asText()));
            assertThat(byTime < 0 || (byTime == 0 && a.path("id").asText().compareTo(b.path("id").asText()) < 0))
                    .as(resource + ": " + a.path("id") + " before " + b.path("id")).isTrue();
        }
    }
}
