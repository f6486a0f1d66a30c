package dev.ferry.extractor.service;

import dev.ferry.extractor.client.ConfirmedMapClient;
import dev.ferry.extractor.client.ConfirmedMapClient.ConfirmedMap;
import dev.ferry.extractor.config.ExtractorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * No run starts on an unconfirmed or changed map (issue 11 step 2). Before a run is created, the mapper is asked for
 * the confirmed map the request names (default the latest); the run is refused with 409 when none is confirmed, when
 * the map's stored text no longer hashes to what was confirmed, or when the request's {@code mapSha256} (the hash the
 * operator confirmed, as {@code ferry confirm} prints it) is not the map's. A started run records {@code confirmed/vN}
 * and the hash, and the mapper maps it only with a text of that hash.
 */
@ApplicationScoped
public class MapGate {

    private static final Logger LOG = Logger.getLogger(MapGate.class);
    private static final Pattern SELECTOR = Pattern.compile("latest|(?:confirmed/)?v?[1-9][0-9]{0,8}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** The map a run starts on. */
    public record Passed(String mappingVersion, String mapSha256) {
    }

    private final boolean required;
    private final String ungatedVersion;
    private final String mapperUrl;
    private final ConfirmedMapClient mapper;

    @jakarta.inject.Inject
    public MapGate(ExtractorConfig config, ConfirmedMapClient mapper) {
        this(config.mapGate().required(), config.mappingVersion(), config.fields().mapperUrl(), mapper);
    }

    MapGate(boolean required, String ungatedVersion, String mapperUrl, ConfirmedMapClient mapper) {
        this.required = required;
        this.ungatedVersion = ungatedVersion;
        this.mapperUrl = mapperUrl;
        this.mapper = mapper;
    }

    void announce(@Observes StartupEvent event) {
        if (!required) {
            LOG.warnf("ferry.extractor.map-gate.required=false: runs start on mapping %s without a confirmed map;"
                    + " for testing the extractor alone, never with a real practice", ungatedVersion);
        }
    }

    /**
     * @param mapVersion {@code latest} (also when null), {@code 3}, {@code v3} or {@code confirmed/v3}
     * @param mapSha256 the hash the caller confirmed, or null to take the map's own
     * @throws RunService.RunRequestRefused 400 for a malformed selector or hash, 409 for no or a changed map, 503 when
     *     the mapper does not answer
     */
    public Passed check(String mapVersion, String mapSha256) {
        if (!required) {
            return new Passed(ungatedVersion, null);
        }
        String selector = mapVersion == null || mapVersion.isBlank() ? "latest" : mapVersion.strip();
        if (!SELECTOR.matcher(selector).matches()) {
            throw new RunService.RunRequestRefused(400, "mapVersion is 'latest' or a confirmed map's number (3, v3)");
        }
        if (mapSha256 != null && !SHA256.matcher(mapSha256).matches()) {
            throw new RunService.RunRequestRefused(400, "mapSha256 is a sha256 in lower-case hex (64 characters)");
        }
        Optional<ConfirmedMap> found;
        try {
            found = mapper.find(selector.replace("confirmed/", ""));
        } catch (IOException e) {
            throw new RunService.RunRequestRefused(503, "cannot check the map: the mapper at "
                    + mapperUrl + " did not say which map is confirmed (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunService.RunRequestRefused(503, "interrupted while asking the mapper which map is confirmed");
        }
        if (found.isEmpty()) {
            throw new RunService.RunRequestRefused(409, selector.equals("latest")
                    ? "no map is confirmed: no run starts on an unconfirmed map. Propose one (ferry propose), edit it,"
                            + " and confirm it (ferry confirm --file map.yaml)"
                    : "no confirmed map " + selector + ": no run starts on an unconfirmed map (ferry confirm"
                            + " --file map.yaml confirms one)");
        }
        ConfirmedMap map = found.get();
        if (!map.intact()) {
            throw new RunService.RunRequestRefused(409, "map " + map.mappingVersion() + " was changed after it was"
                    + " confirmed (sha256 " + map.sha256() + " confirmed, " + map.currentSha256() + " now): no run"
                    + " starts on a changed map; confirm the map again");
        }
        if (mapSha256 != null && !mapSha256.equals(map.sha256())) {
            throw new RunService.RunRequestRefused(409, "map " + map.mappingVersion() + " has sha256 " + map.sha256()
                    + ", not " + mapSha256 + " as the request expects: the map changed since it was confirmed that"
                    + " way; no run starts on it (confirm the map you mean, then start the run with its hash)");
        }
        return new Passed(map.mappingVersion(), map.sha256());
    }
}
