package dev.ferry.loader.security;

import dev.ferry.loader.config.AuthConfig;
import dev.ferry.contracts.security.CredentialCheck;
import dev.ferry.contracts.security.CredentialCheck.AnyOf;
import dev.ferry.contracts.security.CredentialCheck.Required;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Refuses to start a packaged loader service whose credentials are missing or still the repository's local defaults
 * (docs/security.md). The error names the keys, never their values.
 */
@ApplicationScoped
public class ProductionCredentials {

    /** The credentials the loader service needs, with the values the repository ships for local use. */
    public static final List<Required> REQUIRED = CredentialCheck.everyServiceAnd(
            Required.of("ferry.loader.freshsales.api-key", "ferry-sandbox-key"),
            Required.of("ferry.loader.dentes.token", "dentes-sandbox-token"));

    /** The key that verifies bearer tokens, inline or as a location. */
    public static final List<AnyOf> ANY_OF = CredentialCheck.VERIFYING_KEY;

    private static final Logger LOG = Logger.getLogger(ProductionCredentials.class);

    void onStart(@Observes StartupEvent event, AuthConfig auth, Config config) {
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            CredentialCheck.enforce("the loader service", auth.refuseDefaultCredentials(), REQUIRED, ANY_OF,
                    k -> config.getOptionalValue(k, String.class), LOG::warn);
        }
    }
}
