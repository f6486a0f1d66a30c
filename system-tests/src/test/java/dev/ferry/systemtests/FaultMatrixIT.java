package dev.ferry.systemtests;

/**
 * The fault matrix's rows other than the long outages (issue 8): a SIGKILL of every service, poison on every input
 * topic, a 429 storm, a loader killed mid bulk job, answers lost after commit, replicas joining and leaving, a record
 * changed while it waits for its parent. They run on this test fork's own lanes, beside {@link OutageMatrixIT}.
 */
class FaultMatrixIT extends FaultMatrix {

    @Override
    Part part() {
        return Part.FAULTS;
    }
}
