package dev.ferry.mapper.mapping.spec;

import dev.ferry.mapper.mapping.transform.Transform;
import java.util.List;

/**
 * A value that must be unique among the records of a resource (a patient's e-mail address). Of the records sharing
 * the value, the one with the lowest source id keeps it. Every other one either is rejected with {@code rule}, or,
 * when {@code keepIn} names a custom field, keeps the value there instead and reaches the target by its other fields
 * (family members sharing one address stay distinct contacts, issue 8 hole 8); it is rejected only when nothing else
 * would reach the target then.
 *
 * @param field the source path
 * @param transforms the chain that makes two spellings of one value equal (e.g. {@code email} folds case)
 * @param rule the rejection rule, and the rule a moved value's note names
 * @param keepIn the target custom field ({@code custom_field.cf_shared_email}) a shared value moves to, or null to
 *     reject
 */
public record UniqueRule(SourcePath field, List<Transform> transforms, String rule, String keepIn) {
    public UniqueRule {
        transforms = List.copyOf(transforms);
    }

    public UniqueRule(SourcePath field, List<Transform> transforms, String rule) {
        this(field, transforms, rule, null);
    }
}
