package dev.ferry.mapper.mapping;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.SourceResource;

/**
 * What the mapper decided about a record another one links to (a case's patient). A child of a rejected parent is
 * rejected at once ({@code parent.rejected}), or loses an optional link, instead of waiting in the loader for a
 * parent that never comes; a child of a parent of the same run that is not decided yet waits in the mapper.
 */
public interface ParentDecisions {

    /** What became of the parent. */
    enum Kind {
        /** Mapped to a command (or linked): it goes to the loader. */
        MAPPED,
        /** Rejected by the mapper; {@code rule} says why. */
        REJECTED,
        /** Part of this run and not decided yet. */
        UNDECIDED
    }

    /**
     * @param rule for REJECTED, the rule that rejected the parent
     * @param target for MAPPED, where the parent's command writes when the mapper knows it (a patient that became a
     *     Classic lead: {@link FreshsalesTarget#LEAD}, whose children cannot attach to it the way they attach to a
     *     contact; issue 10); null when not known (a parent mapped before the mapper kept it)
     */
    record Decision(Kind kind, String rule, FreshsalesTarget target) {
        public static final Decision MAPPED = new Decision(Kind.MAPPED, null, null);
        public static final Decision UNDECIDED = new Decision(Kind.UNDECIDED, null, null);

        public Decision(Kind kind, String rule) {
            this(kind, rule, null);
        }

        /** Mapped to a command of this target. */
        public static Decision mappedTo(FreshsalesTarget target) {
            return new Decision(Kind.MAPPED, null, target);
        }
    }

    /**
     * The parent's decision: this run's when the run delivered the parent (undecided until it is mapped), else the
     * latest of any run, else MAPPED (a record the mapper never saw is the loader's to wait for).
     */
    Decision of(SourceResource resource, String sourceId);

    /** Every parent mapped: for callers that have no decisions to consult. */
    ParentDecisions ALL_MAPPED = (resource, sourceId) -> Decision.MAPPED;
}
