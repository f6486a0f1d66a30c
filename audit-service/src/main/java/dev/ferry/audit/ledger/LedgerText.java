package dev.ferry.audit.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * The one rule for text PostgreSQL cannot store (issue 8 hole 5): a message that decoded is a message the ledger
 * keeps, so the characters a {@code text} or {@code jsonb} column refuses are replaced instead of the message
 * becoming poison.
 *
 * <p>The rule: every NUL character (U+0000, which neither {@code text} nor {@code jsonb} accepts: SQLSTATE 22021 /
 * 22P05) and every unpaired UTF-16 surrogate (which has no UTF-8 form) becomes U+FFFD REPLACEMENT CHARACTER; nothing
 * else changes (a valid surrogate pair is one character and stays). The same input always gives the same output, so
 * a replayed message collapses onto the row stored first. Only bytes that do not decode at all (not JSON, not UTF-8)
 * still become poison, in the decoder.
 */
public final class LedgerText {

    /** What an unstorable character becomes. */
    public static final char REPLACEMENT = '\uFFFD';

    private LedgerText() {
    }

    /** How many characters of {@code text} PostgreSQL cannot store; 0 for null. */
    public static int unstorable(String text) {
        if (text == null) {
            return 0;
        }
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                n++;
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++; // a pair: one valid character
                } else {
                    n++;
                }
            } else if (Character.isLowSurrogate(c)) {
                n++; // a low surrogate without its high one
            }
        }
        return n;
    }

    /** {@code text} with every unstorable character replaced by {@link #REPLACEMENT}; null stays null. */
    public static String clean(String text) {
        if (unstorable(text) == 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                out.append(REPLACEMENT);
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    out.append(c).append(text.charAt(++i));
                } else {
                    out.append(REPLACEMENT);
                }
            } else if (Character.isLowSurrogate(c)) {
                out.append(REPLACEMENT);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Each element cleaned; null stays null. */
    public static List<String> clean(List<String> texts) {
        if (texts == null || texts.stream().allMatch(t -> unstorable(t) == 0)) {
            return texts;
        }
        List<String> out = new ArrayList<>(texts.size());
        texts.forEach(t -> out.add(clean(t)));
        return out;
    }

    /** How many unstorable characters the elements hold together. */
    public static int unstorable(List<String> texts) {
        return texts == null ? 0 : texts.stream().mapToInt(LedgerText::unstorable).sum();
    }
}
