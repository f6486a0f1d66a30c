package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A report a service makes on request and keeps (a map proposal, a preflight): posted for, written as JSON, and the
 * pages the service renders of it downloaded beside it. What {@code ferry propose} and {@code ferry preflight} both
 * do.
 */
final class ServiceReport {

    /** Where a page's URL holds the report's id. */
    static final String ID = "{id}";

    private ServiceReport() {
    }

    /**
     * Posts {@code body} to {@code url}, writes the answer as {@code jsonFile} into {@code out}, then downloads each
     * page: file name, URL with {@link #ID} for the answer's {@code idField}.
     *
     * @return the answer
     * @throws IllegalStateException the service refused or did not answer
     */
    static JsonNode write(JsonHttp http, String url, JsonNode body, String idField, Path out, String jsonFile,
            List<Map.Entry<String, String>> pages) throws IOException {
        JsonNode report = http.post(url, body);
        String id = RunPaths.segment(report.path(idField).asText());
        Files.createDirectories(out);
        Files.writeString(out.resolve(jsonFile), report.toPrettyString() + "\n", StandardCharsets.UTF_8);
        for (Map.Entry<String, String> page : pages) {
            http.download(page.getValue().replace(ID, id), out.resolve(page.getKey()));
        }
        return report;
    }
}
