package dev.ferry.mapper.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.mapper.client.LoaderMetadataClient;
import dev.ferry.mapper.client.MetadataUnavailableException;
import dev.ferry.mapper.config.AuthConfig;
import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.preflight.CostEstimate;
import dev.ferry.mapper.mapping.preflight.DiscoveryFacts;
import dev.ferry.mapper.mapping.preflight.PreflightReport;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Preflight (issue 11 step 3): checks a confirmed map against the Freshsales account as the loader reads it now (a
 * fresh {@code GET /target/metadata}, as a proposal does, never a run's snapshot: the admin's fixes must show at once)
 * and keeps the last {@link #KEPT} reports in memory for their Markdown and CSV renderings. It lives in the mapper
 * because the mapper holds both halves: the confirmed maps and the reading of the account's metadata.
 */
@ApplicationScoped
public class PreflightService {

    static final int KEPT = 20;
    /** The id that names the report run last; no report id has this form ({@code pf-<time>-<hex>}). */
    public static final String LATEST = "latest";
    private static final Logger LOG = Logger.getLogger(PreflightService.class);
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    private final ConfirmedMaps maps;
    private final LoaderMetadataClient loader;
    private final MapperConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PreflightReport> kept = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreflightReport> eldest) {
            return size() > KEPT;
        }
    };

    @Inject
    public PreflightService(ConfirmedMaps maps, MapperConfig config, AuthConfig auth, Clock clock) {
        this(maps, new LoaderMetadataClient(config.loaderUrl(), config.metadataTimeout(), auth.serviceToken()), config,
                clock);
    }

    PreflightService(ConfirmedMaps maps, LoaderMetadataClient loader, MapperConfig config, Clock clock) {
        this.maps = maps;
        this.loader = loader;
        this.config = config;
        this.clock = clock;
    }

    /**
     * @param mapSelector the confirmed map to check ({@code latest} when null, {@code 3}, {@code v3},
     *     {@code confirmed/v3})
     * @param discovery a discovery report (counts, attachments, unmatched practitioners, custom fields and modules),
     *     or null
     * @param callsPerHour the budget to estimate with, or null for {@code ferry.mapper.preflight.calls-per-hour}
     * @throws IllegalArgumentException a discovery that is no report, a budget that is not positive
     * @throws ProposalService.TargetUnavailable the loader did not serve the account's metadata
     */
    public PreflightReport run(String mapSelector, JsonNode discovery, Integer callsPerHour) {
        String id = "pf-" + ID_TIME.format(clock.instant()) + "-" + HexFormat.of().toHexDigits((short) random.nextInt());
        if (callsPerHour != null && callsPerHour <= 0) {
            throw new IllegalArgumentException("callsPerHour must be positive");
        }
        PreflightReport.JsonDiscovery d = new PreflightReport.JsonDiscovery(ProposalService.schemaOf(discovery),
                DiscoveryFacts.of(discovery));
        String selector = mapSelector == null || mapSelector.isBlank() ? "latest" : mapSelector;
        Optional<ConfirmedMaps.View> view = maps.find(selector);
        PreflightReport report;
        if (view.isEmpty()) {
            report = PreflightReport.noMap(id, clock.instant(), "latest".equals(selector) ? "no map is confirmed"
                    : "no confirmed map " + selector, "propose and confirm the map first (ferry propose, then ferry"
                    + " confirm --file map.yaml)");
        } else {
            Optional<CompiledSpec> spec = maps.spec(view.get().mappingVersion());
            if (spec.isEmpty()) {
                report = PreflightReport.noMap(id, clock.instant(), "the confirmed map " + view.get().mappingVersion()
                        + " was changed after its confirmation, or no longer compiles", "confirm the map again");
            } else {
                TargetView target;
                try {
                    target = new TargetView(loader.fetch().metadata());
                } catch (MetadataUnavailableException e) {
                    throw new ProposalService.TargetUnavailable("the Freshsales account's metadata is unavailable: "
                            + e.getMessage());
                }
                MapperConfig.Preflight p = config.preflight();
                CostEstimate.Model model = new CostEstimate.Model(callsPerHour == null ? p.callsPerHour() : callsPerHour,
                        p.bulkSize(), p.pollsPerJob(), p.idCallsPerJob(), p.metadataCalls());
                report = PreflightReport.build(id, clock.instant(), view.get().mappingVersion(), spec.get(), target, d,
                        config.fallbackOwnerEmail(), model);
            }
        }
        synchronized (kept) {
            kept.put(id, report);
        }
        // Counts only: findings name staff, and the report is where people read them.
        LOG.infof("preflight %s of %s: %s, %d blocking of %d findings", id, report.mapVersion() == null ? "(no map)"
                : report.mapVersion(), report.passed() ? "passed" : "blocked", report.blocking(),
                report.findings().size());
        return report;
    }

    /**
     * A kept report by its id, or {@code latest}: the one run last (what the review page opens first, as
     * {@code /mapping/confirmations/latest} names the last confirmed map).
     */
    public Optional<PreflightReport> find(String id) {
        synchronized (kept) {
            if (LATEST.equals(id)) {
                PreflightReport last = null;
                for (PreflightReport r : kept.values()) {
                    last = r;
                }
                return Optional.ofNullable(last);
            }
            return Optional.ofNullable(kept.get(id));
        }
    }
}
