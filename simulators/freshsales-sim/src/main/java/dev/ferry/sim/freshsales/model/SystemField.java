package dev.ferry.sim.freshsales.model;

/**
 * A system field of a module.
 *
 * @param name   JSON name
 * @param kind   validation rule
 * @param ref    selector name for {@link FieldKind#SELECTOR}
 * @param render whether responses show it (null when unset); false for write-only inputs
 */
public record SystemField(String name, FieldKind kind, String ref, boolean render) {
    public static SystemField of(String name, FieldKind kind) {
        return new SystemField(name, kind, null, true);
    }

    public static SystemField sel(String name, String selector) {
        return new SystemField(name, FieldKind.SELECTOR, selector, true);
    }

    public static SystemField input(String name, FieldKind kind) {
        return new SystemField(name, kind, null, false);
    }
}
