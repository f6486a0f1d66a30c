package dev.ferry.mapper.mapping.preflight;

import dev.ferry.contracts.TargetMetadata.DealPipeline;
import dev.ferry.contracts.TargetMetadata.DealStage;
import dev.ferry.mapper.mapping.TargetView;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import dev.ferry.mapper.mapping.spec.StageRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The deal pipeline a confirmed map's stage rule writes into, as the account has it now: its stages with their
 * probabilities and forecast categories, and for each source stage code the stage it lands in. A missing pipeline,
 * or a code whose stage the pipeline lacks, blocks (the deal would start in the pipeline's first stage, misreported);
 * a stage without a probability or forecast category is said, not blocking (Freshsales reports it as the admin set
 * it).
 */
public final class StageCheck {

    /** A stage of the pipeline as the account has it. */
    public record Stage(String name, Integer position, Integer probability, String forecastType) {
    }

    /** Where one source stage code lands; {@code stage} null when the pipeline lacks every name tried. */
    public record CodeLine(String code, List<String> tried, String stage, Integer probability, String forecastType) {
    }

    /**
     * The pipeline check of one mapping with a stage rule.
     *
     * @param pipeline the pipeline used (the first of the rule's the account has), or null when it has none
     */
    public record Pipeline(String resource, List<String> wanted, String pipeline, List<Stage> stages,
            List<CodeLine> codes) {
    }

    private StageCheck() {
    }

    public static List<Pipeline> of(CompiledSpec map, TargetView target) {
        List<Pipeline> out = new ArrayList<>();
        for (ResourceMapping m : map.mappings().values()) {
            StageRule rule = m.stage();
            if (rule == null) {
                continue;
            }
            Optional<DealPipeline> pipeline = rule.pipelines().stream().map(target::dealPipeline)
                    .flatMap(Optional::stream).findFirst();
            List<Stage> stages = pipeline.map(p -> p.dealStages().stream()
                    .map(s -> new Stage(s.name(), s.position(), s.probability(), s.forecastType())).toList())
                    .orElse(List.of());
            List<CodeLine> codes = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : new java.util.TreeMap<>(rule.table()).entrySet()) {
                DealStage found = pipeline.flatMap(p -> e.getValue().stream().map(n -> TargetView.dealStage(p, n))
                        .flatMap(Optional::stream).findFirst()).orElse(null);
                codes.add(new CodeLine(e.getKey(), e.getValue(), found == null ? null : found.name(),
                        found == null ? null : found.probability(), found == null ? null : found.forecastType()));
            }
            out.add(new Pipeline(m.resource().path(), rule.pipelines(), pipeline.map(DealPipeline::name).orElse(null),
                    stages, codes));
        }
        return out;
    }

    public static List<Finding> findings(List<Pipeline> pipelines) {
        List<Finding> out = new ArrayList<>();
        for (Pipeline p : pipelines) {
            if (p.pipeline() == null) {
                out.add(Finding.block("stages", String.join(" / ", p.wanted()), "the account has no deal pipeline "
                        + String.join(" or ", p.wanted()) + " (" + p.resource() + " map into it)",
                        "create the pipeline " + p.wanted().get(0) + " with the stages "
                                + String.join(", ", p.codes().stream().map(c -> c.tried().get(0)).distinct().toList())
                                + " (Admin Settings > Deal pipelines)"));
                continue;
            }
            for (CodeLine c : p.codes()) {
                if (c.stage() == null) {
                    out.add(Finding.block("stages", p.pipeline() + " / " + c.tried().get(0), "source stage " + c.code()
                            + " has no stage in " + p.pipeline() + " (tried " + String.join(", ", c.tried()) + ")",
                            "add the stage " + c.tried().get(0) + " to " + p.pipeline()
                                    + " with its probability and forecast category"));
                }
            }
            for (Stage s : p.stages()) {
                if (s.probability() == null || s.forecastType() == null) {
                    out.add(Finding.note("stages", p.pipeline() + " / " + s.name(), "the stage has no "
                            + (s.probability() == null ? "probability" : "forecast category"),
                            "set it in the pipeline's settings, or forecasts count its deals as Freshsales defaults"));
                }
            }
        }
        return out;
    }
}
