package dev.ferry.sourcetext;

import java.util.regex.Pattern;

/**
 * E-mail addresses as Ferry compares and sends them: stripped, NFKC-normalised and folded with {@link TextKeys#fold}
 * (so {@code İlker.Sahin@X.com} and {@code ilker.sahin@x.com} are one address on any JVM locale), then checked.
 *
 * <p>The check is deliberately practical rather than RFC 5322 complete: one {@code @}; a local part of letters (any
 * script: Turkish addresses keep their letters), digits and the usual punctuation, without leading, trailing or double
 * dots; a domain of at least two labels ending in an alphabetic top-level label. No spaces, commas, quotes or brackets
 * anywhere. Apache Commons Validator was considered and not used: it refuses Latin-1 letters such as ç, ö and ü in the
 * local part, which Turkish addresses carry.
 */
public final class EmailAddresses {

    private static final String ATOM = "[\\p{L}\\p{M}\\p{N}!#$%&'*+/=?^_`{|}~-]+";
    private static final Pattern LOCAL = Pattern.compile(ATOM + "(?:\\." + ATOM + ")*");
    private static final String LABEL = "[\\p{L}\\p{M}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]{0,61}[\\p{L}\\p{M}\\p{N}])?";
    private static final Pattern DOMAIN = Pattern.compile("(?:" + LABEL + "\\.)+(?:\\p{L}[\\p{L}\\p{M}]+|xn--[a-z0-9-]+)");

    private EmailAddresses() {
    }

    /** The folded form of an address, valid or not; null for null or blank input. */
    public static String fold(String raw) {
        String stripped = TextKeys.strip(raw);
        if (stripped == null || stripped.isEmpty()) {
            return null;
        }
        return TextKeys.fold(stripped);
    }

    /** Whether a folded address passes the check described on the class. */
    public static boolean isValid(String folded) {
        if (folded == null || folded.length() > 254) {
            return false;
        }
        int at = folded.indexOf('@');
        if (at <= 0 || at != folded.lastIndexOf('@') || at == folded.length() - 1) {
            return false;
        }
        String local = folded.substring(0, at);
        String domain = folded.substring(at + 1);
        return local.length() <= 64 && LOCAL.matcher(local).matches() && DOMAIN.matcher(domain).matches();
    }

    /** The folded address when it is valid, else null. */
    public static String normalise(String raw) {
        String folded = fold(raw);
        return isValid(folded) ? folded : null;
    }
}
