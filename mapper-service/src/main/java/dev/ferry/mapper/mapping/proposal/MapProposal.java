package dev.ferry.mapper.mapping.proposal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A proposed field map: for every source field, the Freshsales field it should land in (an existing one, or a new
 * custom field to create), with a confidence and the reasons. Field names, types and the values a pick-list must
 * hold (translation tables, declared choices); never a record's value.
 *
 * @param baseSpec the mapping spec the proposal starts from (the one the mapper ships, by default)
 * @param baseSha256 its text's sha256
 * @param targetFetchedAt when the loader read the Freshsales field catalogue the proposal scored against
 * @param customFieldsFrom where the custom-field keys and custom modules came from: {@code discovery <id>}, or
 *     {@code none} (then only the spec's own fields are proposed)
 * @param notes what the proposal did not score, and why
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MapProposal(String proposalId, Instant createdAt, String baseSpec, String baseSha256,
        Instant targetFetchedAt, String customFieldsFrom, Summary summary, List<ProposedField> fields,
        List<String> notes) {

    /** What the operator decides on. */
    public enum Decision {
        /** Map to a field the account has. */
        EXISTING,
        /** No field fits: create the proposed custom field (the field-creation checklist lists it). */
        CREATE
    }

    /** Counts an operator reads first. */
    public record Summary(int fields, int existing, int create, int review, int picklistMisses) {
    }

    /**
     * One source field's proposal.
     *
     * @param confidence 0 to 1: 0.55 name similarity + 0.30 type compatibility + 0.15 pick-list fit
     * @param review true when a person should look: matched by type only, a low confidence, or pick-list values missing
     * @param missingChoices values the map sends that the target dropdown lacks
     * @param newField the custom field to create, for {@link Decision#CREATE}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProposedField(String resource, String sourceField, String origin, String sourceType, String observed,
            String collection, Decision decision, String targetField, String targetLabel, String targetType,
            double confidence, boolean review, List<String> reasons, List<String> missingChoices, NewField newField) {
    }

    /** A custom field to create in Freshsales. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewField(String name, String label, String type, List<String> choices) {
    }
}
