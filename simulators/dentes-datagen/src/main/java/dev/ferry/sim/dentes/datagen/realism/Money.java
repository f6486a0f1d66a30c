package dev.ferry.sim.dentes.datagen.realism;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/** Money as the contract carries it (a decimal string with a dot, two places) and as people type it in Turkey. */
public final class Money {

    private static final Locale TURKISH = Locale.forLanguageTag("tr-TR");

    private Money() {
    }

    public static BigDecimal round(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** {@code 1250.50}: the contract's decimal string. */
    public static String decimal(BigDecimal amount) {
        return round(amount).toPlainString();
    }

    /** {@code 1.250,50}: a Turkish-formatted amount, as it appears in free text. */
    public static String turkishText(BigDecimal amount) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(TURKISH));
        return f.format(round(amount));
    }
}
