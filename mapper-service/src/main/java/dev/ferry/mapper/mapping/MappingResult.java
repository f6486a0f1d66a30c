package dev.ferry.mapper.mapping;

import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.Rejection;
import java.util.List;

/** What mapping one record gave: a command to load, or a rejection. Either may report checklist gaps. */
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
}
