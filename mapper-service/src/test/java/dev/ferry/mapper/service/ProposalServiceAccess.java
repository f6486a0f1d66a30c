package dev.ferry.mapper.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.mapper.mapping.proposal.DiscoveredSchema;

/** Opens {@link ProposalService#schemaOf} to tests of other packages: the one reading of a discovery's schema. */
public final class ProposalServiceAccess {

    private ProposalServiceAccess() {
    }

    public static DiscoveredSchema schemaOf(JsonNode report) {
        return ProposalService.schemaOf(report);
    }
}
