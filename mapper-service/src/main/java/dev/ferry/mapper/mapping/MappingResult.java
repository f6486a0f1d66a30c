package dev.ferry.mapper.mapping;

import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.Rejection;
import java.util.List;

/**
 * What mapping one record gave: a command to load, or a rejection (either may report checklist gaps), or not yet: a
 * record it links to is part of the run and not decided, so the record stays held.
 */
public sealed interface MappingResult {

    List<FieldGap> fieldGaps();

    List<ChoiceGap> choiceGaps();

    /**
     * A command to load; {@code more} holds the record's further pieces (parts 1.. of a clinical note split for the
     * target's length limit), each a command of its own.
     */
    record Mapped(LoadCommand command, List<FieldGap> fieldGaps, List<ChoiceGap> choiceGaps, List<LoadCommand> more)
            implements MappingResult {
        public Mapped {
            fieldGaps = List.copyOf(fieldGaps);
            choiceGaps = List.copyOf(choiceGaps);
            more = more == null ? List.of() : List.copyOf(more);
        }

        public Mapped(LoadCommand command, List<FieldGap> fieldGaps, List<ChoiceGap> choiceGaps) {
            this(command, fieldGaps, choiceGaps, List.of());
        }

        /** Every command of the record, the main one first. */
        public List<LoadCommand> commands() {
            List<LoadCommand> all = new java.util.ArrayList<>();
            all.add(command);
            all.addAll(more);
            return all;
        }
    }

    record Rejected(Rejection rejection, List<FieldGap> fieldGaps, List<ChoiceGap> choiceGaps) implements MappingResult {
        public Rejected {
            fieldGaps = List.copyOf(fieldGaps);
            choiceGaps = List.copyOf(choiceGaps);
        }
    }

    /** Not decided yet: {@code reason} says what it waits for (resource and id, never a value). */
    record Waiting(String reason) implements MappingResult {
        public List<FieldGap> fieldGaps() {
            return List.of();
        }

        public List<ChoiceGap> choiceGaps() {
            return List.of();
        }
    }
}
