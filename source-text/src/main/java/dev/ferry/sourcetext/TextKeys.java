package dev.ferry.sourcetext;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Case folding that gives the same answer on every JVM, whatever its default locale.
 *
 * <p>{@code String.toLowerCase()} without a locale uses the JVM default: on a Turkish-locale JVM {@code "ISIL"} becomes
 * {@code "ısıl"} (dotless ı) and never equals {@code "isil"}. Everything here folds with {@link Locale#ROOT}, after
 * compatibility normalisation (NFKC), and removes the combining dot that {@code "İ".toLowerCase(Locale.ROOT)} leaves
 * behind ({@code "i\u0307"}), so {@code "İlker"} and {@code "ilker"} fold alike.
 */
public final class TextKeys {

    private static final Pattern DOT_ABOVE_AFTER_I = Pattern.compile("(?<=i)\u0307");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\p{Z}_\\-]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private TextKeys() {
    }

    /**
     * Strips white space and Unicode space separators from both ends. {@code String.strip()} keeps the no-break space
     * (U+00A0), which text copied from web forms and spreadsheets often carries.
     */
    public static String strip(String text) {
        if (text == null) {
            return null;
        }
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** Lower case by Unicode rules, independent of the default locale; composed (NFC) result. */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        String lower = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        return Normalizer.normalize(DOT_ABOVE_AFTER_I.matcher(decomposed).replaceAll(""), Normalizer.Form.NFC);
    }

    /**
     * A forgiving key for matching a code against a list entry: folded, with runs of spaces, underscores and hyphens
     * made one space. {@code "ROOT_CANAL"}, {@code "Root canal"} and {@code "root-canal"} share a key.
     */
    public static String loose(String text) {
        if (text == null) {
            return null;
        }
        return SEPARATORS.matcher(fold(text)).replaceAll(" ").strip();
    }

    /**
     * Folded and stripped of accents, with the dotless ı read as i: {@code "Şahin"} and {@code "sahin"} share it.
     * Too loose to match on (two people can differ only by an accent); used only to suggest a likely match to a person.
     */
    public static String ascii(String text) {
        if (text == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(fold(text).replace('ı', 'i'), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("");
    }
}
