package dev.ferry.systemtests;

/**
 * The fault matrix's long outages (issue 8): Freshsales failing every call for two minutes, the broker down for 30 s
 * and then 90 s, PostgreSQL down for 20 s. They run on the broker and PostgreSQL {@code bin/ferry fault} stops and
 * starts, which no other test class uses at the same time.
 */
class OutageMatrixIT extends FaultMatrix {

    @Override
    Part part() {
        return Part.OUTAGES;
    }
}
