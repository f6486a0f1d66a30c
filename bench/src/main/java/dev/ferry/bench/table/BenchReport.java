package dev.ferry.bench.table;

import java.util.List;
import java.util.Map;

/**
 * Everything one bench run measured, in the units the table shows.
 *
 * @param patients size of the generated practice
 * @param replicas loader instances sharing the account
 * @param budget the account's configured budget and the clock it runs on
 * @param objects calls per object type (records written, calls by kind)
 * @param otherCalls calls that concern no migrated object, by what they concern (metadata, unmatched)
 * @param rateLimited calls the sandbox answered 429
 * @param callSpanSeconds real seconds from the first Freshsales call to the last
 * @param wallSeconds real seconds from the run's start to its balance
 * @param balanced whether every record got its terminal outcome
 * @param extract the extractor's rate (records onto the raw topics)
 * @param map the mapper's rate (commands and rejections)
 * @param load the loader's rate (terminal outcomes)
 * @param passThrough Kafka's consume→produce rate over the raw records, same broker, same run
 * @param peakRssKb peak resident memory per child process, kB
 * @param cpuSeconds CPU seconds (user + system) each child spent from the run's start to its balance
 * @param liveHeapBytes bytes each child's heap still held after a full collection at the end of the run
 * @param machineCpuSeconds CPU seconds the whole machine was busy from the run's start to its balance (Kafka and
 *     PostgreSQL included); NaN where it cannot be read
 * @param steadyWindowShares share of the hourly budget used in each complete window after the first ({@link
 *     WindowShares})
 */
public record BenchReport(int patients, int replicas, BudgetMaths budget, List<ObjectCalls> objects,
        Map<String, Long> otherCalls, long rateLimited, double callSpanSeconds, double wallSeconds, boolean balanced,
        Stage extract, Stage map, Stage load, Stage passThrough, Map<String, Long> peakRssKb,
        Map<String, Double> cpuSeconds, Map<String, Long> liveHeapBytes, double machineCpuSeconds,
        List<Double> steadyWindowShares) {

    /** Polls a bulk job needs at the least: the one that finds it done. */
    public static final int POLLS_PER_JOB = 1;
    /** The memory goal per service. */
    public static final long RSS_GOAL_KB = 512L * 1024;

    /** A stage's records and the seconds it worked on them. */
    public record Stage(long records, double seconds) {
        public double perSecond() {
            return seconds <= 0 ? Double.NaN : records / seconds;
        }
    }

    public long objectCalls() {
        return objects.stream().mapToLong(ObjectCalls::total).sum();
    }

    public long totalCalls() {
        return objectCalls() + otherCalls.values().stream().mapToLong(Long::longValue).sum();
    }

    public long minimumCalls() {
        return objects.stream().mapToLong(o -> o.minimum(POLLS_PER_JOB)).sum();
    }

    public long records() {
        return objects.stream().mapToLong(ObjectCalls::records).sum();
    }

    /** Calls made ÷ calls the budget allowed while calls were being made. */
    public double budgetUsed() {
        double allowed = budget.allowedWithin(callSpanSeconds);
        return allowed <= 0 ? Double.NaN : totalCalls() / allowed;
    }

    /**
     * The loader's ceiling on the real clock: the compressed clock multiplies the budget by the time scale but no
     * service's CPU, so it is against this one that extract + map must be fast (issue 13: ≥ 50 ×).
     */
    public double realClockLoaderCeiling() {
        return loaderCeiling() / budget.timeScale();
    }

    /** CPU milliseconds a source record cost a child (the extractor's records are the run's source records). */
    public double cpuMillisPerSourceRecord(double seconds) {
        return extract.records() == 0 ? Double.NaN : seconds * 1000 / extract.records();
    }

    /** Records a second the loader could write at the budget, at the fewest calls per record. */
    public double loaderCeiling() {
        long records = records();
        return records == 0 ? Double.NaN : budget.loaderCeilingPerSecond(minimumCalls() / (double) records);
    }
}
