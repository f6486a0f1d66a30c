package dev.ferry.mapper.mapping.spec;

import dev.ferry.mapper.mapping.transform.Transform;
import java.util.List;

/**
 * A text field composed of labelled lines ({@code Chair: 3}), one per source value that is present after its
 * transforms, in spec order: how facts that the target has no field for (an appointment's chair and type, a recall's
 * interval and triggering appointment) stay readable on the record. A value that fails its transforms is written as
 * the source wrote it (a text keeps everything); labels are the spec's, never data.
 *
 * @param to the target field
 * @param lines the lines, in order
 * @param separator what joins the lines (a line break unless the spec says otherwise, e.g. for a one-line title)
 * @param fallback the text when no line has a value (a title Freshsales requires), or null for none
 */
public record TextRule(String to, List<Line> lines, String separator, String fallback) {

    public TextRule {
        lines = List.copyOf(lines);
    }

    /**
     * One line: {@code label: value}.
     *
     * @param label what the line says the value is
     * @param from where the value is
     * @param transforms applied to the value first (e.g. a {@code map} from a code to its words)
     */
    public record Line(String label, SourcePath from, List<Transform> transforms) {
        public Line {
            transforms = List.copyOf(transforms);
        }
    }
}
