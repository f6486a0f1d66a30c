package dev.ferry.sourcetext;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Optional;

/**
 * Phone numbers to E.164 through libphonenumber, read against a default region (TR for Dr.DENTES practices), so
 * {@code 0532 123 4567}, {@code (0532) 123-45-67}, {@code 0090 532 123 45 67}, {@code 90 532 123 45 67} and
 * {@code 532 123 45 67} all become {@code +905321234567}. Only numbers libphonenumber calls valid for their region
 * pass: a number with a digit missing is refused rather than sent to Freshsales half right.
 */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private PhoneNumbers() {
    }

    public static Optional<String> toE164(String raw, String defaultRegion) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = UTIL.parse(raw.strip(), defaultRegion);
            if (!UTIL.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /** Whether libphonenumber knows the region code (checked when the configuration is read). */
    public static boolean isKnownRegion(String region) {
        return region != null && UTIL.getSupportedRegions().contains(region);
    }
}
