package dev.ferry.systemtests;

/**
 * The fault matrix's rows that are neither a SIGKILL nor an outage (issue 8): poison on every input topic, a 429
 * storm, answers lost after commit, loader replicas joining and leaving, a record changed while it waits for its
 * parent. They run on this test fork's own lanes.
 */
class FaultMatrixIT extends FaultMatrix {

    @Override
    Part part() {
        return Part.FAULTS;
    }
}
