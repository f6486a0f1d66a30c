package dev.ferry.audit.service;

import dev.ferry.contracts.OutcomeKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one outcome means in the audit log. The five operations Ferry performs on Freshsales ({@code create},
 * {@code update}, {@code link}, {@code delete}, {@code restore}) are the log proper ({@code wrote = true}). An
 * {@code unchanged} record (nothing written: the target already held the values) and a {@code rejected} or
 * {@code failed} one (nothing written: validation or Freshsales refused) are no operation on Freshsales; they are
 * listed only on request ({@code include=all}), with {@code wrote = false}, so an auditor can account for every record.
 * {@code DEFERRED} is never listed: it is not a last word, the record's later outcome is.
 */
public enum AuditOperation {
    CREATE(OutcomeKind.CREATED, true),
    UPDATE(OutcomeKind.UPDATED, true),
    LINK(OutcomeKind.LINKED, true),
    DELETE(OutcomeKind.DELETED, true),
    RESTORE(OutcomeKind.RESTORED, true),
    UNCHANGED(OutcomeKind.UNCHANGED, false),
    /** A rollback left the record alone (drift): nothing written. */
    SKIPPED(OutcomeKind.SKIPPED, false),
    REJECTED(OutcomeKind.REJECTED, false),
    FAILED(OutcomeKind.FAILED, false),
    /** A workflow or an integration written into a rebuild document, not into Freshsales. */
    DOCUMENTED(OutcomeKind.DOCUMENTED, false);

    private final OutcomeKind kind;
    private final boolean wrote;

    AuditOperation(OutcomeKind kind, boolean wrote) {
        this.kind = kind;
        this.wrote = wrote;
    }

    /** The operation's name in the log: {@code create}, {@code update}, ... */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether the operation changed Freshsales. */
    public boolean wrote() {
        return wrote;
    }

    public OutcomeKind kind() {
        return kind;
    }

    /** The operation an outcome kind stands for; empty for {@code DEFERRED}. */
    public static Optional<AuditOperation> of(OutcomeKind kind) {
        return Arrays.stream(values()).filter(o -> o.kind == kind).findFirst();
    }

    /** The outcome kinds (as stored) a log with or without the non-writes lists. */
    public static List<String> kinds(boolean includeNonWrites) {
        Set<AuditOperation> ops = EnumSet.noneOf(AuditOperation.class);
        for (AuditOperation o : values()) {
            if (o.wrote || includeNonWrites) {
                ops.add(o);
            }
        }
        return ops.stream().map(o -> o.kind.name()).toList();
    }
}
