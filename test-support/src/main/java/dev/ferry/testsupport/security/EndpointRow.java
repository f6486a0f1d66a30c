package dev.ferry.testsupport.security;

import java.util.List;
import java.util.Set;

/**
 * One row of a service's endpoint table (docs/security.md): the method and path template as declared, a concrete
 * path to call, and the roles that may call it.
 *
 * @param method HTTP method, e.g. {@code GET}
 * @param template the path as the resource declares it, e.g. {@code /runs/{runId}}
 * @param example a concrete path for that template (may carry a query)
 * @param body a JSON body for POST/PUT, or null
 * @param roles the roles allowed; every other role must get 403
 */
public record EndpointRow(String method, String template, String example, String body, Set<String> roles) {

    public static EndpointRow get(String template, String example, String... roles) {
        return new EndpointRow("GET", template, example, null, Set.of(roles));
    }

    public static EndpointRow post(String template, String example, String body, String... roles) {
        return new EndpointRow("POST", template, example, body, Set.of(roles));
    }

    public String key() {
        return method + " " + template;
    }

    /** Roles that must be refused with 403. */
    public List<String> forbidden(List<String> all) {
        return all.stream().filter(r -> !roles.contains(r)).toList();
    }

    @Override
    public String toString() {
        return key();
    }
}
