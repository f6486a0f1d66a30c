package dev.ferry.mapper.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ferry.mapper.mapping.Fixtures;
import dev.ferry.mapper.mapping.proposal.DiscoveredSchema;
import dev.ferry.mapper.mapping.proposal.MapProposal;
import dev.ferry.mapper.mapping.proposal.ProposalBuilder;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The proposal's YAML form (what {@code /mapping/proposals/{id}.yaml} serves) reads back as the same proposal. */
class ProposalYamlTest {

    @Test
    void theYamlHoldsEveryFieldWithItsDecisionAndTimesAsText() throws Exception {
        MapProposal p = ProposalBuilder.build("p-1", Instant.parse("2026-12-06T02:00:00Z"), Fixtures.SPEC,
                Fixtures.metadata(), DiscoveredSchema.NONE);

        String yaml = ProposalResource.yaml(p);
        JsonNode back = new YAMLMapper().readTree(yaml);

        assertThat(back.path("proposalId").asText()).isEqualTo("p-1");
        assertThat(back.path("createdAt").asText()).isEqualTo("2026-12-06T02:00:00Z");
        assertThat(back.path("fields").size()).isEqualTo(p.fields().size());
        assertThat(back.path("fields").get(0).path("decision").asText()).isIn("EXISTING", "CREATE");
        assertThat(back.path("customFieldsFrom").asText()).isEqualTo("none");
    }
}
