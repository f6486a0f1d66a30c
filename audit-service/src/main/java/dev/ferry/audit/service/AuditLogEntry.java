package dev.ferry.audit.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * One line of the audit log: one record operation, ids and field names only (never a field value: this is a
 * practice's health data). The JSONL line and the CSV row carry these fields, in this order.
 *
 * @param runId the run
 * @param occurredAt when the loader (or, for a rejection, the mapper) decided the outcome
 * @param operation {@code create}, {@code update}, {@code link}, {@code delete}, {@code restore}; with
 *        {@code include=all} also {@code unchanged}, {@code rejected}, {@code failed}
 * @param wrote whether Freshsales was changed
 * @param resource the Dr.DENTES resource ({@code patients}, ...)
 * @param sourceId the Dr.DENTES record id
 * @param part the command's part (0 = the record's main write)
 * @param target the Freshsales object written ({@code contacts}, {@code sales_accounts}, ...); null when none was chosen
 * @param freshsalesId the Freshsales record id, when one exists
 * @param changedFields the names of the fields the operation changed (for an update: those whose value changed), as
 *        the loader reported them; empty when the outcome names none
 * @param attempt the loader's write attempt
 * @param commandId the deterministic command id (the same on every replay)
 * @param rule for {@code rejected}: the validation rule
 * @param field for {@code rejected}: the field name the rule refused
 * @param httpStatus for {@code failed}: Freshsales' HTTP status
 */
@JsonInclude(JsonInclude.Include.ALWAYS) // a stable shape: every line has every field, null where none applies
@JsonPropertyOrder({"runId", "occurredAt", "operation", "wrote", "resource", "sourceId", "part", "target",
        "freshsalesId", "changedFields", "attempt", "commandId", "rule", "field", "httpStatus"})
public record AuditLogEntry(
        String runId,
        Instant occurredAt,
        String operation,
        boolean wrote,
        String resource,
        String sourceId,
        int part,
        String target,
        Long freshsalesId,
        List<String> changedFields,
        int attempt,
        String commandId,
        String rule,
        String field,
        Integer httpStatus) {

    /** The column names, in order (the CSV header). */
    public static final List<String> COLUMNS = List.of("runId", "occurredAt", "operation", "wrote", "resource",
            "sourceId", "part", "target", "freshsalesId", "changedFields", "attempt", "commandId", "rule", "field",
            "httpStatus");

    public AuditLogEntry {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }
}
