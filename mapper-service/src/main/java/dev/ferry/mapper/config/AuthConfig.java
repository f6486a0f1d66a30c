package dev.ferry.mapper.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Authentication settings of the mapper service (docs/security.md). Verification itself is configured through
 * {@code mp.jwt.verify.issuer} and {@code mp.jwt.verify.publickey} / {@code mp.jwt.verify.publickey.location}.
 */
@ConfigMapping(prefix = "ferry.auth")
public interface AuthConfig {

    /**
     * The bearer token this service sends on its calls to other Ferry services (it carries the role
     * {@code ferry-service}). A Secret in production, minted per stack by the CLI locally; never logged. Without it
     * the calls go out unauthenticated and the callee answers 401.
     */
    Optional<String> serviceToken();

    /**
     * In production (a packaged application) refuse to start while a credential this service needs is missing or
     * still a value the repository ships for local use. Only a local stack (the CLI, packaged-application tests)
     * sets it to {@code false}; the start-up log then says so.
     */
    @WithDefault("true")
    boolean refuseDefaultCredentials();
}
