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
    public static final List<Required> REQUIRED = List.of(
            Required.of("quarkus.datasource.password", "ferry"),
            Required.of("mp.jwt.verify.issuer", "urn:ferry:local"),
            Required.of("ferry.loader.freshsales.api-key", "ferry-sandbox-key"));

    /** The key that verifies bearer tokens, inline or as a location. */
    public static final List<AnyOf> ANY_OF = List.of(
            new AnyOf(List.of("mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location")));

    private static final Logger LOG = Logger.getLogger(ProductionCredentials.class);

    void onStart(@Observes StartupEvent event, AuthConfig auth, Config config) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        if (!auth.refuseDefaultCredentials()) {
            LOG.warn("ferry.auth.refuse-default-credentials=false: credentials are not checked (local stacks only)");
            return;
        }
        List<String> problems = CredentialCheck.problems(REQUIRED, ANY_OF, k -> config.getOptionalValue(k, String.class));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(CredentialCheck.refusal("the loader service", problems));
        }
    }
}
