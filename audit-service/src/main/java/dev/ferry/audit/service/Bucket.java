package dev.ferry.audit.service;

import dev.ferry.contracts.OutcomeKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The reconciliation numbers whose records can be listed, by the name used in the URL. */
public enum Bucket {
    CREATED(EnumSet.of(OutcomeKind.CREATED)),
    UPDATED(EnumSet.of(OutcomeKind.UPDATED)),
    UNCHANGED(EnumSet.of(OutcomeKind.UNCHANGED)),
    LINKED(EnumSet.of(OutcomeKind.LINKED)),
    DELETED(EnumSet.of(OutcomeKind.DELETED)),
    RESTORED(EnumSet.of(OutcomeKind.RESTORED)),
    /** Left alone by a rollback (drift). */
    SKIPPED(EnumSet.of(OutcomeKind.SKIPPED)),
    REJECTED(EnumSet.of(OutcomeKind.REJECTED)),
    FAILED(EnumSet.of(OutcomeKind.FAILED)),
    /** Workflows and integrations that became rebuild-document entries. */
    DOCUMENTED(EnumSet.of(OutcomeKind.DOCUMENTED)),
    /** Records whose latest word is DEFERRED. */
    DEFERRED(nonTerminal()),
    /**
     * The known part of {@code unaccounted}: every record the ledger has heard of without a terminal state (today the
     * same records as {@link #DEFERRED}). Records never heard of are listed by {@link #MISSING}, when the manifest
     * has an id set.
     */
    PENDING(nonTerminal()),
    /**
     * Manifest ids without a terminal state: those whose latest word is DEFERRED (with that outcome) and those the
     * ledger never heard of (the id alone). Needs the manifest's whole id set.
     */
    MISSING(nonTerminal(), true),
    /** Terminal states whose source id the manifest's id set does not hold. Needs the whole id set. */
    SURPLUS(terminal(), true);

    private final Set<OutcomeKind> kinds;
    private final boolean needsIdSet;

    Bucket(Set<OutcomeKind> kinds) {
        this(kinds, false);
    }

    Bucket(Set<OutcomeKind> kinds, boolean needsIdSet) {
        this.kinds = kinds;
        this.needsIdSet = needsIdSet;
    }

    /** The state kinds of the records listed (for {@link #MISSING}: of those the ledger knows). */
    public Set<OutcomeKind> kinds() {
        return kinds;
    }

    /** Whether the bucket compares with the manifest's id set (and so needs it whole). */
    public boolean needsIdSet() {
        return needsIdSet;
    }

    public String urlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Bucket> fromUrlName(String name) {
        return Arrays.stream(values()).filter(b -> b.urlName().equals(name)).findFirst();
    }

    public static List<String> urlNames() {
        return Arrays.stream(values()).map(Bucket::urlName).toList();
    }

    private static Set<OutcomeKind> terminal() {
        EnumSet<OutcomeKind> kinds = EnumSet.noneOf(OutcomeKind.class);
        for (OutcomeKind kind : OutcomeKind.values()) {
            if (kind.isTerminal()) {
                kinds.add(kind);
            }
        }
        return kinds;
    }

    private static Set<OutcomeKind> nonTerminal() {
        EnumSet<OutcomeKind> kinds = EnumSet.noneOf(OutcomeKind.class);
        for (OutcomeKind kind : OutcomeKind.values()) {
            if (!kind.isTerminal()) {
                kinds.add(kind);
            }
        }
        return kinds;
    }
}
