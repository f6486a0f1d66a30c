package dev.ferry.loader.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.loader.budget.Sleeper;
import dev.ferry.loader.client.BulkItemFailure;
import dev.ferry.loader.client.BulkJobStatus;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.client.UpsertResult;
import dev.ferry.loader.client.WriteTarget;
import dev.ferry.loader.config.LoaderConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Writes planned commands of one target into Freshsales: first resolves what an earlier attempt may have left (open
 * intents, by lookup) and what existed before Ferry (accounts found by name, products by their custom field), then
 * writes through one {@code bulk_upsert} job or single upserts (products and custom-module records, which have no
 * upsert: a create, or an update of the record found), and finally resolves the ids of bulk-written records.
 *
 * <p>Never writes blindly after an ambiguous answer: a write without a definitive answer is looked up before it is
 * sent again. Upserts are keyed by the command's identifier, so even a write sent twice cannot create two records.
 */
public class TargetWriter {

    private static final Logger LOG = Logger.getLogger(TargetWriter.class);
    /** Job statuses that end a job without success (the sandbox's; the real API has only shown SUCCESS). */
    private static final Set<String> FAILED_JOB = Set.of("FAILED", "FAILURE", "ERROR");

    private final FreshsalesClient client;
    private final IdResolver resolver;
    private final LoaderConfig.Bulk bulk;
    private final LoaderConfig.Retry retry;
    private final Sleeper sleeper;
    /** When a bulk job's first poll comes, learned from the jobs this writer submitted before. */
    private final JobPace pace;
    private final Clock clock;
    /** Document uploads (attachments, issue 10); null where the loader has no source to read files from. */
    private final DocumentUploads documents;

    public TargetWriter(FreshsalesClient client, LoaderConfig.Bulk bulk, LoaderConfig.Retry retry, Sleeper sleeper,
            Clock clock) {
        this(client, bulk, retry, sleeper, clock, null);
    }

    public TargetWriter(FreshsalesClient client, LoaderConfig.Bulk bulk, LoaderConfig.Retry retry, Sleeper sleeper,
            Clock clock, DocumentUploads documents) {
        this.documents = documents;
        this.client = client;
        this.resolver = new IdResolver(client);
        this.bulk = bulk;
        this.retry = retry;
        this.sleeper = sleeper;
        this.pace = new JobPace(bulk.pollInterval());
        this.clock = clock;
    }

    /** Writes every plan (all of one target); returns each plan's result. */
    public Map<WritePlan, WriteResult> write(WriteTarget target, List<WritePlan> plans)
            throws InterruptedException {
        Map<WritePlan, WriteResult> results = new IdentityHashMap<>();
        resolveBeforeWriting(target, plans);
        List<WritePlan> toWrite = new ArrayList<>();
        for (WritePlan p : plans) {
            if (p.openIntent && p.existenceProvesWrite() && p.found != null && p.priorId() == null
                    && p.hash.equals(p.prior.intentHash())) {
                // The attempt that left the intent open created the record with exactly this payload.
                results.put(p, new WriteResult.Written(p.found.path("id").asLong(), true, p.found,
                        "an earlier attempt landed; found by lookup"));
            } else {
                toWrite.add(p);
            }
        }
        // A write onto another record's (billing onto a deal) goes alone: a bulk job's records are found again by
        // their identifier afterwards, and that record exists whether this write landed or not.
        List<WritePlan> onto = toWrite.stream().filter(p -> !p.existenceProvesWrite()).toList();
        toWrite.removeAll(onto);
        if (bulk.enabled() && target.supportsBulkUpsert() && toWrite.size() >= Math.max(2, bulk.minSize())
                && bulkPays(target, toWrite)) {
            results.putAll(writeBulk(target, toWrite));
        } else {
            for (WritePlan p : toWrite) {
                results.put(p, writeSingle(target, p));
            }
        }
        for (WritePlan p : onto) {
            results.put(p, writeSingle(target, p));
        }
        return results;
    }

    /**
     * A job's records must be found again afterwards for their ids. Contacts and accounts are found in their
     * all-records view, a hundred a call ({@link IdResolver#resolveJustWritten}). Elsewhere (deals) that is one search
     * per job when the identifier or the e-mail is in search hits, but one lookup per record otherwise, and then single
     * upserts (one call per record, ids in the answer) are cheaper: measured 1.03 against 1.00 calls per record
     * (bench/README.md).
     */
    static boolean bulkPays(WriteTarget target, List<WritePlan> plans) {
        if (IdResolver.listsRecentlyWritten(target)) {
            // The job's records are found in the all-records view, a hundred a call, whatever their e-mails.
            return true;
        }
        long cheap = plans.stream().filter(p -> IdResolver.searchable(p.identifierKey())
                || IdResolver.primaryEmail(p.fields) != null).count();
        return cheap * 2 >= plans.size();
    }

    /**
     * Open intents are looked up (an earlier attempt may have landed), together, as cheaply as the identifier allows
     * ({@link IdResolver#resolveWritten}). Records the ledger has never seen
     * are looked for when that is cheap (one search per hundred accounts by name): one that exists already was not
     * made by Ferry, and its current values become the before-image.
     */
    private void resolveBeforeWriting(WriteTarget target, List<WritePlan> plans) throws InterruptedException {
        if (target.target().foundInParentListing()) {
            resolveChildrenBeforeWriting(target, plans);
            return;
        }
        Map<String, List<WritePlan>> openByKey = new HashMap<>();
        plans.stream().filter(p -> p.openIntent)
                .forEach(p -> openByKey.computeIfAbsent(p.identifierKey(), k -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<WritePlan>> e : openByKey.entrySet()) {
            Map<String, ObjectNode> found = withRetries("lookup",
                    () -> resolver.resolveWritten(target, e.getKey(), wanted(e.getValue())));
            e.getValue().forEach(p -> p.found = found.get(p.identifierValue()));
        }
        Map<String, List<WritePlan>> freshByKey = new HashMap<>();
        for (WritePlan p : plans) {
            // A target without an upsert is searched for even by a custom field: a create must never repeat a record
            // Freshsales already holds (a ledger lost or reset, a record made outside Ferry).
            if (p.prior == null && (IdResolver.searchable(p.identifierKey()) || !target.supportsUpsert())) {
                freshByKey.computeIfAbsent(p.identifierKey(), k -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<String, List<WritePlan>> e : freshByKey.entrySet()) {
            List<String> values = e.getValue().stream().map(WritePlan::identifierValue).toList();
            Map<String, ObjectNode> found = withRetries("search",
                    () -> resolver.resolveMany(target, e.getKey(), values));
            for (WritePlan p : e.getValue()) {
                ObjectNode hit = found.get(p.identifierValue());
                if (hit != null) {
                    long id = hit.path("id").asLong();
                    p.preExisting = withRetries("read", () -> client.get(target, id));
                    p.remarks.add("existed in Freshsales before Ferry wrote it");
                }
            }
        }
    }

    /**
     * Notes, tasks and sales activities (issue 10): only open intents are looked for, since the ledger knows every
     * create Ferry made, and those together: one listing per parent however many of its children have an open intent
     * ({@link IdResolver#resolveInParents}). A record the listing does not show was never created and is created now;
     * one it shows is this command's, made by the attempt whose answer or process was lost.
     */
    private void resolveChildrenBeforeWriting(WriteTarget target, List<WritePlan> plans) throws InterruptedException {
        Map<String, List<WritePlan>> openByKey = new HashMap<>();
        plans.stream().filter(p -> p.openIntent && p.priorId() == null && childOf(p) != null)
                .forEach(p -> openByKey.computeIfAbsent(p.identifierKey(), k -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<WritePlan>> e : openByKey.entrySet()) {
            List<IdResolver.Child> wanted = e.getValue().stream().map(TargetWriter::childOf).toList();
            Map<String, ObjectNode> found = withRetries("listing",
                    () -> resolver.resolveInParents(target, e.getKey(), wanted));
            e.getValue().forEach(p -> p.found = found.get(p.identifierValue()));
        }
    }

    /** The parent a child plan's bound fields name, with its identifier value; null when there is none. */
    static IdResolver.Child childOf(WritePlan p) {
        return IdResolver.child(p.fields, p.identifierValue());
    }

    /** A child record after a lost answer: one listing of its parent. */
    private ObjectNode findChild(WriteTarget target, WritePlan p) throws InterruptedException {
        IdResolver.Child child = childOf(p);
        if (child == null) {
            throw new FreshsalesException.NoAnswer("listing", 0, "the record names no parent to list");
        }
        return resolver.resolveInParents(target, p.identifierKey(), List.of(child)).get(p.identifierValue());
    }

    WriteResult writeSingle(WriteTarget target, WritePlan p) throws InterruptedException {
        FreshsalesException.NoAnswer last = null;
        for (int attempt = 1; attempt <= Math.max(1, retry.maxAttempts()); attempt++) {
            try {
                return once(target, p);
            } catch (FreshsalesException.Refused e) {
                return new WriteResult.Refused(e.status(), e.messages());
            } catch (FreshsalesException.NoAnswer e) {
                last = e;
                p.ambiguousAttempt = true;
                LOG.debugf("%s (attempt %d for %s)", e.getMessage(), attempt, p.item.key());
                sleeper.sleep(backoff(attempt));
                if (!p.existenceProvesWrite()) {
                    // The record is there whether this write landed or not (its owner made it): the upsert, which
                    // repeats safely, goes again. Regression: billing fields lost under 5xx (issue 9's fault matrix).
                    continue;
                }
                // The write may have landed: look before writing again.
                ObjectNode hit;
                try {
                    // A target without an upsert must know before it sends anything again, and a search may be
                    // repeated freely: it gets the reads' retries. An upsert is itself safe to repeat.
                    if (target.target().foundInParentListing()) {
                        hit = withRetries("listing", () -> findChild(target, p));
                    } else {
                        hit = target.supportsUpsert() ? resolver.lookupOne(target, p.identifierKey(), p.identifierValue())
                                : withRetries("lookup", () -> resolver.lookupOne(target, p.identifierKey(),
                                        p.identifierValue()));
                    }
                } catch (FreshsalesException.NoAnswer lookupFailed) {
                    if (!target.supportsUpsert()) {
                        // A create sent again without knowing whether the first landed could make a second record:
                        // the intent stays open and the record comes back through the lookup of open intents.
                        return new WriteResult.Exhausted(lookupFailed.status(), lookupFailed.getMessage());
                    }
                    continue;
                }
                if (hit != null && p.priorId() == null && p.preExisting == null) {
                    return new WriteResult.Written(hit.path("id").asLong(), true, hit,
                            (target.supportsUpsert() ? "upsert" : "create") + "; its answer was lost, found by lookup");
                }
                if (hit != null && !target.supportsUpsert()) {
                    p.found = hit; // written before: the next attempt updates it by id, never creates a second
                }
            }
        }
        return new WriteResult.Exhausted(last.status(), last.getMessage());
    }

    /**
     * One write: an upsert by the identifier where the target has one; otherwise an update of the record known by id
     * (the ledger's, an open intent's found by lookup, or one that existed before Ferry), else a create.
     */
    private WriteResult once(WriteTarget target, WritePlan p) throws InterruptedException {
        if (target.target() == dev.ferry.contracts.FreshsalesTarget.DOCUMENT) {
            return document(target, p);
        }
        if (target.supportsUpsert()) {
            UpsertResult r = client.upsert(target, p.command().identifier(), p.fields);
            return new WriteResult.Written(r.id(), r.created(), r.record(), "upsert");
        }
        Long id = knownId(p);
        if (id == null) {
            UpsertResult r = client.create(target, p.fields);
            return new WriteResult.Written(r.id(), true, r.record(), "create");
        }
        UpsertResult r = client.update(target, id, p.fields);
        return new WriteResult.Written(r.id(), false, r.record(), "update");
    }

    /**
     * A document: uploaded when Freshsales holds none for it. Freshsales documents have no update (reference 5.13), so a
     * document found on its parent (an earlier attempt's, whose answer was lost) is this command's and is never sent
     * again, and one the ledger holds from an earlier run whose source file changed since is said, not replaced.
     */
    private WriteResult document(WriteTarget target, WritePlan p) throws InterruptedException {
        if (p.priorId() != null) {
            return new WriteResult.Failed(new dev.ferry.contracts.TargetFailure(0, List.of("document "
                    + p.priorId() + " holds this attachment as an earlier run uploaded it; Freshsales cannot update a"
                    + " document's file: delete it there and run again to upload the changed file"),
                    dev.ferry.contracts.TargetFailure.UNSUPPORTED));
        }
        if (p.found != null) {
            return new WriteResult.Written(p.found.path("id").asLong(), true, p.found,
                    "found on its parent: an earlier attempt uploaded it");
        }
        if (documents == null) {
            return new WriteResult.Failed(new dev.ferry.contracts.TargetFailure(0,
                    List.of("this loader has no Dr.DENTES source to read attachment content from"),
                    dev.ferry.contracts.TargetFailure.UNSUPPORTED));
        }
        return documents.upload(target, p.fields);
    }

    /** The Freshsales id a plan's record already has, as far as the ledger and the lookups before writing know. */
    static Long knownId(WritePlan p) {
        if (p.priorId() != null) {
            return p.priorId();
        }
        ObjectNode seen = p.found != null ? p.found : p.preExisting;
        return seen != null && seen.path("id").canConvertToLong() ? seen.path("id").asLong() : null;
    }

    private Map<WritePlan, WriteResult> writeBulk(WriteTarget target, List<WritePlan> plans)
            throws InterruptedException {
        Map<WritePlan, WriteResult> results = new IdentityHashMap<>();
        List<Map.Entry<Map<String, String>, ObjectNode>> items = new ArrayList<>();
        for (WritePlan p : plans) {
            items.add(new AbstractMap.SimpleImmutableEntry<>(p.command().identifier(), p.fields));
        }
        Long jobId = null;
        int refusals405 = 0;
        while (jobId == null) {
            try {
                jobId = client.submitBulk(target, items);
            } catch (FreshsalesException.Refused e) {
                if (e.status() == 405 && refusals405 < bulk.retriesOn405()) {
                    refusals405++;
                    sleeper.sleep(bulk.backoffOn405());
                    continue;
                }
                LOG.infof("bulk_upsert of %d %s refused with %d; writing them one by one", plans.size(),
                        target.path(), e.status());
                return fallBackToSingle(target, plans, "bulk_upsert refused with " + e.status());
            } catch (FreshsalesException.NoAnswer e) {
                // The job may exist anyway: look every record up before writing it again.
                LOG.infof("bulk_upsert of %d %s got no definitive answer; resolving by lookup", plans.size(),
                        target.path());
                return resolveThenSingle(target, plans, "bulk_upsert got no answer");
            }
        }
        BulkJobStatus status = awaitJob(jobId, plans.size());
        if (status == null) {
            return resolveThenSingle(target, plans, "bulk job " + jobId + " did not finish in time");
        }
        List<WritePlan> failed = new ArrayList<>();
        List<WritePlan> succeeded = new ArrayList<>();
        Map<Integer, BulkItemFailure> failures = new HashMap<>();
        for (BulkItemFailure f : status.failures()) {
            int index = f.index() >= 0 ? f.index() : indexOf(plans, f);
            if (index >= 0) {
                failures.put(index, f);
            }
        }
        for (int i = 0; i < plans.size(); i++) {
            (failures.containsKey(i) ? failed : succeeded).add(plans.get(i));
        }
        String via = "bulk_upsert job " + jobId;
        List<WritePlan> unresolved = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            WritePlan p = plans.get(i);
            Long id = status.writtenIds().get(i);
            if (!failures.containsKey(i) && id != null) {
                results.put(p, new WriteResult.Written(id, null, null, via));
            } else if (!failures.containsKey(i)) {
                unresolved.add(p);
            }
        }
        Instant jobCreated = status.createdAt() == null ? null : status.createdAt().toInstant();
        Map<String, List<WritePlan>> byKey = new HashMap<>();
        unresolved.forEach(p -> byKey.computeIfAbsent(p.identifierKey(), k -> new ArrayList<>()).add(p));
        for (Map.Entry<String, List<WritePlan>> e : byKey.entrySet()) {
            Map<String, ObjectNode> found = withRetries("lookup",
                    () -> resolver.resolveJustWritten(target, e.getKey(), wanted(e.getValue())));
            for (WritePlan p : e.getValue()) {
                ObjectNode hit = found.get(p.identifierValue());
                if (hit == null) {
                    // Reported written but not findable: write it singly rather than guess.
                    failed.add(p);
                    continue;
                }
                results.put(p, new WriteResult.Written(hit.path("id").asLong(), createdByJob(hit, jobCreated), hit, via));
            }
        }
        for (WritePlan p : failed) {
            BulkItemFailure f = failures.get(plans.indexOf(p));
            if (f != null) {
                p.remarks.add("bulk item failed with " + f.status() + "; retried singly");
            }
            results.put(p, writeSingle(target, p));
        }
        return results;
    }

    /**
     * Polls the job until it finishes, the first poll after the pace learned from earlier jobs ({@link JobPace}), the
     * others at the configured interval; null when it does not finish within the job timeout or ends without success.
     */
    private BulkJobStatus awaitJob(long jobId, int items) throws InterruptedException {
        Instant submitted = clock.instant();
        Instant deadline = submitted.plus(bulk.jobTimeout());
        int polls = 0;
        while (true) {
            sleeper.sleep(polls == 0 ? pace.firstWait(items) : bulk.pollInterval());
            polls++;
            try {
                BulkJobStatus s = client.jobStatus(jobId);
                if (s.finished()) {
                    pace.finished(items, Duration.between(submitted, clock.instant()), polls);
                    return s;
                }
                if (FAILED_JOB.contains(s.status().toUpperCase(Locale.ROOT))) {
                    LOG.infof("bulk job %d ended with status %s", jobId, s.status());
                    return null;
                }
            } catch (FreshsalesException.NoAnswer e) {
                LOG.debugf("polling bulk job %d: %s", jobId, e.getMessage());
            } catch (FreshsalesException.Refused e) {
                LOG.infof("polling bulk job %d refused with %d", jobId, e.status());
                return null;
            }
            if (clock.instant().isAfter(deadline)) {
                return null;
            }
        }
    }

    private Map<WritePlan, WriteResult> fallBackToSingle(WriteTarget target, List<WritePlan> plans, String why)
            throws InterruptedException {
        Map<WritePlan, WriteResult> results = new IdentityHashMap<>();
        for (WritePlan p : plans) {
            p.remarks.add(why + "; written singly");
            results.put(p, writeSingle(target, p));
        }
        return results;
    }

    /** After an ambiguous bulk submission: records that landed are taken as written, the others written singly. */
    private Map<WritePlan, WriteResult> resolveThenSingle(WriteTarget target, List<WritePlan> plans, String why)
            throws InterruptedException {
        Map<WritePlan, WriteResult> results = new IdentityHashMap<>();
        Map<String, List<WritePlan>> byKey = new HashMap<>();
        plans.forEach(p -> byKey.computeIfAbsent(p.identifierKey(), k -> new ArrayList<>()).add(p));
        Map<WritePlan, ObjectNode> found = new IdentityHashMap<>();
        for (Map.Entry<String, List<WritePlan>> e : byKey.entrySet()) {
            Map<String, ObjectNode> hits = withRetries("lookup",
                    () -> resolver.resolveJustWritten(target, e.getKey(), wanted(e.getValue())));
            e.getValue().forEach(p -> {
                if (hits.containsKey(p.identifierValue())) {
                    found.put(p, hits.get(p.identifierValue()));
                }
            });
        }
        for (WritePlan p : plans) {
            p.remarks.add(why);
            p.ambiguousAttempt = true;
            ObjectNode hit = found.get(p);
            if (hit != null && p.priorId() == null && p.preExisting == null) {
                // Created by the job whose answer never came; the upsert below would only repeat it.
                results.put(p, new WriteResult.Written(hit.path("id").asLong(), true, hit, "found by lookup"));
            } else {
                results.put(p, writeSingle(target, p));
            }
        }
        return results;
    }

    private static List<IdResolver.Wanted> wanted(List<WritePlan> plans) {
        return plans.stream().map(p -> new IdResolver.Wanted(p.identifierValue(), IdResolver.primaryEmail(p.fields)))
                .toList();
    }

    private static int indexOf(List<WritePlan> plans, BulkItemFailure f) {
        for (int i = 0; i < plans.size(); i++) {
            WritePlan p = plans.get(i);
            String v = f.identifier().get(p.identifierKey());
            if (v != null && v.equals(p.identifierValue())) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a record found after a job was created by it: created no earlier than the job, in the server's clock. */
    static Boolean createdByJob(ObjectNode record, Instant jobCreated) {
        String created = record.path("created_at").asText(null);
        if (created == null || jobCreated == null) {
            return null;
        }
        try {
            return !OffsetDateTime.parse(created).toInstant().isBefore(jobCreated);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Duration backoff(int attempt) {
        Duration d = retry.initialBackoff();
        for (int i = 1; i < attempt && d.compareTo(retry.maxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(retry.maxBackoff()) > 0 ? retry.maxBackoff() : d;
    }

    /** A read that may be repeated freely. */
    @FunctionalInterface
    interface Read<T> {
        T get() throws InterruptedException;
    }

    private <T> T withRetries(String what, Read<T> read) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (FreshsalesException.NoAnswer e) {
                if (attempt >= Math.max(1, retry.maxAttempts())) {
                    throw e;
                }
                LOG.debugf("%s: %s (attempt %d)", what, e.getMessage(), attempt);
                sleeper.sleep(backoff(attempt));
            }
        }
    }
}
