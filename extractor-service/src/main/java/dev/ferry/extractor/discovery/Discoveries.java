package dev.ferry.extractor.discovery;

import dev.ferry.extractor.client.DentesCallFailed;
import dev.ferry.extractor.client.PageSource;
import dev.ferry.extractor.client.TargetUsersClient;
import dev.ferry.extractor.config.DiscoveryConfig;
import dev.ferry.extractor.config.ExtractorConfig;
import dev.ferry.extractor.config.ResourceCatalog;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Discoveries: started one at a time on a thread of their own (a discovery reads the whole tenant and shares its rate
 * limit with runs through the one {@code DentesClient}), kept **in memory** (the last {@code ferry.discovery.keep};
 * a restart forgets them, and a discovery running at a restart is lost and must be started again). The report is
 * cheap to make again and holds staff e-mails and patient ids, so it is not stored in PostgreSQL; the CLI writes it
 * to files.
 */
@ApplicationScoped
public class Discoveries {

    private static final Logger LOG = Logger.getLogger(Discoveries.class);
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A discovery's state. */
    public enum State { RUNNING, COMPLETED, FAILED }

    /** What {@code GET /discoveries/{id}} shows: the state, where the reading is, and the report once done. */
    public record View(String discoveryId, State state, Instant startedAt, Instant finishedAt, String reading,
            long recordsRead, String failureReason, DiscoveryReport report) {
    }

    private final class Job {
        final String id;
        final Instant startedAt;
        volatile State state = State.RUNNING;
        volatile String reading;
        volatile long recordsRead;
        volatile Instant finishedAt;
        volatile String failureReason;
        volatile DiscoveryReport report;

        Job(String id, Instant startedAt) {
            this.id = id;
            this.startedAt = startedAt;
        }

        View view() {
            return new View(id, state, startedAt, finishedAt, reading, recordsRead, failureReason, report);
        }
    }

    private final PageSource source;
    private final ResourceCatalog catalog;
    private final ExtractorConfig extractor;
    private final DiscoveryConfig config;
    private final TargetUsersClient targetUsers;
    private final Clock clock;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ferry-discovery");
        t.setDaemon(true);
        return t;
    });

    public Discoveries(PageSource source, ResourceCatalog catalog, ExtractorConfig extractor, DiscoveryConfig config,
            TargetUsersClient targetUsers, Clock clock) {
        this.source = source;
        this.catalog = catalog;
        this.extractor = extractor;
        this.config = config;
        this.targetUsers = targetUsers;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * Starts a discovery; it queues behind one already running.
     *
     * @param users the Freshsales users to match practitioners against, or null to ask the loader
     */
    public String start(List<OwnerMatching.User> users) {
        byte[] random = new byte[2];
        RANDOM.nextBytes(random);
        Instant now = clock.instant();
        Job job = new Job("disc-" + STAMP.format(now) + "-" + HexFormat.of().formatHex(random), now);
        synchronized (jobs) {
            jobs.put(job.id, job);
            while (jobs.size() > Math.max(1, config.keep())) {
                String oldest = jobs.keySet().iterator().next();
                if (jobs.get(oldest).state == State.RUNNING) {
                    break;
                }
                jobs.remove(oldest);
            }
        }
        worker.submit(() -> run(job, users));
        return job.id;
    }

    public Optional<View> view(String id) {
        synchronized (jobs) {
            Job j = jobs.get(id);
            return j == null ? Optional.empty() : Optional.of(j.view());
        }
    }

    /** Every discovery kept, newest first, without reports. */
    public List<View> list() {
        List<View> out = new ArrayList<>();
        synchronized (jobs) {
            jobs.values().forEach(j -> out.add(0, new View(j.id, j.state, j.startedAt, j.finishedAt, j.reading,
                    j.recordsRead, j.failureReason, null)));
        }
        return out;
    }

    private void run(Job job, List<OwnerMatching.User> requestUsers) {
        DiscoveryScan.Settings settings = new DiscoveryScan.Settings(config.noteLimitBytes(), config.idsPerFinding(),
                config.groupsPerFinding(), 20, config.phoneRegion(), 200);
        DiscoveryScan scan = new DiscoveryScan(settings);
        LOG.infof("discovery %s: reading the tenant", job.id);
        try {
            new TenantReader(source, catalog::pathOf, extractor.dentes().pageSize()).readInto(scan, (r, n) -> {
                job.reading = r;
                job.recordsRead = n;
            });
            DiscoveryScan.Result result = scan.finish();
            DiscoveryReport.Owners owners = owners(scan.staff(), requestUsers);
            Long storage = config.targetStorageBytes().orElse(null);
            DiscoveryReport.Attachments attachments = new DiscoveryReport.Attachments(result.attachments(),
                    result.attachmentBytes(), result.largestAttachment(), result.largestAttachmentBytes(), storage,
                    storage == null ? null : result.attachmentBytes() <= storage);
            job.finishedAt = clock.instant();
            job.report = new DiscoveryReport(job.id, job.startedAt, job.finishedAt, result.resources(),
                    result.modules(), result.customFields(), result.findings(), attachments, owners,
                    new DiscoveryReport.Limits(settings.noteLimitBytes(), settings.idsPerFinding(),
                            settings.groupsPerFinding(), settings.phoneRegion(), result.indexBytes(),
                            DiscoveryScan.memoryBound()));
            job.state = State.COMPLETED;
            LOG.infof("discovery %s: completed, %d records read, %d findings with records", job.id, job.recordsRead,
                    result.findings().stream().filter(f -> f.count() > 0).count());
        } catch (DentesCallFailed e) {
            fail(job, e.getMessage());
        } catch (InterruptedException e) {
            fail(job, "interrupted (the service is stopping)");
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The exception's class only: a message could quote a value.
            LOG.errorf("discovery %s failed: %s", job.id, e.getClass().getName());
            fail(job, "internal error (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void fail(Job job, String reason) {
        job.failureReason = reason;
        job.finishedAt = clock.instant();
        job.state = State.FAILED;
        LOG.warnf("discovery %s failed: %s", job.id, reason);
    }

    private DiscoveryReport.Owners owners(List<DiscoveryScan.StaffMember> staff, List<OwnerMatching.User> given) {
        if (given != null) {
            return OwnerMatching.match(staff, given, "request", null);
        }
        if (!targetUsers.configured()) {
            return OwnerMatching.match(staff, null, "none", "no Freshsales users: pass targetUsers with the request"
                    + " (bin/ferry discover --users FILE) or set ferry.discovery.loader-url");
        }
        try {
            List<OwnerMatching.User> users = targetUsers.owners().stream()
                    .map(o -> new OwnerMatching.User(o.email(), o.displayName(), o.active())).toList();
            return OwnerMatching.match(staff, users, "loader", null);
        } catch (IOException e) {
            return OwnerMatching.match(staff, null, "loader", "the loader at " + targetUsers.loaderUrl()
                    + " did not give the users: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OwnerMatching.match(staff, null, "loader", "interrupted while asking the loader");
        } catch (RuntimeException e) {
            return OwnerMatching.match(staff, null, "loader", "the loader's answer could not be read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
