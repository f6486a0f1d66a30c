package dev.ferry.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Authentication settings of the audit service (docs/security.md). Verification itself is configured through
 * {@code mp.jwt.verify.issuer} and {@code mp.jwt.verify.publickey} / {@code mp.jwt.verify.publickey.location}.
 */
@ConfigMapping(prefix = "ferry.auth")
public interface AuthConfig {

    /**
     * In production (a packaged application) refuse to start while a credential this service needs is missing or
     * still a value the repository ships for local use. Only a local stack (the CLI, packaged-application tests)
     * sets it to {@code false}; the start-up log then says so.
     */
    @WithDefault("true")
    boolean refuseDefaultCredentials();

    /**
     * The bearer token (role {@code ferry-service}) this service sends when it asks the loader to read Freshsales
     * back for a reconciliation (env {@code FERRY_AUTH_SERVICE_TOKEN}, a Secret in production). Never logged.
     */
    java.util.Optional<String> serviceToken();
}
