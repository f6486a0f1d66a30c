package dev.ferry.systemtests;

/**
 * The fault matrix's SIGKILLs (issue 8): the extractor, the mapper and the audit service each killed mid-batch and
 * started again, and a loader killed while a bulk job it submitted still runs, beside a second replica. They run on
 * this test fork's own lanes.
 */
class KillMatrixIT extends FaultMatrix {

    @Override
    Part part() {
        return Part.KILLS;
    }
}
