package dev.ferry.loader.client;

import java.util.Objects;

/**
 * The Freshsales API key. It leaves this object only as the value of the {@code Authorization} header; every other
 * rendering (toString, logs, exception messages) shows {@code [redacted]}.
 */
public final class ApiKey {

    private final String value;

    public ApiKey(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the Freshsales API key is empty (set ferry.loader.freshsales.api-key)");
        }
        this.value = value.trim();
    }

    /** The {@code Authorization} header value, in the documented form. */
    String authorization() {
        return "Token token=" + value;
    }

    /** Whether a text contains the key, so tests and guards can check nothing leaked. */
    public boolean appearsIn(CharSequence text) {
        return text != null && text.toString().contains(value);
    }

    /** The text with every occurrence of the key replaced, for text that came from elsewhere (a server's message). */
    public String redact(String text) {
        return text == null ? null : text.replace(value, "[redacted]");
    }

    @Override
    public String toString() {
        return "ApiKey[redacted]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey k && k.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }
}
