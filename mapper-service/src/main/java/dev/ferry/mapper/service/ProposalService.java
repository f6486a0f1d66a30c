package dev.ferry.mapper.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.mapper.client.LoaderMetadataClient;
import dev.ferry.mapper.client.MetadataUnavailableException;
import dev.ferry.mapper.config.AuthConfig;
import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.mapping.proposal.DiscoveredSchema;
import dev.ferry.mapper.mapping.proposal.MapProposal;
import dev.ferry.mapper.mapping.proposal.ProposalBuilder;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes map proposals (issue 11 step 2) against the account's field catalogue as the loader serves it now (a fresh
 * {@code GET /target/metadata}, not a run's snapshot), from the mapper's default spec, and keeps the last
 * {@link #KEPT} in memory: a proposal is a working document, the confirmed map is what is stored.
 */
@ApplicationScoped
public class ProposalService {

    static final int KEPT = 20;
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** A proposal with the documents made from it. */
    public record Kept(MapProposal proposal, String baseSpecText) {
    }

    /** The target's catalogue could not be read: nothing to score against. */
    public static class TargetUnavailable extends RuntimeException {
        public TargetUnavailable(String message) {
            super(message);
        }
    }

    private final SpecRegistry specs;
    private final LoaderMetadataClient loader;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Kept> kept = new LinkedHashMap<>(KEPT, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > KEPT;
        }
    };

    @Inject
    public ProposalService(SpecRegistry specs, MapperConfig config, AuthConfig auth, Clock clock) {
        this(specs, new LoaderMetadataClient(config.loaderUrl(), config.metadataTimeout(), auth.serviceToken()), clock);
    }

    ProposalService(SpecRegistry specs, LoaderMetadataClient loader, Clock clock) {
        this.specs = specs;
        this.loader = loader;
        this.clock = clock;
    }

    /**
     * @param baseVersion the spec to start from (a shipped version or {@code confirmed/vN}); null: the default spec
     * @param discovery a discovery report (its {@code customFields} and {@code customModules} are read), or null
     */
    public Kept propose(String baseVersion, JsonNode discovery) {
        CompiledSpec base = specs.forVersion(baseVersion)
                .orElseThrow(() -> new IllegalArgumentException("no mapping spec " + baseVersion));
        LoaderMetadataClient.Fetched target;
        try {
            target = loader.fetch();
        } catch (MetadataUnavailableException e) {
            throw new TargetUnavailable("the Freshsales field catalogue is unavailable: " + e.getMessage());
        }
        String id = "p-" + ID_TIME.format(clock.instant()) + "-" + HexFormat.of().toHexDigits((short) random.nextInt());
        MapProposal proposal = ProposalBuilder.build(id, clock.instant(), base, target.metadata(), schemaOf(discovery));
        Kept k = new Kept(proposal, base.text());
        synchronized (kept) {
            kept.put(id, k);
        }
        return k;
    }

    public Optional<Kept> find(String id) {
        synchronized (kept) {
            return Optional.ofNullable(kept.get(id));
        }
    }

    public List<MapProposal> list() {
        synchronized (kept) {
            List<MapProposal> out = new ArrayList<>();
            kept.values().forEach(k -> out.add(k.proposal()));
            return out;
        }
    }

    /** The schema part of a discovery report; anything else in it is ignored. */
    static DiscoveredSchema schemaOf(JsonNode report) {
        if (report == null || report.isNull() || report.isMissingNode()) {
            return DiscoveredSchema.NONE;
        }
        if (!report.isObject()) {
            throw new IllegalArgumentException("discovery must be a discovery report (a JSON object)");
        }
        List<DiscoveredSchema.CustomFieldKey> keys = new ArrayList<>();
        for (JsonNode k : report.path("customFields")) {
            Map<String, Long> types = new LinkedHashMap<>();
            k.path("valueTypes").fields().forEachRemaining(e -> types.put(e.getKey(), e.getValue().asLong()));
            keys.add(new DiscoveredSchema.CustomFieldKey(k.path("resource").asText(), k.path("key").asText(), types));
        }
        List<DiscoveredSchema.Module> modules = new ArrayList<>();
        for (JsonNode m : report.path("customModules")) {
            List<DiscoveredSchema.ModuleField> fields = new ArrayList<>();
            for (JsonNode f : m.path("fields")) {
                List<String> choices = new ArrayList<>();
                f.path("choices").forEach(c -> choices.add(c.asText()));
                fields.add(new DiscoveredSchema.ModuleField(f.path("key").asText(), f.path("label").asText(null),
                        f.path("type").asText("TEXT"), choices));
            }
            modules.add(new DiscoveredSchema.Module(m.path("key").asText(), m.path("name").asText(null),
                    m.path("cardinality").asText(null), m.path("deleted").asBoolean(false), fields));
        }
        String id = report.path("discoveryId").asText("");
        return new DiscoveredSchema(id.isBlank() ? "(no id)" : id, keys, modules);
    }
}
