package dev.ferry.contracts.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides whether a service may start with the credentials it was given: each required key must be set, non-blank
 * and not one of the values the repository ships for local use. The answer names keys, never values, so it can go
 * into a start-up error and a log.
 */
public final class CredentialCheck {

    /** One credential a service needs, and the values known from the repository that must never reach production. */
    public record Required(String key, Set<String> knownDefaults) {

        public static Required of(String key, String... knownDefaults) {
            return new Required(key, Set.of(knownDefaults));
        }
    }

    /**
     * Credentials of which one of several keys must be set (the JWT public key, inline or as a location). The first
     * set key is checked.
     */
    public record AnyOf(List<String> keys) {
    }

    /** The key that verifies bearer tokens, inline or as a location: every service needs one of them. */
    public static final List<AnyOf> VERIFYING_KEY = List.of(
            new AnyOf(List.of("mp.jwt.verify.publickey", "mp.jwt.verify.publickey.location")));

    private CredentialCheck() {
    }

    /**
     * What every Ferry service needs (its database password, the issuer of the tokens it accepts, with the values the
     * repository ships for local use), followed by the service's own credentials.
     */
    public static List<Required> everyServiceAnd(Required... own) {
        List<Required> all = new ArrayList<>(List.of(
                Required.of("quarkus.datasource.password", "ferry"),
                Required.of("mp.jwt.verify.issuer", "urn:ferry:local")));
        all.addAll(List.of(own));
        return List.copyOf(all);
    }

    /**
     * A service's start-up check: refuses (throws the {@link #refusal}) when a credential is missing or a shipped
     * default; when a local stack switched the check off ({@code ferry.auth.refuse-default-credentials=false}), says
     * so through {@code warn} instead.
     */
    public static void enforce(String service, boolean refuse, List<Required> required, List<AnyOf> anyOf,
            Function<String, Optional<String>> lookup, java.util.function.Consumer<String> warn) {
        if (!refuse) {
            warn.accept("ferry.auth.refuse-default-credentials=false: credentials are not checked (local stacks only)");
            return;
        }
        List<String> problems = problems(required, anyOf, lookup);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(refusal(service, problems));
        }
    }

    /**
     * The problems, one per key, e.g. {@code "ferry.loader.freshsales.api-key is missing"}; empty when all is well.
     *
     * @param lookup reads a configuration value by key (empty when unset)
     */
    public static List<String> problems(List<Required> required, List<AnyOf> anyOf,
            Function<String, Optional<String>> lookup) {
        List<String> problems = new ArrayList<>();
        for (Required r : required) {
            Optional<String> value = lookup.apply(r.key()).filter(v -> !v.isBlank());
            if (value.isEmpty()) {
                problems.add(r.key() + " is missing");
            } else if (r.knownDefaults().contains(value.get().trim())) {
                problems.add(r.key() + " is still the repository's default");
            }
        }
        for (AnyOf group : anyOf) {
            boolean set = group.keys().stream().map(lookup).anyMatch(v -> v.filter(s -> !s.isBlank()).isPresent());
            if (!set) {
                problems.add("none of " + String.join(", ", group.keys()) + " is set");
            }
        }
        return problems;
    }

    /** The start-up error for a list of problems (keys only). */
    public static String refusal(String service, List<String> problems) {
        return service + " refuses to start in production: " + String.join("; ", problems)
                + ". Set each from a Secret (docs/security.md), or for a local stack only set "
                + "ferry.auth.refuse-default-credentials=false.";
    }

    /** Map-backed lookup, for tests and callers holding a snapshot. */
    public static Function<String, Optional<String>> from(Map<String, String> values) {
        return k -> Optional.ofNullable(values.get(k));
    }
}
