package dev.ferry.mapper.mapping.spec;

import dev.ferry.mapper.mapping.transform.Transform;
import java.util.List;

/**
 * A value that must be unique among the records of a resource (a patient's e-mail address). Of the records sharing
 * the value, the one with the lowest source id keeps it; every other one is rejected with {@code rule}.
 *
 * @param field the source path
 * @param transforms the chain that makes two spellings of one value equal (e.g. {@code email} folds case)
 * @param rule the rejection rule
 */
public record UniqueRule(SourcePath field, List<Transform> transforms, String rule) {
    public UniqueRule {
        transforms = List.copyOf(transforms);
    }
}
