package dev.ferry.mapper.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Releases one batch of held records of a run and resource on several threads. Mapping a record is mostly waiting (its
 * PostgreSQL transactions, the broker's acknowledgement of its command), and one thread doing it record after record
 * was the pipeline's slowest stage: the bench measured 63 records a second for the whole mapper (issue 13), nearly
 * all of them released here. Records of one batch do not depend on each other's order: a record whose linked record
 * is not decided yet stays held and comes again in the next pass, and each row is taken with
 * {@code FOR UPDATE SKIP LOCKED}, so two threads never map the same record.
 */
final class ParallelRelease implements AutoCloseable {

    private final ExecutorService threads;
    private final int parallelism;

    ParallelRelease(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("ferry.mapper.release-parallelism must be at least 1");
        }
        this.parallelism = parallelism;
        AtomicInteger n = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "ferry-mapper-release-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Offers every id to {@code release} and returns how many it released. Every id is tried even when one fails;
     * then the first failure is thrown (the caller's pass stops and the rows that were not released stay held).
     */
    long each(List<String> ids, Predicate<String> release) {
        if (parallelism == 1 || ids.size() < 2) {
            long released = 0;
            for (String id : ids) {
                if (release.test(id)) {
                    released++;
                }
            }
            return released;
        }
        List<Future<Boolean>> results = new ArrayList<>(ids.size());
        for (String id : ids) {
            results.add(threads.submit(() -> release.test(id)));
        }
        long released = 0;
        RuntimeException first = null;
        for (Future<Boolean> result : results) {
            try {
                if (result.get()) {
                    released++;
                }
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                results.forEach(f -> f.cancel(false));
                throw new IllegalStateException("release pass interrupted", e);
            }
        }
        if (first != null) {
            throw first;
        }
        return released;
    }

    @Override
    public void close() {
        threads.shutdown();
        try {
            threads.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
