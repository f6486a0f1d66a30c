package dev.ferry.systemtests;

/**
 * The fault matrix's Freshsales outage (issue 8): a tenth of the calls fail with a 5xx the whole run, and for two
 * minutes every call does; nothing may end for it. Its own class because it mostly waits, and beside the other parts
 * that wait costs no one anything. It runs on this test fork's own lanes.
 */
class TargetOutageMatrixIT extends FaultMatrix {

    @Override
    Part part() {
        return Part.TARGET_OUTAGE;
    }
}
