package dev.ferry.sim.dentes.datagen.realism;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/** E-mail addresses derived from Turkish names, clean or deliberately broken. */
public final class Emails {

    private static final String[] PERSONAL_DOMAINS = {
        "gmail.com", "gmail.com", "gmail.com", "hotmail.com", "hotmail.com", "outlook.com", "yahoo.com",
        "yandex.com", "icloud.com", "mynet.com", "windowslive.com", "outlook.com.tr"};

    /**
     * What the generator considers a well-formed address: Unicode letters allowed in the local part and domain
     * labels, one @, a dotted domain with a letter TLD of two or more.
     */
    public static final Pattern WELL_FORMED =
            Pattern.compile("^[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}$");

    private Emails() {
    }

    /** Turkish letters to their ASCII look-alikes, then lower case with {@link Locale#ROOT}. */
    public static String asciiFold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case 'ı', 'İ' -> sb.append('i');
                case 'ş', 'Ş' -> sb.append('s');
                case 'ğ', 'Ğ' -> sb.append('g');
                case 'ü', 'Ü' -> sb.append('u');
                case 'ö', 'Ö' -> sb.append('o');
                case 'ç', 'Ç' -> sb.append('c');
                case 'â', 'Â' -> sb.append('a');
                case 'î', 'Î' -> sb.append('i');
                case 'û', 'Û' -> sb.append('u');
                case ' ', '\'', '-' -> { }
                default -> sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }

    public static String personalDomain(Random random) {
        return Distributions.pick(random, PERSONAL_DOMAINS);
    }

    /** A clean, lower-case ASCII address such as {@code ayse.yilmaz@gmail.com} or {@code ayseyilmaz84@hotmail.com}. */
    public static String clean(String first, String last, int birthYear, Random random) {
        String f = asciiFold(first);
        String l = asciiFold(last == null || last.isBlank() ? "hasta" : last);
        String local = switch (random.nextInt(6)) {
            case 0, 1 -> f + "." + l;
            case 2 -> f + l + String.format("%02d", birthYear % 100);
            case 3 -> f.charAt(0) + "." + l;
            case 4 -> f + "_" + l;
            default -> l + "." + f + (1 + random.nextInt(99));
        };
        return local + "@" + personalDomain(random);
    }

    /**
     * A well-formed address that keeps the capitals and Turkish letters of the name, e.g. {@code İlker.Şahin@gmail.com}:
     * matching it to {@code ilker.sahin@gmail.com} needs deliberate folding, and naive lower-casing in a Turkish
     * locale turns {@code I} into {@code ı}.
     */
    public static String turkishCased(String first, String last, Random random) {
        String f = first.replace(" ", "");
        String l = (last == null || last.isBlank() ? "Hasta" : last).replace(" ", "");
        return f + "." + l + "@" + personalDomain(random);
    }

    /** A malformed address, one of the ways they arrive from a reception desk. */
    public static String malformed(String first, String last, Random random) {
        String base = asciiFold(first) + "." + asciiFold(last == null || last.isBlank() ? "hasta" : last);
        String domain = personalDomain(random);
        return switch (random.nextInt(6)) {
            case 0 -> base + "@" + domain.substring(0, domain.indexOf('.'));      // no TLD
            case 1 -> base + "@@" + domain;                                       // two @
            case 2 -> base.replace('.', ' ') + "@" + domain;                      // space in local part
            case 3 -> base + "@" + domain.replace('.', ',');                      // comma for dot
            case 4 -> base + "." + domain;                                        // no @ at all
            default -> base + "@" + domain + ".";                                 // trailing dot
        };
    }

    public static boolean isWellFormed(String email) {
        return email != null && WELL_FORMED.matcher(email).matches();
    }
}
