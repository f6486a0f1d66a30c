package dev.ferry.audit.ledger;

import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.TargetFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An outcome made storable before it reaches PostgreSQL (issue 8 hole 5), so a decoded outcome is always stored as
 * its record's outcome and reconciliation can balance:
 *
 * <ul>
 *   <li>every text field (ids, target, rule, field, messages, cause, detail, changed field names) goes through
 *       {@link LedgerText#clean}: NUL and unpaired surrogates become U+FFFD;</li>
 *   <li>an {@code occurredAt} outside the years 0001 to 9999 (PostgreSQL cannot read the ISO form of other years) is
 *       replaced by the Kafka record timestamp, as a missing one is;</li>
 *   <li>whenever something was changed, the stored {@code detail} says so, naming the fields and never quoting
 *       them: {@code [audit: replaced 2 characters PostgreSQL cannot store (NUL, unpaired surrogate) with U+FFFD in
 *       detail, failure.messages]}.</li>
 * </ul>
 *
 * The result depends only on the outcome (and, for a replaced time, its Kafka timestamp), so replays stay idempotent.
 */
public final class StorableOutcome {

    /** Earliest {@code occurredAt} stored as given. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    /** Latest {@code occurredAt} stored as given. */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /**
     * The outcome as the ledger stores it.
     *
     * @param outcome the cleaned outcome
     * @param occurredAt its time, already at ledger precision
     * @param cleanedFields the fields whose text was changed, by contract name ({@code detail},
     *     {@code failure.messages}, ...); empty when nothing was
     */
    public record Result(LoadOutcome outcome, Instant occurredAt, List<String> cleanedFields) {
    }

    private StorableOutcome() {
    }

    public static Result of(LoadOutcome o, Instant kafkaTimestamp) {
        List<String> fields = new ArrayList<>();
        int[] replaced = new int[1];
        String commandId = text(o.commandId(), "commandId", fields, replaced);
        String runId = text(o.runId(), "runId", fields, replaced);
        String sourceId = text(o.sourceId(), "sourceId", fields, replaced);
        List<String> changedFields = texts(o.changedFields(), "changedFields", fields, replaced);
        Rejection rejection = o.rejection() == null ? null : new Rejection(
                text(o.rejection().rule(), "rejection.rule", fields, replaced),
                text(o.rejection().field(), "rejection.field", fields, replaced),
                text(o.rejection().message(), "rejection.message", fields, replaced));
        TargetFailure failure = o.failure() == null ? null : new TargetFailure(o.failure().httpStatus(),
                texts(o.failure().messages(), "failure.messages", fields, replaced),
                text(o.failure().cause(), "failure.cause", fields, replaced));
        String detail = text(o.detail(), "detail", fields, replaced);

        List<String> notes = new ArrayList<>(2);
        if (replaced[0] > 0) {
            notes.add("replaced " + replaced[0] + (replaced[0] == 1 ? " character" : " characters")
                    + " PostgreSQL cannot store (NUL, unpaired surrogate) with U+FFFD in " + String.join(", ", fields));
        }
        Instant at = o.occurredAt();
        if (at != null && (at.isBefore(EARLIEST) || at.isAfter(LATEST))) {
            notes.add("occurredAt outside the years 0001-9999, the Kafka timestamp is used");
            at = null;
        }
        if (at == null) {
            at = kafkaTimestamp;
        }
        at = OutcomePrecedence.ledgerPrecision(at);
        if (notes.isEmpty()) {
            return new Result(o, at, List.of());
        }
        String note = "audit: " + String.join("; ", notes);
        detail = detail == null ? note : detail + " [" + note + "]";
        LoadOutcome cleaned = new LoadOutcome(commandId, runId, o.resource(), sourceId, o.part(), o.target(),
                o.kind(), o.freshsalesId(), changedFields, o.beforeImage(), rejection, failure, detail, o.attempt(),
                o.occurredAt(), o.document());
        return new Result(cleaned, at, List.copyOf(fields));
    }

    private static String text(String value, String field, List<String> fields, int[] replaced) {
        int n = LedgerText.unstorable(value);
        if (n == 0) {
            return value;
        }
        fields.add(field);
        replaced[0] += n;
        return LedgerText.clean(value);
    }

    private static List<String> texts(List<String> values, String field, List<String> fields, int[] replaced) {
        int n = LedgerText.unstorable(values);
        if (n == 0) {
            return values;
        }
        fields.add(field);
        replaced[0] += n;
        return LedgerText.clean(values);
    }
}
