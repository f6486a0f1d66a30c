package dev.ferry.mapper.mapping.proposal;

import java.util.Locale;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * How alike a source field's name and a Freshsales field's name or label are, 0 to 1: Jaro-Winkler (Apache
 * commons-text) over both names folded to lower-case words, the {@code cf_} prefix and the module key dropped, so
 * {@code mobile_phone} and {@code Mobile}, {@code date_of_birth} and {@code cf_date_of_birth} compare as a person
 * would. Jaro-Winkler weighs a shared beginning, which is how field names that mean the same thing usually differ.
 */
public final class NameSimilarity {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    private NameSimilarity() {
    }

    /** The better of the name's and the label's similarity to the source name. */
    public static double of(String source, String targetName, String targetLabel) {
        String s = fold(source);
        double byName = targetName == null ? 0 : JARO_WINKLER.apply(s, fold(targetName));
        double byLabel = targetLabel == null || targetLabel.isBlank() ? 0 : JARO_WINKLER.apply(s, fold(targetLabel));
        return Math.max(byName, byLabel);
    }

    /** Lower-case words separated by one space; {@code cf_} and a leading {@code custom_fields.} dropped. */
    static String fold(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        n = n.startsWith("custom_fields.") ? n.substring("custom_fields.".length()) : n;
        n = n.startsWith("custom_field.") ? n.substring("custom_field.".length()) : n;
        n = n.startsWith("cf_") ? n.substring(3) : n;
        return n.replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }
}
