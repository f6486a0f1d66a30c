package dev.ferry.mapper.mapping.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A clinical note's text cut into Freshsales notes no longer than the account accepts (issue 10).
 *
 * <p>Every part is {@code marker + "\n" + piece}. The marker is the part's first line: {@code [Dr.DENTES clinical-notes
 * <id>] <title>} for a note that fits, {@code [Dr.DENTES clinical-notes <id> part <k>/<n>] <title>} for a note that does
 * not; it is how a person traces a note back to Dr.DENTES and how the loader finds a part again after a lost answer.
 * The pieces, in order, rejoin to the text exactly (same characters, so the same UTF-8 bytes): a cut falls only between
 * two code points, never inside a surrogate pair (an emoji), so no part holds half a character.
 *
 * <p>Lengths are counted in UTF-16 code units, as Java and the sandbox count them; a real account that counted code
 * points would accept every part too (a code point is one or two units, never fewer).
 *
 * <p>Control characters (the stated rule): tab, line feed and carriage return are kept; every other C0 control
 * (U+0000-U+001F) and DEL (U+007F) is written as its visible Unicode control picture (U+2400-U+2421: NUL becomes
 * {@code ␀}), so nothing is silently dropped, the text stays valid everywhere (PostgreSQL text holds no NUL) and a person
 * can map each picture back to the byte it stands for. {@link #controlsReplaced} counts them for the outcome's note.
 */
public final class NoteParts {

    /** The prefix of every marker. */
    public static final String MARKER_PREFIX = "[Dr.DENTES ";
    private static final int TITLE_MAX = 200;

    private NoteParts() {
    }

    /** The text with the control characters a note cannot carry written as control pictures (see the class). */
    public static String visibleControls(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            boolean control = ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0x7F;
            if (control) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append(ch == 0x7F ? '\u2421' : (char) (0x2400 + ch));
            } else if (out != null) {
                out.append(ch);
            }
        }
        return out == null ? text : out.toString();
    }

    /** How many characters {@link #visibleControls} replaces. */
    public static int controlsReplaced(String text) {
        int n = 0;
        for (int i = 0; text != null && i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' || ch == 0x7F) {
                n++;
            }
        }
        return n;
    }

    /**
     * A title fit for a first line: controls and line breaks become spaces, runs of white space one space, at most 200
     * characters (cut between code points); empty when there is none.
     */
    public static String oneLine(String title) {
        if (title == null) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        boolean space = false;
        for (int i = 0; i < title.length(); i++) {
            char ch = title.charAt(i);
            if (Character.isWhitespace(ch) || Character.isISOControl(ch) || Character.isSpaceChar(ch)) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(ch);
        }
        String s = b.toString();
        return s.length() <= TITLE_MAX ? s : s.substring(0, cutBefore(s, TITLE_MAX));
    }

    /** The marker (first line) of part {@code k} of {@code n} (n = 1: the note fits in one). */
    public static String marker(String resource, String sourceId, String title, int k, int n) {
        String t = oneLine(title);
        return MARKER_PREFIX + resource + " " + sourceId + (n > 1 ? " part " + k + "/" + n : "") + "]"
                + (t.isEmpty() ? "" : " " + t);
    }

    /**
     * The parts' descriptions, in order: one when {@code text} fits under {@code maxLength} with its marker, else as
     * many as it takes.
     *
     * @throws IllegalArgumentException when {@code maxLength} leaves no room for any text after the longest marker
     */
    public static List<String> split(String resource, String sourceId, String title, String text, int maxLength) {
        String body = text == null ? "" : text;
        int n = 1;
        while (true) {
            List<String> pieces = pieces(body, maxLength, resource, sourceId, title, n);
            if (pieces.size() == n) {
                List<String> out = new ArrayList<>(n);
                for (int k = 1; k <= n; k++) {
                    out.add(marker(resource, sourceId, title, k, n) + "\n" + pieces.get(k - 1));
                }
                return out;
            }
            // More parts make the markers longer ("part 10/10"): recount with the new number until it is stable.
            n = Math.max(n + 1, pieces.size());
        }
    }

    /** The text cut into pieces that fit after their markers when there are {@code n} parts. */
    private static List<String> pieces(String body, int maxLength, String resource, String sourceId, String title,
            int n) {
        List<String> out = new ArrayList<>();
        int from = 0;
        int k = 1;
        do {
            int room = maxLength - marker(resource, sourceId, title, k, Math.max(n, k)).length() - 1;
            if (room < 2) {
                throw new IllegalArgumentException("a note limit of " + maxLength + " characters leaves no room for"
                        + " text after its first line");
            }
            int to = body.length() - from <= room ? body.length() : cutBefore(body, from + room);
            out.add(body.substring(from, to));
            from = to;
            k++;
        } while (from < body.length());
        return out;
    }

    /** The largest cut at or before {@code at} that falls between two code points. */
    static int cutBefore(String s, int at) {
        if (at > 0 && at < s.length() && Character.isHighSurrogate(s.charAt(at - 1))
                && Character.isLowSurrogate(s.charAt(at))) {
            return at - 1;
        }
        return at;
    }

    /** The text the parts carry, rejoined: each part without its first line, concatenated. */
    public static String rejoin(List<String> parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            int nl = p.indexOf('\n');
            b.append(nl < 0 ? "" : p.substring(nl + 1));
        }
        return b.toString();
    }
}
