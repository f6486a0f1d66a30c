package dev.ferry.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ferry.bench.table.BenchReport;
import dev.ferry.bench.table.BenchTable;
import dev.ferry.bench.table.BudgetMaths;
import dev.ferry.bench.table.EndpointKind;
import dev.ferry.bench.table.ObjectCalls;
import dev.ferry.bench.table.WindowShares;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTableTest {

    private static final BudgetMaths FOREST = new BudgetMaths(5000, 400, 1);

    @Test
    void bulkObjectsNeedASubmitAndAPollPerHundredEverythingElseOneCallARecord() {
        ObjectCalls contacts = new ObjectCalls("contacts", 1001, Map.of(EndpointKind.BULK_SUBMIT, 11L,
                EndpointKind.POLL, 30L, EndpointKind.SEARCH, 11L));
        assertThat(contacts.minimum(1)).isEqualTo(22); // 11 jobs (the last one of a single record), a poll each
        assertThat(contacts.total()).isEqualTo(52);
        assertThat(contacts.ratio(1)).isCloseTo(52 / 22.0, within(1e-9));
        ObjectCalls accounts = new ObjectCalls("sales_accounts", 100, Map.of());
        assertThat(accounts.minimum(1)).isEqualTo(2);
        ObjectCalls deals = new ObjectCalls("deals", 930, Map.of(EndpointKind.WRITE, 1794L));
        assertThat(deals.minimum(1)).isEqualTo(930);
        assertThat(deals.ratio(1)).isCloseTo(1794 / 930.0, within(1e-9));
        assertThat(new ObjectCalls("notes", 0, Map.of(EndpointKind.SEARCH, 3L)).ratio(1)).isNaN();
    }

    @Test
    void endpointsAreSortedIntoTheIssuesKinds() {
        assertThat(EndpointKind.of("POST /crm/sales/api/contacts/bulk_upsert")).isEqualTo(EndpointKind.BULK_SUBMIT);
        assertThat(EndpointKind.of("GET /crm/sales/api/job_statuses/{id}")).isEqualTo(EndpointKind.POLL);
        assertThat(EndpointKind.of("GET /crm/sales/api/lookup")).isEqualTo(EndpointKind.SEARCH);
        assertThat(EndpointKind.of("POST /crm/sales/api/filtered_search/{entity}")).isEqualTo(EndpointKind.SEARCH);
        assertThat(EndpointKind.of("POST /crm/sales/api/cpq/products/filterize")).isEqualTo(EndpointKind.SEARCH);
        assertThat(EndpointKind.of("GET /crm/sales/api/contacts/view/{view_id}")).isEqualTo(EndpointKind.SEARCH);
        assertThat(EndpointKind.of("GET /crm/sales/api/contacts/{id}/notes")).isEqualTo(EndpointKind.SEARCH);
        assertThat(EndpointKind.of("POST /crm/sales/api/deals/upsert")).isEqualTo(EndpointKind.WRITE);
        assertThat(EndpointKind.of("POST /crm/sales/api/custom_module/{entity}")).isEqualTo(EndpointKind.WRITE);
        assertThat(EndpointKind.of("PUT /crm/sales/api/cpq/products/{id}")).isEqualTo(EndpointKind.WRITE);
    }

    @Test
    void theBudgetSpendsAnHourAtTheMinutePaceThenAnHourAnHour() {
        // 5000 calls: 12.5 minutes at 400 a minute; 15,000: that, then two more hours.
        assertThat(FOREST.minimumWallSeconds(5000)).isCloseTo(750, within(1e-9));
        assertThat(FOREST.minimumWallSeconds(15000)).isCloseTo(750 + 7200, within(1e-9));
        assertThat(FOREST.allowedWithin(750)).isCloseTo(5000, within(1e-9));
        assertThat(FOREST.allowedWithin(7200 + 750)).isCloseTo(15000, within(1e-9));
        assertThat(FOREST.allowedWithin(60)).isCloseTo(400, within(1e-9));
        // On a clock 24 times faster the same calls take a 24th of the real time, and allow the same back.
        BudgetMaths fast = new BudgetMaths(5000, 400, 24);
        assertThat(fast.minimumWallSeconds(15000)).isCloseTo((750 + 7200) / 24.0, within(1e-6));
        assertThat(fast.allowedWithin((750 + 7200) / 24.0)).isCloseTo(15000, within(1e-6));
        // 5000 calls an hour on a 24× clock at 0.5 calls a record: 33.3 calls, 66.7 records a real second.
        assertThat(fast.loaderCeilingPerSecond(0.5)).isCloseTo(5000 / 3600.0 * 24 / 0.5, within(1e-9));
    }

    /**
     * Regression (1,000-patient bench of 2026-12-07): the floor took the hours after the first at a steady 5000 an
     * hour, so 7,051 calls "needed" 2,227 simulated seconds where the windows allow them in no less than 3,908.
     */
    @Test
    void theFloorIsTheInverseOfWhatTheWindowsAllowBetweenWholeHoursToo() {
        assertThat(FOREST.minimumWallSeconds(7051)).isCloseTo(3600 + 2051 * 60 / 400.0, within(1e-9));
        assertThat(FOREST.allowedWithin(FOREST.minimumWallSeconds(7051))).isCloseTo(7051, within(1e-6));
        assertThat(FOREST.allowedWithin(FOREST.minimumWallSeconds(7051) - 1)).isLessThan(7051);
        for (long calls : new long[] {1, 399, 400, 4999, 5000, 5001, 12345, 71017}) {
            assertThat(FOREST.allowedWithin(FOREST.minimumWallSeconds(calls))).as("calls %d", calls)
                    .isCloseTo(calls, within(1e-6));
        }
        assertThat(FOREST.minimumWallSeconds(0)).isZero();
    }

    @Test
    void theSteadyStateIsEveryCompleteWindowAfterTheFirstCountedFromTheSampleBeforeTheFirstCall() {
        // Windows of 10 s from t = 1 (the sample before the first call): [1, 11) ramps up, [11, 21) and [21, 31) are
        // steady, [31, 36] is the incomplete tail.
        List<WindowShares.CallsAt> samples = new java.util.ArrayList<>();
        samples.add(new WindowShares.CallsAt(0, 0));
        samples.add(new WindowShares.CallsAt(1, 0));
        long calls = 0;
        for (int t = 2; t <= 36; t++) {
            calls += t <= 11 ? 2 : t <= 31 ? 10 : 1;
            samples.add(new WindowShares.CallsAt(t, calls));
        }
        List<Double> shares = WindowShares.steadyState(samples, 10, 100);
        assertThat(shares).hasSize(2);
        assertThat(shares.get(0)).isCloseTo(1.0, within(1e-9));
        assertThat(shares.get(1)).isCloseTo(1.0, within(1e-9));
        assertThat(WindowShares.steadyState(samples.subList(0, 15), 10, 100)).isEmpty();
        assertThat(WindowShares.steadyState(List.of(new WindowShares.CallsAt(0, 0)), 10, 100)).isEmpty();
    }

    @Test
    void theTableShowsEachRatioAgainstItsGoal() {
        BenchReport r = new BenchReport(100, 1, FOREST,
                List.of(new ObjectCalls("contacts", 200, Map.of(EndpointKind.BULK_SUBMIT, 2L, EndpointKind.POLL, 4L)),
                        new ObjectCalls("deals", 50, Map.of(EndpointKind.WRITE, 50L))),
                Map.of("metadata", 6L), 0, 60, 90, true, new BenchReport.Stage(1000, 10),
                new BenchReport.Stage(500, 10), new BenchReport.Stage(250, 50), new BenchReport.Stage(4000, 2),
                Map.of("ferry-loader", 300L * 1024), Map.of("ferry-loader", 2.5), Map.of("ferry-loader", 50L << 20),
                12.0, List.of(0.993, 1.003, 0.998));
        assertThat(r.totalCalls()).isEqualTo(62);
        assertThat(r.minimumCalls()).isEqualTo(54);
        assertThat(r.budgetUsed()).isCloseTo(62 / 400.0, within(1e-9));
        String table = BenchTable.render(r);
        assertThat(table).contains("| calls contacts (200 records; bulk 2, poll 4, search/view/lookup 0, single writes 0)"
                + " | 6 | min 4 | 1.50 | ≤ 1.02 |");
        assertThat(table).contains("| calls deals (50 records; bulk 0, poll 0, search/view/lookup 0, single writes 50)"
                + " | 50 | min 50 | 1.00 | ≤ 1.02 |");
        assertThat(table).contains("| calls, all (250 records) | 62 | min 54 | 1.15 | ≤ 1.02 |");
        assertThat(table).contains("| 15.5 % | ≥ 95 % |");
        assertThat(table).contains("map (records/s; 500 records in 10.0 s) against Kafka pass-through | 50.0 | 2,000 | 0.03 | ≥ 0.5 |");
        assertThat(table).contains("| peak RSS ferry-loader (MB) | 300 | 512 | 0.59 | ≤ 1 |");
        // 500 records/s mapped against 250 records ÷ 54 calls × 5000/3600 calls a second on the real clock.
        assertThat(table).contains("against the loader's ceiling at the real budget (the compressed clock's ÷ 1.0)"
                + " | 50.0 | 6.4 | 7.78 | ≥ 50 |");
        assertThat(table).contains("| CPU per source record ferry-loader (ms; 2.5 CPU-s for 1000 source records)"
                + " | 2.5 |");
        assertThat(table).contains("| CPU per source record, the whole machine (ms; 12.0 CPU-s busy, Kafka, PostgreSQL"
                + " and the bench included) | 12.0 |");
        assertThat(table).contains("| budget used in steady state: calls ÷ 5000 in each of the 3 complete hourly"
                + " windows after the first (lowest; median 99.8 %) | 99.3 % | – | – | ≥ 95 % |");
        assertThat(table).contains("| live heap after a full GC at the end ferry-loader (MB) | 50.0 | – | – |"
                + " flat in size |");
        // Wall time against the fewest calls at the budget: 54 calls at 400 a minute, 8.1 s.
        assertThat(table).contains("| 90.0 | 8.1 | 11.11 | ≤ 1.05 |");
    }
}
