package dev.ferry.audit.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the audit log is written: JSON Lines (one {@link AuditLogEntry} object per line, UTF-8) or CSV (RFC 4180: a
 * header row, CRLF line ends, a cell quoted when it holds a comma, a quote, a CR or LF, quotes doubled; UTF-8;
 * {@code changedFields} joined by {@code ;}; null as an empty cell). Both write entry by entry to the stream, holding
 * nothing but Jackson's output buffer, so a log of millions of lines streams.
 */
public enum AuditLogFormat {
    JSONL("application/jsonl", "jsonl"),
    CSV("text/csv", "csv");

    /** Separates field names within the CSV's {@code changedFields} cell (field names are slugs, never hold one). */
    public static final String FIELD_SEPARATOR = ";";

    // No flush per entry: the HTTP stream gets full buffers, not one tiny chunk per line.
    // Quote a cell only when it needs it (the default heuristic also quotes times and ';'-joined names).
    private static final CsvMapper CSV_MAPPER = (CsvMapper) new CsvMapper()
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final CsvSchema CSV_SCHEMA = schema();
    private static final ObjectWriter JSON_WRITER = FerryJson.mapper().writerFor(AuditLogEntry.class)
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    // Characters outside the BMP (an emoji in an id) as UTF-8, not as two escaped surrogates.
    private static final JsonFactory JSON_FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private final String mediaType;
    private final String extension;

    AuditLogFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** {@code jsonl} (the default, for null or blank) or {@code csv}, any case; anything else is a 400. */
    public static AuditLogFormat parse(String value) {
        if (value == null || value.isBlank()) {
            return JSONL;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "jsonl", "ndjson" -> JSONL;
            case "csv" -> CSV;
            default -> throw new BadRequest("unknown format '" + value + "'; one of [jsonl, csv]");
        };
    }

    /** A writer of entries onto {@code out}; closing it flushes but leaves {@code out} open. */
    public Sink open(OutputStream out) throws IOException {
        return this == JSONL ? new JsonlSink(out) : new CsvSink(out);
    }

    /** Entries out, one at a time. */
    public interface Sink extends AutoCloseable {
        void write(AuditLogEntry entry) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** The CSV row of an entry, in {@link AuditLogEntry#COLUMNS} order (null for an empty cell). */
    static List<String> row(AuditLogEntry e) {
        List<String> row = new ArrayList<>(AuditLogEntry.COLUMNS.size());
        row.add(e.runId());
        row.add(e.occurredAt() == null ? null : e.occurredAt().toString());
        row.add(e.operation());
        row.add(Boolean.toString(e.wrote()));
        row.add(e.resource());
        row.add(e.sourceId());
        row.add(Integer.toString(e.part()));
        row.add(e.target());
        row.add(e.freshsalesId() == null ? null : e.freshsalesId().toString());
        row.add(String.join(FIELD_SEPARATOR, e.changedFields()));
        row.add(Integer.toString(e.attempt()));
        row.add(e.commandId());
        row.add(e.rule());
        row.add(e.field());
        row.add(e.httpStatus() == null ? null : e.httpStatus().toString());
        return row;
    }

    private static CsvSchema schema() {
        CsvSchema.Builder b = CsvSchema.builder();
        AuditLogEntry.COLUMNS.forEach(b::addColumn);
        // The header is written as the first row by CsvSink, so an empty log still has it.
        return b.setUseHeader(false).setLineSeparator("\r\n").setNullValue("").build();
    }

    private static final class JsonlSink implements Sink {
        private final JsonGenerator generator;

        JsonlSink(OutputStream out) throws IOException {
            generator = JSON_FACTORY.createGenerator(out);
            generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            generator.setRootValueSeparator(null);
        }

        @Override
        public void write(AuditLogEntry entry) throws IOException {
            JSON_WRITER.writeValue(generator, entry);
            generator.writeRaw('\n');
        }

        @Override
        public void close() throws IOException {
            generator.close();
        }
    }

    private static final class CsvSink implements Sink {
        private final SequenceWriter rows;

        CsvSink(OutputStream out) throws IOException {
            rows = CSV_MAPPER.writer(CSV_SCHEMA).writeValues(out);
            rows.write(AuditLogEntry.COLUMNS);
        }

        @Override
        public void write(AuditLogEntry entry) throws IOException {
            rows.write(row(entry));
        }

        @Override
        public void close() throws IOException {
            rows.close();
        }
    }
}
