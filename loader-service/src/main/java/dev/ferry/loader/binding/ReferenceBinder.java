package dev.ferry.loader.binding;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.TypedRef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Replaces the {@link TypedRef} nodes of a command's fields by Freshsales ids, each at its JSON Pointer.
 *
 * <p>An optional reference whose parent failed is removed: a direct field ({@code /parent_sales_account_id}) is left
 * out, an array element ({@code /contacts_added_list/2}) is taken out, and a reference inside an array element's
 * object ({@code /sales_accounts/0/id}) takes the whole element with it ({@code {"is_primary": true}} without an id
 * means nothing). An array left empty is left out.
 */
public final class ReferenceBinder {

    private ReferenceBinder() {
    }

    /**
     * @param fields the command's fields; not modified
     * @param ledger what the ledger knows about each referenced record
     * @throws IllegalArgumentException when a reference node is malformed (names no known resource, or sits at the
     *     root)
     */
    public static BindingResult bind(ObjectNode fields, Function<RecordKey, ParentState> ledger) {
        return bind(fields, List.of(), ledger);
    }

    /**
     * As {@link #bind(ObjectNode, Function)}, and the command waits, too, for the records it must follow
     * ({@link dev.ferry.contracts.LoadCommand#after()}): written nowhere, but a write before theirs would create the very
     * record they create (a billing record's deal without its name). One of them failed for good fails the command.
     */
    public static BindingResult bind(ObjectNode fields, List<TypedRef> after, Function<RecordKey, ParentState> ledger) {
        List<TypedRef.Located> refs = TypedRef.findAll(fields);
        ObjectNode bound = fields.deepCopy();
        Set<RecordKey> waiting = new LinkedHashSet<>();
        List<TypedRef.Located> toDrop = new ArrayList<>();
        for (TypedRef first : after) {
            ParentState state = ledger.apply(RecordKey.of(first));
            if (state instanceof ParentState.Failed f) {
                return new BindingResult.ParentFailed(first, f.failure());
            }
            if (!(state instanceof ParentState.Bound)) {
                waiting.add(RecordKey.of(first));
            }
        }
        for (TypedRef.Located located : refs) {
            if (located.pointer().isEmpty()) {
                throw new IllegalArgumentException("the fields themselves cannot be a reference");
            }
            ParentState state = ledger.apply(RecordKey.of(located.ref()));
            if (state instanceof ParentState.Bound b) {
                replace(bound, located.pointer(), LongNode.valueOf(b.freshsalesId()));
            } else if (state instanceof ParentState.Failed f) {
                if (!located.ref().optional()) {
                    return new BindingResult.ParentFailed(located.ref(), f.failure());
                }
                toDrop.add(located);
            } else {
                waiting.add(RecordKey.of(located.ref()));
            }
        }
        if (!waiting.isEmpty()) {
            return new BindingResult.Waiting(waiting);
        }
        List<TypedRef> dropped = new ArrayList<>();
        // Last first: removing an array element shifts the indexes of the elements after it.
        for (int i = toDrop.size() - 1; i >= 0; i--) {
            drop(bound, toDrop.get(i).pointer());
            dropped.add(0, toDrop.get(i).ref());
        }
        return new BindingResult.Bound(bound, dropped);
    }

    static void replace(ObjectNode root, String pointer, JsonNode value) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonNode container = root.at(p.head());
        if (container instanceof ObjectNode o) {
            o.set(p.last().getMatchingProperty(), value);
        } else if (container instanceof ArrayNode a) {
            a.set(p.last().getMatchingIndex(), value);
        } else {
            throw new IllegalArgumentException("no container at " + pointer);
        }
    }

    static void drop(ObjectNode root, String pointer) {
        JsonPointer p = JsonPointer.compile(pointer);
        JsonPointer parent = p.head();
        JsonNode container = root.at(parent);
        if (container instanceof ArrayNode a) {
            a.remove(p.last().getMatchingIndex());
            removeIfEmptyArray(root, parent);
            return;
        }
        if (container instanceof ObjectNode o) {
            JsonPointer grandParent = parent.head();
            JsonNode outer = grandParent == null ? null : root.at(grandParent);
            if (outer instanceof ArrayNode a && !parent.equals(JsonPointer.empty())) {
                // The reference is the id of an element object: the element goes.
                a.remove(parent.last().getMatchingIndex());
                removeIfEmptyArray(root, grandParent);
            } else {
                o.remove(p.last().getMatchingProperty());
            }
        }
    }

    private static void removeIfEmptyArray(ObjectNode root, JsonPointer arrayPointer) {
        JsonNode array = root.at(arrayPointer);
        JsonPointer holder = arrayPointer.head();
        if (array.isArray() && array.isEmpty() && holder != null && root.at(holder) instanceof ObjectNode o) {
            o.remove(arrayPointer.last().getMatchingProperty());
        }
    }
}
