package dev.ferry.loader.binding;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.TargetFailure;
import dev.ferry.contracts.TypedRef;
import java.util.List;
import java.util.Set;

/** What binding a command's references to Freshsales ids came to. */
public sealed interface BindingResult {

    /**
     * Every reference was replaced by a Freshsales id, or dropped because it was optional and its parent failed.
     *
     * @param fields a copy of the command's fields with ids in place of references
     * @param dropped the optional references that were removed, for the outcome's detail
     */
    record Bound(ObjectNode fields, List<TypedRef> dropped) implements BindingResult {
    }

    /** Some parents have not landed yet: the command waits for them. */
    record Waiting(Set<RecordKey> parents) implements BindingResult {
    }

    /** A required parent failed for good: the command fails with the parent's reason. */
    record ParentFailed(TypedRef parent, TargetFailure parentFailure) implements BindingResult {
    }
}
