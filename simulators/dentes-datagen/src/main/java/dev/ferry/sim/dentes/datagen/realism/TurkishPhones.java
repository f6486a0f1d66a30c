package dev.ferry.sim.dentes.datagen.realism;

import java.util.Random;

/**
 * Turkish phone numbers written the many ways reception desks type them. The subscriber number is always a valid
 * ten-digit national significant number (mobile 5xx, or a landline area code); only its spelling varies.
 */
public final class TurkishPhones {

    /** GSM operator prefixes in use (Turkcell 53x, Vodafone 54x, Türk Telekom 50x/55x). */
    private static final int[] MOBILE_PREFIXES = {
        501, 505, 506, 507, 530, 531, 532, 533, 534, 535, 536, 537, 538, 539,
        541, 542, 543, 544, 545, 546, 547, 548, 549, 551, 552, 553, 554, 555, 559};

    /** How a number is written. Weights in {@link #randomStyle(Random)}. */
    public enum Style {
        /** +90 532 123 45 67 */
        INTERNATIONAL_SPACED,
        /** 0532 123 4567 */
        NATIONAL_SPACED,
        /** 05321234567 */
        NATIONAL_COMPACT,
        /** (0532) 123-45-67 */
        NATIONAL_PARENTHESES,
        /** 90 532 123 45 67 */
        COUNTRY_CODE_NO_PLUS,
        /** 532 123 45 67 */
        BARE_SPACED,
        /** +905321234567 */
        E164,
        /** 0090 532 123 45 67 */
        INTERNATIONAL_DOUBLE_ZERO,
        /** 0532.123.45.67 */
        NATIONAL_DOTTED
    }

    private static final Style[] STYLES = Style.values();
    private static final int[] STYLE_WEIGHTS = {18, 20, 20, 8, 6, 10, 10, 4, 4};

    private TurkishPhones() {
    }

    /** Ten digits, e.g. {@code 5321234567}. */
    public static String mobileDigits(Random random) {
        int prefix = MOBILE_PREFIXES[random.nextInt(MOBILE_PREFIXES.length)];
        return prefix + subscriber(random);
    }

    /** Ten digits of a landline in the given area (e.g. 216 for Istanbul's Asian side). */
    public static String landlineDigits(int areaCode, Random random) {
        return areaCode + subscriber(random);
    }

    private static String subscriber(Random random) {
        // Subscriber numbers do not start with 0 or 1.
        return (2 + random.nextInt(8)) + String.format("%06d", random.nextInt(1_000_000));
    }

    public static Style randomStyle(Random random) {
        return STYLES[Distributions.weightedIndex(random, STYLE_WEIGHTS)];
    }

    public static String format(String tenDigits, Style style) {
        if (tenDigits.length() != 10) {
            throw new IllegalArgumentException("expected a ten-digit national number");
        }
        String a = tenDigits.substring(0, 3);
        String b = tenDigits.substring(3, 6);
        String c = tenDigits.substring(6, 8);
        String d = tenDigits.substring(8, 10);
        return switch (style) {
            case INTERNATIONAL_SPACED -> "+90 " + a + " " + b + " " + c + " " + d;
            case NATIONAL_SPACED -> "0" + a + " " + b + " " + c + d;
            case NATIONAL_COMPACT -> "0" + tenDigits;
            case NATIONAL_PARENTHESES -> "(0" + a + ") " + b + "-" + c + "-" + d;
            case COUNTRY_CODE_NO_PLUS -> "90 " + a + " " + b + " " + c + " " + d;
            case BARE_SPACED -> a + " " + b + " " + c + " " + d;
            case E164 -> "+90" + tenDigits;
            case INTERNATIONAL_DOUBLE_ZERO -> "0090 " + a + " " + b + " " + c + " " + d;
            case NATIONAL_DOTTED -> "0" + a + "." + b + "." + c + "." + d;
        };
    }

    public static String randomlyWritten(String tenDigits, Random random) {
        return format(tenDigits, randomStyle(random));
    }
}
