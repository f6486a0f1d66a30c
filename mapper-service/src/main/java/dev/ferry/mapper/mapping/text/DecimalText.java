package dev.ferry.mapper.mapping.text;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads an amount written the way Dr.DENTES practices write them. The source contract says money is a decimal string
 * ({@code 7500.00}), but Turkish free text writes {@code 7.500,00} or {@code 1.250,50 TL}: both must mean the same
 * number, and a credit ({@code -120,00}) stays negative.
 *
 * <p>The rule, stated once: when both separators appear, the last one is the decimal mark and the other groups
 * thousands; a lone comma is a decimal mark (Turkish usage: {@code 7,5}); several commas, or several dots, group
 * thousands; a lone dot is a decimal mark (the contract's own form). A currency sign or code around the number
 * ({@code TL}, {@code ₺}, {@code TRY}, {@code EUR}, {@code €}, {@code USD}, {@code $}) is ignored; anything else makes
 * the text not a number.
 */
public final class DecimalText {

    private static final Pattern CURRENCY = Pattern.compile("(?i)\\s*(tl|try|eur|usd|₺|€|\\$)\\s*");
    private static final Pattern SHAPE = Pattern.compile("[+-]?[0-9][0-9.,]*");

    private DecimalText() {
    }

    public static Optional<BigDecimal> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = CURRENCY.matcher(text.strip()).replaceAll("").replace(" ", "").replace("\u00a0", "");
        if (!SHAPE.matcher(s).matches() || s.endsWith(".") || s.endsWith(",")) {
            return Optional.empty();
        }
        int dots = count(s, '.');
        int commas = count(s, ',');
        String normal;
        if (dots > 0 && commas > 0) {
            char decimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
            char grouping = decimal == ',' ? '.' : ',';
            if (count(s, decimal) > 1) {
                return Optional.empty();
            }
            normal = s.replace(String.valueOf(grouping), "").replace(decimal, '.');
        } else if (commas == 1) {
            normal = s.replace(',', '.');
        } else if (commas > 1) {
            normal = s.replace(",", "");
        } else if (dots > 1) {
            normal = s.replace(".", "");
        } else {
            normal = s;
        }
        try {
            return Optional.of(new BigDecimal(normal));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
