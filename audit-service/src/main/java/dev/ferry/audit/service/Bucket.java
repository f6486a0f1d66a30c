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
    REJECTED(EnumSet.of(OutcomeKind.REJECTED)),
    FAILED(EnumSet.of(OutcomeKind.FAILED)),
    /** Records whose latest word is DEFERRED. */
    DEFERRED(nonTerminal()),
    /**
     * The known part of {@code unaccounted}: every record the ledger has heard of without a terminal state (today the
     * same records as {@link #DEFERRED}). Records never heard of cannot be listed: the manifest is only a count.
     */
    PENDING(nonTerminal());

    private final Set<OutcomeKind> kinds;

    Bucket(Set<OutcomeKind> kinds) {
        this.kinds = kinds;
    }

    public Set<OutcomeKind> kinds() {
        return kinds;
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
