package dev.ferry.contracts;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/** Every Kafka topic Ferry uses. Services map their channels to these names; none invents its own. */
public final class Topics {
    /** Prefix of the per-resource raw topics; see {@link SourceResource#rawTopic()}. Key = source id. */
    public static final String RAW_PREFIX = "dentes.raw.";
    /** Load commands from the mapper (and retry or rollback commands from the audit service). Key = partition key. */
    public static final String COMMANDS = "freshsales.commands";
    /**
     * Every outcome of every record operation, rejections included. Key = {@link #outcomeKey}, so every outcome of one
     * record, whichever service decided it, lands on one partition in order.
     */
    public static final String OUTCOMES = "freshsales.outcomes";
    /**
     * Run lifecycle events: started, manifest ids (in chunks) and counts, extraction finished, run finished. Key = run
     * id, so a run's events stay in order on one partition.
     */
    public static final String RUNS = "migration.runs";
    /**
     * Messages no consumer could decode, with the reason and where they came from. They cannot be tied to a source
     * record, so they cannot be outcomes; the audit service still counts and lists them.
     */
    public static final String POISON = "ferry.poison";

    private Topics() {
    }

    /**
     * Every topic name Ferry uses: the fixed ones above and each resource's raw topic. Each service has a test that
     * fails when its configuration names a topic outside this set, so a renamed topic cannot leave a consumer reading
     * a topic nobody writes.
     */
    public static Set<String> all() {
        Set<String> all = new TreeSet<>(Set.of(COMMANDS, OUTCOMES, RUNS, POISON));
        Arrays.stream(SourceResource.values()).map(SourceResource::rawTopic).forEach(all::add);
        return Set.copyOf(all);
    }

    /** The Kafka key of a record's outcomes: {@code <resource path>/<source id>}, e.g. {@code patients/P-000123}. */
    public static String outcomeKey(SourceResource resource, String sourceId) {
        return resource.path() + "/" + sourceId;
    }
}
