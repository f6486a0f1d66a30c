package dev.ferry.audit.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.OutcomeKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The audit log's two renderings: exact quoting, one line per entry, unicode, and the operation of each kind. */
class AuditLogFormatTest {

    private static final Instant T = Instant.parse("2026-12-05T20:30:01.123456Z");

    private static AuditLogEntry entry(String sourceId, List<String> fields) {
        return new AuditLogEntry("run-1", T, "update", true, "patients", sourceId, 0, "contacts", 90001L, fields, 1,
                "cmd-1", null, null, null);
    }

    private static String render(AuditLogFormat format, AuditLogEntry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (AuditLogFormat.Sink sink = format.open(out)) {
            for (AuditLogEntry e : entries) {
                sink.write(e);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvHasAHeaderAndCrlfRowsAndQuotesOnlyWhatNeedsIt() throws IOException {
        String csv = render(AuditLogFormat.CSV, entry("P-1", List.of("mobile_number", "cf_treatment_type")));
        assertThat(csv).isEqualTo(String.join(",", AuditLogEntry.COLUMNS) + "\r\n"
                + "run-1,2026-12-05T20:30:01.123456Z,update,true,patients,P-1,0,contacts,90001,"
                + "mobile_number;cf_treatment_type,1,cmd-1,,,\r\n");
    }

    @Test
    void csvQuotesCommasQuotesAndNewlinesAndKeepsUnicode() throws IOException {
        String csv = render(AuditLogFormat.CSV,
                entry("P,1", List.of()),
                entry("P\"2", List.of()),
                entry("P\n3", List.of()),
                entry("Hasta-Şükrü-Çağ-é-日本-😀", List.of()));
        String[] lines = csv.split("\r\n", -1);
        assertThat(lines[1]).contains(",patients,\"P,1\",0,");
        assertThat(lines[2]).contains(",patients,\"P\"\"2\",0,");
        assertThat(lines[3]).contains(",patients,\"P\n3\",0,");
        assertThat(lines[4]).contains(",patients,Hasta-Şükrü-Çağ-é-日本-😀,0,");

        // And a CSV reader gives the ids back exactly.
        List<List<String>> rows = parseCsv(csv);
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0)).containsExactlyElementsOf(AuditLogEntry.COLUMNS);
        int sourceId = AuditLogEntry.COLUMNS.indexOf("sourceId");
        assertThat(rows.subList(1, 5)).extracting(r -> r.get(sourceId))
                .containsExactly("P,1", "P\"2", "P\n3", "Hasta-Şükrü-Çağ-é-日本-😀");
        assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(AuditLogEntry.COLUMNS.size()));
    }

    @Test
    void csvOfNoEntriesIsTheHeaderAlone() throws IOException {
        assertThat(render(AuditLogFormat.CSV)).isEqualTo(String.join(",", AuditLogEntry.COLUMNS) + "\r\n");
        assertThat(render(AuditLogFormat.JSONL)).isEmpty();
    }

    @Test
    void jsonlIsOneObjectPerLineWithEscapedNewlinesAndUnicode() throws IOException {
        String jsonl = render(AuditLogFormat.JSONL,
                entry("P\n1,\"x\"", List.of("email")),
                entry("Hasta-Şükrü-日本-😀", List.of()),
                new AuditLogEntry("run-1", T, "rejected", false, "patients", "P-3", 0, null, null, List.of(), 0,
                        "cmd-3", "email.invalid", "email", null));
        assertThat(jsonl).endsWith("\n");
        List<String> lines = jsonl.lines().toList();
        assertThat(lines).hasSize(3);
        JsonNode first = FerryJson.mapper().readTree(lines.get(0));
        assertThat(first.get("sourceId").asText()).isEqualTo("P\n1,\"x\"");
        assertThat(first.get("occurredAt").asText()).isEqualTo("2026-12-05T20:30:01.123456Z");
        assertThat(first.get("changedFields").toString()).isEqualTo("[\"email\"]");
        assertThat(first.get("freshsalesId").asLong()).isEqualTo(90001L);
        assertThat(first.get("wrote").asBoolean()).isTrue();
        List<String> names = new ArrayList<>();
        first.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactlyElementsOf(AuditLogEntry.COLUMNS);
        assertThat(lines.get(1)).contains("Hasta-Şükrü-日本-😀"); // written as UTF-8, not \\u escapes
        JsonNode third = FerryJson.mapper().readTree(lines.get(2));
        assertThat(third.get("rule").asText()).isEqualTo("email.invalid");
        assertThat(third.get("target").isNull()).isTrue();
        assertThat(third.get("wrote").asBoolean()).isFalse();
    }

    @Test
    void theSinkNeitherClosesNorFlushesPerEntryTheStreamItWritesTo() throws IOException {
        int[] flushes = {0};
        boolean[] closed = {false};
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                bytes.write(b, off, len);
            }

            @Override
            public void flush() {
                flushes[0]++;
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        for (AuditLogFormat format : AuditLogFormat.values()) {
            flushes[0] = 0;
            try (AuditLogFormat.Sink sink = format.open(out)) {
                for (int i = 0; i < 500; i++) {
                    sink.write(entry("P-" + i, List.of("email")));
                }
            }
            assertThat(flushes[0]).as(format + " flushes").isLessThanOrEqualTo(1);
            assertThat(closed[0]).as(format + " closed the response stream").isFalse();
        }
    }

    @Test
    void formatParsing() {
        assertThat(AuditLogFormat.parse(null)).isEqualTo(AuditLogFormat.JSONL);
        assertThat(AuditLogFormat.parse("CSV")).isEqualTo(AuditLogFormat.CSV);
        assertThat(AuditLogFormat.parse("jsonl")).isEqualTo(AuditLogFormat.JSONL);
        assertThatThrownBy(() -> AuditLogFormat.parse("xml")).isInstanceOf(BadRequest.class)
                .hasMessageContaining("jsonl, csv");
    }

    @Test
    void everyKindButDeferredIsAnOperationAndOnlyTheFiveWritesChangeFreshsales() {
        for (OutcomeKind kind : OutcomeKind.values()) {
            assertThat(AuditOperation.of(kind).isPresent()).as(kind.name()).isEqualTo(kind != OutcomeKind.DEFERRED);
        }
        Set<String> writes = Arrays.stream(AuditOperation.values()).filter(AuditOperation::wrote)
                .map(AuditOperation::label).collect(Collectors.toSet());
        assertThat(writes).containsExactlyInAnyOrder("create", "update", "link", "delete", "restore");
        assertThat(AuditOperation.kinds(false))
                .containsExactlyInAnyOrder("CREATED", "UPDATED", "LINKED", "DELETED", "RESTORED");
        // DOCUMENTED (issue 10): a workflow or an integration went into a rebuild document, not into Freshsales.
        assertThat(AuditOperation.kinds(true)).containsExactlyInAnyOrder("CREATED", "UPDATED", "LINKED", "DELETED",
                "RESTORED", "UNCHANGED", "SKIPPED", "REJECTED", "FAILED", "DOCUMENTED");
        // Every kind the log lists is one the operation mapping knows (kinds() and of() agree).
        AuditOperation.kinds(true).forEach(k -> assertThat(AuditOperation.of(OutcomeKind.valueOf(k))).isPresent());
    }

    private static List<List<String>> parseCsv(String csv) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = mapper.readerFor(List.class).readValues(csv)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }
}
