package dev.ferry.loader.binding;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fingerprint of what a write would send: target, identifier and bound fields, in a canonical form (object keys
 * sorted at every depth), so the same content hashes the same however the mapper ordered it. Equal to the last
 * written hash means UNCHANGED: nothing is sent.
 */
public final class PayloadHash {

    private PayloadHash() {
    }

    public static String of(String target, Map<String, String> identifier, JsonNode boundFields) {
        StringBuilder b = new StringBuilder(256);
        b.append("target=").append(target).append('\n');
        new TreeMap<>(identifier).forEach((k, v) -> canonical(b.append("id:").append(k).append('='), v == null
                ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
                : com.fasterxml.jackson.databind.node.TextNode.valueOf(v)).append('\n'));
        canonical(b.append("fields="), boundFields);
        return sha256(b.toString());
    }

    /** Writes a node with its object keys sorted; strings are JSON-escaped so no two values print alike. */
    static StringBuilder canonical(StringBuilder b, JsonNode n) {
        if (n == null || n.isMissingNode() || n.isNull()) {
            return b.append("null");
        }
        if (n.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(e.getKey()).toString()).append(':');
                canonical(b, e.getValue());
            }
            return b.append('}');
        }
        if (n.isArray()) {
            b.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                canonical(b, n.get(i));
            }
            return b.append(']');
        }
        if (n.isNumber()) {
            // 7 and 7.0 are the same value to Freshsales.
            return b.append(n.decimalValue().stripTrailingZeros().toPlainString());
        }
        return b.append(n.toString());
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
