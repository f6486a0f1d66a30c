package dev.ferry.contracts.security;

import java.util.List;

/**
 * The roles a Ferry bearer token can carry (its {@code groups} claim), the one place every service, the CLI and the
 * tests read them from. A token may carry several; none implies another (least privilege: an operator who may start a
 * run does not by that alone see patient values). The endpoint table is in {@code docs/security.md}.
 */
public final class Roles {

    /** Dashboards, run state, progress, reconciliation counts and reports that show no patient values. */
    public static final String VIEWER = "ferry-viewer";

    /** Anything that may show patient values: record histories, ledger entries, reconciliation buckets, poison. */
    public static final String AUDITOR = "ferry-auditor";

    /** Changes what a run does: start, resume (later confirm, sample, delta, rollback). */
    public static final String OPERATOR = "ferry-operator";

    /** One Ferry service calling another (mapper to loader metadata, extractor to mapper source fields). */
    public static final String SERVICE = "ferry-service";

    /** Every role, for tests that try each wrong one. */
    public static final List<String> ALL = List.of(VIEWER, AUDITOR, OPERATOR, SERVICE);

    private Roles() {
    }
}
