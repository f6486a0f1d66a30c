package dev.ferry.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.security.Roles;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks a service's endpoint table against the running service (a {@code @QuarkusTest}) and checks the table against
 * the service's JAX-RS resources, so an endpoint without a row fails the build.
 */
public final class AuthMatrix {

    private static final List<Class<? extends Annotation>> VERBS = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, PATCH.class, HEAD.class);

    private AuthMatrix() {
    }

    /**
     * Every {@code @Path} method of the resource classes, as {@code "METHOD /template"}, with the roles its
     * {@code @RolesAllowed} (method, else class) names; an empty set when it has none.
     */
    public static Map<String, Set<String>> declared(Class<?>... resources) {
        Map<String, Set<String>> out = new TreeMap<>();
        for (Class<?> resource : resources) {
            String base = pathOf(resource.getAnnotation(Path.class));
            for (Method m : resource.getDeclaredMethods()) {
                for (Class<? extends Annotation> verb : VERBS) {
                    if (m.isAnnotationPresent(verb)) {
                        String template = normalise(base + "/" + pathOf(m.getAnnotation(Path.class)));
                        RolesAllowed allowed = m.getAnnotation(RolesAllowed.class);
                        if (allowed == null && !m.isAnnotationPresent(PermitAll.class)) {
                            allowed = resource.getAnnotation(RolesAllowed.class);
                        }
                        Set<String> roles = allowed == null ? Set.of() : new HashSet<>(Arrays.asList(allowed.value()));
                        out.put(verb.getSimpleName() + " " + template, roles);
                    }
                }
            }
        }
        return out;
    }

    /** The table names exactly the declared endpoints, each with the roles its annotation allows. */
    public static void assertCovers(List<EndpointRow> table, Class<?>... resources) {
        Map<String, Set<String>> declared = declared(resources);
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        table.forEach(r -> rows.put(r.key(), r.roles()));
        assertThat(rows.keySet()).as("endpoint table rows vs the resources' @Path methods")
                .containsExactlyInAnyOrderElementsOf(declared.keySet());
        declared.forEach((key, roles) -> assertThat(roles).as("@RolesAllowed of " + key).isNotEmpty()
                .containsExactlyInAnyOrderElementsOf(rows.get(key)));
    }

    /** What one walk found: the calls made per expectation, so a test can report and bound them. */
    public record Walk(int unauthenticated, int badTokens, int forbidden, int allowed) {
    }

    /**
     * For every row: 401 without a token and with a token signed by another key, from another issuer or expired;
     * 403 for each role not in the row; not 401/403 (and below 500) for each role in it.
     */
    public static Walk walk(List<EndpointRow> table) {
        int unauthenticated = 0;
        int bad = 0;
        int forbidden = 0;
        int allowed = 0;
        for (EndpointRow row : table) {
            expect(row, call(row, null), 401, "no token");
            unauthenticated++;
            String[] right = row.roles().toArray(String[]::new);
            expect(row, call(row, TestTokens.signedByAnotherKey(right)), 401, "token signed by another key");
            expect(row, call(row, TestTokens.fromAnotherIssuer(right)), 401, "token from another issuer");
            expect(row, call(row, TestTokens.expired(right)), 401, "expired token");
            bad += 3;
            for (String role : row.forbidden(Roles.ALL)) {
                expect(row, call(row, TestTokens.token(role)), 403, "role " + role);
                forbidden++;
            }
            expect(row, call(row, TestTokens.token()), 403, "no role at all");
            forbidden++;
            for (String role : row.roles()) {
                int status = call(row, TestTokens.token(role)).statusCode();
                assertThat(status).as(row + " with role " + role).isNotIn(401, 403).isLessThan(500);
                allowed++;
            }
        }
        return new Walk(unauthenticated, bad, forbidden, allowed);
    }

    /** {@code /q/health} answers without a token; {@code /q/metrics} wants {@code ferry-viewer}. */
    public static void assertHealthOpenAndMetricsGuarded() {
        assertThat(RestAssured.given().get("/q/health/live").statusCode()).as("health without a token").isEqualTo(200);
        assertThat(RestAssured.given().get("/q/metrics").statusCode()).as("metrics without a token").isEqualTo(401);
        assertThat(RestAssured.given().auth().oauth2(TestTokens.expired(Roles.VIEWER)).get("/q/metrics").statusCode())
                .as("metrics with an expired token").isEqualTo(401);
        assertThat(RestAssured.given().auth().oauth2(TestTokens.token(Roles.OPERATOR)).get("/q/metrics").statusCode())
                .as("metrics as operator only").isEqualTo(403);
        assertThat(RestAssured.given().auth().oauth2(TestTokens.token(Roles.VIEWER)).get("/q/metrics").statusCode())
                .as("metrics as viewer").isEqualTo(200);
    }

    private static void expect(EndpointRow row, Response r, int status, String what) {
        assertThat(r.statusCode()).as(row + " with " + what).isEqualTo(status);
    }

    private static Response call(EndpointRow row, String token) {
        RequestSpecification spec = RestAssured.given().redirects().follow(false);
        if (token != null) {
            spec = spec.auth().oauth2(token);
        }
        if (row.body() != null) {
            spec = spec.contentType("application/json").body(row.body());
        }
        return spec.request(row.method(), row.example());
    }

    private static String pathOf(Path p) {
        return p == null ? "" : p.value();
    }

    private static String normalise(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (!s.isEmpty()) {
                parts.add(s);
            }
        }
        return "/" + String.join("/", parts);
    }
}
