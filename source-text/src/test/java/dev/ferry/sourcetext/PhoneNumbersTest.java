package dev.ferry.sourcetext;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ways Turkish reception desks write +90 532 123 45 67 (the styles the Dr.DENTES data generator uses). */
class PhoneNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {"+90 532 123 45 67", "0532 123 4567", "05321234567", "(0532) 123-45-67", "90 532 123 45 67",
        "532 123 45 67", "+905321234567", "0090 532 123 45 67", "0532.123.45.67", " +90 (532) 123 45 67 ",
        "+90-532-123-45-67"})
    void everyWayOfWritingATurkishMobileGivesOneE164(String written) {
        assertThat(PhoneNumbers.toE164(written, "TR")).contains("+905321234567");
    }

    @ParameterizedTest
    @ValueSource(strings = {"(0216) 555-12-34", "0216 555 12 34", "+90 216 555 12 34", "216 555 12 34"})
    void istanbulLandlines(String written) {
        assertThat(PhoneNumbers.toE164(written, "TR")).contains("+902165551234");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0532 123 456", "532 12", "05321234567890", "not a number", "0000 000 00 00", "+90 123"})
    void numbersThatAreNotValidAreRefused(String written) {
        assertThat(PhoneNumbers.toE164(written, "TR")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void foreignNumbersWithTheirCountryCodeStayForeign() {
        assertThat(PhoneNumbers.toE164("+44 20 7946 0018", "TR")).contains("+442079460018");
        assertThat(PhoneNumbers.toE164("0049 30 901820", "TR")).contains("+4930901820");
    }

    @org.junit.jupiter.api.Test
    void regionsAreCheckedAgainstLibphonenumber() {
        assertThat(PhoneNumbers.isKnownRegion("TR")).isTrue();
        assertThat(PhoneNumbers.isKnownRegion("XX")).isFalse();
    }
}
