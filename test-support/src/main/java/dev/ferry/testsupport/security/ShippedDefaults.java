package dev.ferry.testsupport.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.security.CredentialCheck;
import dev.ferry.contracts.security.CredentialCheck.AnyOf;
import dev.ferry.contracts.security.CredentialCheck.Required;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Checks a service's production credential list against the {@code application.properties} it ships: with those
 * values every required key is refused (missing or a known default), with real ones nothing is, and the refusal never
 * quotes a value.
 */
public final class ShippedDefaults {

    private ShippedDefaults() {
    }

    /** The service's shipped properties (the default profile, {@code %prod.} lines applied over it). */
    public static Map<String, String> shipped(Class<?> anyServiceClass) {
        Properties p = new Properties();
        try (InputStream in = anyServiceClass.getClassLoader().getResourceAsStream("application.properties")) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> out = new HashMap<>();
        p.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(k -> out.put(k, p.getProperty(k)));
        p.stringPropertyNames().stream().filter(k -> k.startsWith("%prod.")).forEach(k -> out.put(k.substring(6), p.getProperty(k)));
        return out;
    }

    public static void assertRefusedAsShipped(Class<?> anyServiceClass, List<Required> required, List<AnyOf> anyOf) {
        Map<String, String> shipped = shipped(anyServiceClass);
        List<String> problems = CredentialCheck.problems(required, anyOf, CredentialCheck.from(shipped));
        assertThat(problems).as("every required credential is refused as shipped").hasSize(required.size() + anyOf.size());
        for (Required r : required) {
            assertThat(problems).anyMatch(p -> p.startsWith(r.key() + " "));
        }
        // Each problem is a key and a verdict, nothing else: no value can be in it.
        List<String> keys = new java.util.ArrayList<>(required.stream().map(Required::key).toList());
        anyOf.forEach(a -> keys.add(String.join(", ", a.keys())));
        for (String problem : problems) {
            assertThat(keys).as("problem names a key and nothing else: " + problem).anyMatch(k ->
                    problem.equals(k + " is missing") || problem.equals(k + " is still the repository's default")
                            || problem.equals("none of " + k + " is set"));
        }
        Map<String, String> real = new HashMap<>(shipped);
        required.forEach(r -> real.put(r.key(), "a-real-" + r.key().hashCode()));
        anyOf.forEach(a -> real.put(a.keys().get(0), "-----BEGIN PUBLIC KEY-----"));
        assertThat(CredentialCheck.problems(required, anyOf, CredentialCheck.from(real))).as("real values pass").isEmpty();
    }
}
