package dev.ferry.sim.freshsales.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.sim.freshsales.config.SimSettings;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = new RouteTable();

    RouteTableTest() {
        table.add("GET", "/contacts/{id}", r -> null);
        table.add("GET", "/contacts/filters", r -> null);
        table.add("GET", "/contacts/view/{view_id}", r -> null);
        table.add("GET", "/leads/{id}", r -> null, s -> s.classicMode);
    }

    @Test
    void literalSegmentsBeatParameters() {
        assertThat(table.match("GET", "/contacts/filters", new SimSettings()).route().template()).isEqualTo("/contacts/filters");
        RouteTable.Match m = table.match("GET", "/contacts/70000000001", new SimSettings());
        assertThat(m.route().template()).isEqualTo("/contacts/{id}");
        assertThat(m.params()).containsEntry("id", "70000000001");
        assertThat(table.match("GET", "/contacts/view/5", new SimSettings()).params()).containsEntry("view_id", "5");
    }

    @Test
    void methodAndSegmentCountMustMatch() {
        assertThat(table.match("POST", "/contacts/1", new SimSettings())).isNull();
        assertThat(table.match("GET", "/contacts/1/notes", new SimSettings())).isNull();
    }

    @Test
    void disabledRoutesDoNotMatch() {
        SimSettings suite = new SimSettings();
        SimSettings classic = new SimSettings();
        classic.classicMode = true;
        assertThat(table.match("GET", "/leads/1", suite)).isNull();
        assertThat(table.match("GET", "/leads/1", classic)).isNotNull();
    }

    @Test
    void onlyTheExactTokenHeaderFormAuthenticates() {
        SimSettings s = new SimSettings();
        assertThat(ApiGateway.authorized("Token token=ferry-sandbox-key", s)).isTrue();
        assertThat(ApiGateway.authorized("Token token=\"ferry-sandbox-key\"", s)).isTrue();
        assertThat(ApiGateway.authorized("Token ferry-sandbox-key", s)).isFalse();
        assertThat(ApiGateway.authorized("Bearer ferry-sandbox-key", s)).isFalse();
        assertThat(ApiGateway.authorized("Token token=wrong", s)).isFalse();
        assertThat(ApiGateway.authorized(null, s)).isFalse();
    }
}
