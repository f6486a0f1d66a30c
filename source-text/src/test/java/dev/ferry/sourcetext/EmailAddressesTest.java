package dev.ferry.sourcetext;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {"ayse.yilmaz@example.com", "  Ayse.Yilmaz@Example.COM ", "a+tag@sub.example.com.tr",
        "İlker.Şahin@klinik.example", "çağlar.öztürk@örnek.example", "o'neil@example.ie", "x_y-z@a-b.example"})
    void acceptsAddresses(String raw) {
        assertThat(EmailAddresses.normalise(raw)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ayse.yilmaz@example", "ayse@@example.com", "ayse@x@example.com", "ayse yilmaz@example.com",
        "ayse,yilmaz@example.com", ".ayse@example.com", "ayse.@example.com", "ay..se@example.com", "@example.com",
        "ayse@", "ayse", "ayse@-example.com", "ayse@example..com", "ayse@example.c", "ayse@example.com.",
        "\"ayse\"@example.com", "<ayse@example.com>"})
    void refusesNonAddresses(String raw) {
        assertThat(EmailAddresses.normalise(raw)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void blankIsNoAddressRatherThanAnInvalidOne(String raw) {
        assertThat(EmailAddresses.fold(raw)).isNull();
    }

    @org.junit.jupiter.api.Test
    void normalisedFormIsFoldedAndStripped() {
        assertThat(EmailAddresses.normalise("  Ayse.Yilmaz@Example.COM ")).isEqualTo("ayse.yilmaz@example.com");
    }

    @org.junit.jupiter.api.Test
    void overlongLocalPartIsRefused() {
        assertThat(EmailAddresses.normalise("a".repeat(65) + "@example.com")).isNull();
        assertThat(EmailAddresses.normalise("a".repeat(64) + "@example.com")).isNotNull();
    }
}
