package dev.ferry.deploy.render;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Walks a parsed model and fails on the first non-empty {@code additionalProperties} map, at any depth. The strict
 * mapper already refuses unknown fields while parsing; this catches a model part parsed by a custom deserializer of
 * its own (fabric8 and Strimzi have a few) that could still have stored one.
 */
final class AdditionalProperties {

    private static final String[] MODEL_PACKAGES = {"io.fabric8.", "io.strimzi.", "dev.ferry.deploy.crd."};

    private AdditionalProperties() {
    }

    static void requireNone(Object model, String what) {
        walk(model, what, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(Object node, String path, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, seen));
            return;
        }
        if (node instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                walk(item, path + "[" + i++ + "]", seen);
            }
            return;
        }
        if (!isModel(node.getClass())) {
            return;
        }
        if (node.getClass().isRecord()) {
            for (RecordComponent c : node.getClass().getRecordComponents()) {
                walk(invoke(c.getAccessor(), node), path + "." + c.getName(), seen);
            }
            return;
        }
        for (Method m : node.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(m, node);
            if (m.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    throw new IllegalArgumentException(path + " has unknown fields " + extra.keySet());
                }
                continue;
            }
            walk(value, path + "." + property(m.getName()), seen);
        }
    }

    private static boolean isModel(Class<?> type) {
        if (type.isEnum()) {
            return false;
        }
        for (String p : MODEL_PACKAGES) {
            if (type.getName().startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    private static Object invoke(Method m, Object target) {
        try {
            return m.invoke(target);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null; // a computed getter that cannot answer holds no parsed field
        }
    }

    private static String property(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }
}
