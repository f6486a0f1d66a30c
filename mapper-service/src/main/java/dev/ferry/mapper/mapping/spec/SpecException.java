package dev.ferry.mapper.mapping.spec;

import java.util.List;

/** A mapping spec that cannot be used, with every problem found in it (not just the first). */
public class SpecException extends RuntimeException {

    private final List<String> problems;

    public SpecException(String location, List<String> problems) {
        super(format(location, problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String format(String location, List<String> problems) {
        StringBuilder b = new StringBuilder("Mapping spec ").append(location).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append("); mapper-service will not start with it:");
        for (String p : problems) {
            b.append("\n  - ").append(p);
        }
        return b.toString();
    }
}
