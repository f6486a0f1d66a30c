package dev.ferry.sim.freshsales.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Error message catalogue in en, nl and tr (the real service localises messages to the API user's language). */
public final class Messages {

    public static final List<String> LANGUAGES = List.of("en", "nl", "tr");
    private static final Map<String, Properties> BUNDLES = Map.of(
            "en", load("en"), "nl", load("nl"), "tr", load("tr"));

    private Messages() {
    }

    private static Properties load(String lang) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream("i18n/messages_" + lang + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("missing messages for " + lang);
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Formats a message; {0}, {1}... are replaced by the arguments. */
    public static String format(String lang, String key, Object... args) {
        Properties p = BUNDLES.getOrDefault(lang, BUNDLES.get("en"));
        String template = p.getProperty(key);
        if (template == null) {
            template = BUNDLES.get("en").getProperty(key, key);
        }
        String out = template;
        for (int i = 0; i < args.length; i++) {
            out = out.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return out;
    }

    /** Keys of a language's catalogue (tests check every language has every key). */
    public static java.util.Set<String> keys(String lang) {
        return BUNDLES.get(lang).stringPropertyNames();
    }
}
