package dev.ferry.mapper.mapping.spec;

import dev.ferry.contracts.SourceResource;

/**
 * A value that must agree with the same fact of the record's parent ({@code agree-with-parent}): a billing record's
 * currency with its treatment case's. Compared as trimmed text, case folded with {@code Locale.ROOT}; when either side
 * is empty there is nothing to disagree about. The parent's value comes from the mapper's source index, which keeps,
 * for every record, the fields other mappings compare with ({@link CompiledSpec#factsOf}).
 *
 * @param field the record's own source path
 * @param resource the parent's resource (in the mapping's {@code wait-for}, so the parent has been read)
 * @param via the source path holding the parent's id
 * @param parentField the parent's top-level source field
 * @param rule what a disagreement is rejected as
 */
public record AgreeRule(SourcePath field, SourceResource resource, SourcePath via, String parentField, String rule) {
}
