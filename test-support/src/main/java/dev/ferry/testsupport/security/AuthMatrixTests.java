package dev.ferry.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three checks every service's {@code AuthMatrixIT} makes on its endpoint table: the table names every JAX-RS
 * endpoint with the roles it allows, every endpoint refuses missing, bad and wrong-role tokens and serves the right
 * roles, and health is open while metrics need a viewer. A service's test extends this with its Quarkus test
 * resources, its table and its resource classes.
 */
public abstract class AuthMatrixTests {

    /** The service's endpoint table. */
    protected abstract List<EndpointRow> table();

    /** The service's JAX-RS resource classes, which the table must cover exactly. */
    protected abstract Class<?>[] resources();

    @Test
    void the_table_names_every_endpoint_with_the_roles_it_allows() {
        AuthMatrix.assertCovers(table(), resources());
    }

    @Test
    void every_endpoint_refuses_missing_bad_and_wrong_role_tokens_and_serves_the_right_roles() {
        AuthMatrix.Walk walk = AuthMatrix.walk(table());
        assertThat(walk.unauthenticated()).isEqualTo(table().size());
        assertThat(walk.allowed()).isGreaterThanOrEqualTo(table().size());
    }

    @Test
    void health_is_open_and_metrics_need_a_viewer() {
        AuthMatrix.assertHealthOpenAndMetricsGuarded();
    }
}
