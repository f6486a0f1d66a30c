package dev.ferry.mapper.service;

import dev.ferry.mapper.config.MapperConfig;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.SpecException;
import dev.ferry.mapper.mapping.spec.SpecLoader;
import dev.ferry.sourcetext.EmailAddresses;
import dev.ferry.sourcetext.PhoneNumbers;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.interceptor.Interceptor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The mapping specs this mapper can apply, loaded and checked at start-up. A spec with a mistake, two specs with one
 * version, an unknown default version, an unknown phone region or a malformed fallback owner address stop the
 * service before it reads a single record: the bean starts ahead of the Kafka connector, whose consumers would
 * otherwise begin polling (and fail record by record) before a plain {@code @Startup} bean is created.
 */
@Startup(Interceptor.Priority.PLATFORM_BEFORE) // before the messaging connector starts its consumers (LIBRARY_BEFORE)
@ApplicationScoped
public class SpecRegistry {

    private static final Logger LOG = Logger.getLogger(SpecRegistry.class);

    private final Map<String, CompiledSpec> byVersion = new LinkedHashMap<>();
    private final CompiledSpec defaultSpec;
    /** Confirmed maps ({@code confirmed/vN}); null where a registry is built without a database (unit tests). */
    private final ConfirmedMaps confirmed;

    public SpecRegistry(MapperConfig config) {
        this(config, null);
    }

    @jakarta.inject.Inject
    public SpecRegistry(MapperConfig config, ConfirmedMaps confirmed) {
        this.confirmed = confirmed;
        for (String location : config.specs()) {
            CompiledSpec spec = SpecLoader.load(location);
            if (spec.version().startsWith(ConfirmedMaps.NAME + "/")) {
                throw new SpecException(location, List.of("version " + spec.version() + ": the name '"
                        + ConfirmedMaps.NAME + "' is reserved for confirmed maps"));
            }
            CompiledSpec twin = byVersion.putIfAbsent(spec.version(), spec);
            if (twin != null) {
                throw new SpecException(location, List.of("version " + spec.version() + " is already loaded from "
                        + twin.location() + "; each version must come from one file"));
            }
            LOG.infof("mapping spec %s loaded from %s (sha256 %s, resources %s)", spec.version(), location,
                    spec.sha256().substring(0, 12), spec.mappings().keySet());
        }
        if (byVersion.isEmpty()) {
            throw new IllegalStateException("ferry.mapper.specs names no mapping spec");
        }
        String defaultVersion = config.defaultMappingVersion().orElse(byVersion.keySet().iterator().next());
        defaultSpec = byVersion.get(defaultVersion);
        if (defaultSpec == null) {
            throw new IllegalStateException("ferry.mapper.default-mapping-version is " + defaultVersion
                    + ", which none of the loaded specs has (loaded: " + byVersion.keySet() + ")");
        }
        if (!PhoneNumbers.isKnownRegion(config.phoneRegion())) {
            throw new IllegalStateException("ferry.mapper.phone-region " + config.phoneRegion()
                    + " is not a region libphonenumber knows (use an ISO 3166 code such as TR)");
        }
        config.fallbackOwnerEmail().ifPresent(email -> {
            if (!EmailAddresses.isValid(EmailAddresses.fold(email))) {
                throw new IllegalStateException("ferry.mapper.fallback-owner-email is not an e-mail address");
            }
        });
    }

    /**
     * The spec a run asked for; a run naming none gets the default. {@code confirmed/vN} is a confirmed map (issue 11),
     * answered only while its text still has the hash it was confirmed with.
     */
    public Optional<CompiledSpec> forVersion(String version) {
        if (version == null || version.isBlank()) {
            return Optional.of(defaultSpec);
        }
        if (confirmed != null && ConfirmedMaps.names(version)) {
            return confirmed.spec(version);
        }
        return Optional.ofNullable(byVersion.get(version));
    }

    public CompiledSpec defaultSpec() {
        return defaultSpec;
    }

    public Collection<CompiledSpec> all() {
        return byVersion.values();
    }
}
