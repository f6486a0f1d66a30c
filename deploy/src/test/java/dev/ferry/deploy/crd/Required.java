package dev.ferry.deploy.crd;

import java.util.Collection;

/** The CRD schema's {@code required} lists, checked while a record is built (Jackson reports the failure's path). */
final class Required {

    private Required() {
    }

    static <T> T field(T value, String name) {
        if (value == null || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty()) {
            throw new IllegalArgumentException("required field '" + name + "' is missing or empty");
        }
        return value;
    }
}
