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

    record Mapped(LoadCommand command, List<FieldGap> fieldGaps, List<ChoiceGap> choiceGaps) implements MappingResult {
        public Mapped {
            fieldGaps = List.copyOf(fieldGaps);
            choiceGaps = List.copyOf(choiceGaps);
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
