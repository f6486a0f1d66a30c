package dev.ferry.mapper.mapping.spec;

import java.util.List;
import java.util.Map;

/**
 * A deal's pipeline and stage from a source stage code ({@code stage:} in the spec). The code is translated through
 * one of the spec's own lookup tables into stage names tried in order; the first of {@code pipelines} the account has
 * is searched for a stage of that name. The deal gets {@code deal_pipeline_id}, {@code deal_stage_id} and the stage's
 * {@code probability} (its forecast type comes with the stage). A stage the pipeline lacks is not a failure: the deal
 * loads in the pipeline's first stage, the command says so and the field checklist lists the stage to add.
 *
 * @param from the source path of the stage code
 * @param pipelines pipeline names, tried in order
 * @param tableName the lookup table (for messages)
 * @param table stage code → stage names, tried in order
 */
public record StageRule(SourcePath from, List<String> pipelines, String tableName, Map<String, List<String>> table) {

    public StageRule {
        pipelines = List.copyOf(pipelines);
        table = Map.copyOf(table);
    }
}
