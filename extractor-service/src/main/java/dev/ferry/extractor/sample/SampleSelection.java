package dev.ferry.extractor.sample;

import dev.ferry.contracts.SourceResource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Picks a sample run's records (issue 11 step 4): every value of every dimension at least once where the size allows
 * (each treatment type, case stage, owner, appointment type), then an even spread over the strata (one record per
 * stratum in turn), always with the parents its links need, so that nothing in the sample waits for or is rejected
 * for a parent left out.
 *
 * <p>Deterministic (the same tenant gives the same sample, so an operator can rerun it after fixing the map), and
 * bounded: the sample's size counts every record, parents included, and is never exceeded.
 *
 * <p>Coverage first, greedily: the candidate that covers the most values not covered yet, the fewest new records on
 * a tie (a second appointment of a sampled patient is cheaper than one of a new patient), then the lowest id. A value
 * whose every candidate would overflow the size is reported uncovered, not silently dropped.
 */
public final class SampleSelection {

    /**
     * The chosen records.
     *
     * @param records every record of the sample, parents included, by resource
     * @param roots how many candidates were chosen (the rest of {@code records} are their parents)
     * @param uncovered {@code resource/dimension=value} pairs the sample could not cover within its size
     */
    public record Result(Map<SourceResource, Set<String>> records, int roots, List<String> uncovered) {
        public int size() {
            return records.values().stream().mapToInt(Set::size).sum();
        }
    }

    private final int size;
    private final Function<SampleRef, List<SampleRef>> parentsOf;
    private final Set<SampleRef> chosen = new LinkedHashSet<>();
    private int roots;

    /**
     * @param size the most records the sample holds, parents included
     * @param parentsOf the parents of a parent (a patient's clinic and practitioner, a clinic's parent clinic); an
     *     empty list when it has none or is unknown (the run then decides it as it would in a full run)
     */
    public SampleSelection(int size, Function<SampleRef, List<SampleRef>> parentsOf) {
        if (size < 1) {
            throw new IllegalArgumentException("a sample holds at least one record");
        }
        this.size = size;
        this.parentsOf = parentsOf;
    }

    public Result select(List<SampleCandidate> candidates) {
        List<SampleCandidate> pool = new ArrayList<>(candidates);
        pool.sort(Comparator.comparing(SampleCandidate::ref));
        Set<String> toCover = new TreeSet<>();
        pool.forEach(c -> toCover.addAll(values(c)));
        Set<String> covered = new TreeSet<>();
        Map<SampleRef, SampleCandidate> byRef = new java.util.HashMap<>();
        pool.forEach(c -> byRef.put(c.ref(), c));
        Set<SampleRef> taken = new LinkedHashSet<>();
        while (true) {
            SampleCandidate best = null;
            int bestGain = 0;
            int bestCost = Integer.MAX_VALUE;
            for (SampleCandidate c : pool) {
                if (taken.contains(c.ref()) || chosen.contains(c.ref())) {
                    continue;
                }
                int gain = (int) values(c).stream().filter(v -> !covered.contains(v)).count();
                if (gain == 0 || gain < bestGain) {
                    continue;
                }
                int cost = closure(c).size();
                if (chosen.size() + cost > size) {
                    continue;
                }
                if (gain > bestGain || cost < bestCost) {
                    best = c;
                    bestGain = gain;
                    bestCost = cost;
                }
            }
            if (best == null) {
                break;
            }
            // A candidate can come in as another's parent (an appointment's case): its values are covered too.
            for (SampleRef r : take(best)) {
                taken.add(r);
                SampleCandidate in = byRef.get(r);
                if (in != null) {
                    covered.addAll(values(in));
                }
            }
        }
        fill(pool, taken);
        Map<SourceResource, Set<String>> out = new TreeMap<>();
        chosen.forEach(r -> out.computeIfAbsent(r.resource(), k -> new TreeSet<>()).add(r.id()));
        List<String> uncovered = toCover.stream().filter(v -> !covered.contains(v)).toList();
        return new Result(out, roots, uncovered);
    }

    /** Round robin over the strata (resource and every dimension's value), one candidate each in turn. */
    private void fill(List<SampleCandidate> pool, Set<SampleRef> taken) {
        Map<String, Deque<SampleCandidate>> strata = new TreeMap<>();
        for (SampleCandidate c : pool) {
            if (!taken.contains(c.ref())) {
                strata.computeIfAbsent(c.ref().resource() + "|" + new TreeMap<>(c.dimensions()),
                        k -> new ArrayDeque<>()).add(c);
            }
        }
        boolean progress = true;
        while (progress && chosen.size() < size) {
            progress = false;
            for (Deque<SampleCandidate> stratum : strata.values()) {
                while (!stratum.isEmpty()) {
                    SampleCandidate c = stratum.poll();
                    if (!chosen.contains(c.ref()) && chosen.size() + closure(c).size() <= size) {
                        take(c);
                        progress = true;
                        break;
                    }
                }
            }
        }
    }

    /** Takes the candidate with its parents; returns the records it added. */
    private Set<SampleRef> take(SampleCandidate c) {
        Set<SampleRef> added = closure(c);
        chosen.addAll(added);
        roots++;
        return added;
    }

    /** The records taking this candidate would add: itself and its parents, transitively, not chosen yet. */
    private Set<SampleRef> closure(SampleCandidate c) {
        Set<SampleRef> out = new LinkedHashSet<>();
        Deque<SampleRef> todo = new ArrayDeque<>();
        todo.add(c.ref());
        todo.addAll(c.parents());
        while (!todo.isEmpty()) {
            SampleRef r = todo.poll();
            if (!chosen.contains(r) && out.add(r)) {
                todo.addAll(parentsOf.apply(r));
            }
        }
        return out;
    }

    /** The candidate's stratification values, as {@code resource/dimension=value}. */
    private static List<String> values(SampleCandidate c) {
        List<String> out = new ArrayList<>();
        c.dimensions().forEach((d, v) -> out.add(c.ref().resource().path() + "/" + d + "=" + v));
        return out;
    }
}
