package dev.ferry.loader.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Takes the values out of Freshsales' error messages before they leave the loader (issue 8, hole 7). Freshsales
 * echoes what it refused ("ayse@… is not a valid email address"), and the messages travel in outcome events, the
 * audit ledger, record histories and every child's {@code parent-failed} outcome: patient data where none is needed.
 * The scrubbed message keeps the field's name and the rule's words: every value the command sent that appears in a
 * message becomes {@code <field>}; what still looks like an e-mail address, a long number or a quoted value becomes
 * {@code <email>}, {@code <number>} or {@code <value>}. Messages are localised, so nothing here parses their words.
 */
public final class TargetMessages {

    private static final int SHORTEST_VALUE = 3;
    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>\"']+@[^\\s@<>\"']+\\.[^\\s@<>\"',;:)]+");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\+?\\d[\\d ()./-]{4,}\\d");
    private static final Pattern QUOTED = Pattern.compile("([\"'«“‘])[^\"'»”’]{1,200}([\"'»”’])");

    private TargetMessages() {
    }

    /** Each message with the values of {@code sent} (the payload the loader wrote) and value-like text taken out. */
    public static List<String> scrub(List<String> messages, ObjectNode sent) {
        if (messages == null || messages.isEmpty()) {
            return List.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        collect("", sent, values);
        List<Map.Entry<String, String>> longestFirst = new ArrayList<>(values.entrySet());
        longestFirst.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getKey().length()).reversed());
        List<String> out = new ArrayList<>(messages.size());
        for (String m : messages) {
            String s = m == null ? "" : m;
            for (Map.Entry<String, String> v : longestFirst) {
                s = s.replace(v.getKey(), "<" + v.getValue() + ">");
            }
            s = EMAIL.matcher(s).replaceAll("<email>");
            s = QUOTED.matcher(s).replaceAll("$1<value>$2");
            s = LONG_NUMBER.matcher(s).replaceAll("<number>");
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** Every textual or numeric leaf value of the payload → the name of the field it sits in. */
    private static void collect(String field, JsonNode node, Map<String, String> into) {
        if (node == null) {
            return;
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> collect(e.getKey(), e.getValue(), into));
        } else if (node.isArray()) {
            node.forEach(n -> collect(field, n, into));
        } else if (node.isTextual() || node.isNumber()) {
            String v = node.asText().trim();
            if (v.length() >= SHORTEST_VALUE && !field.isEmpty()) {
                into.putIfAbsent(v, field);
            }
        }
    }
}
