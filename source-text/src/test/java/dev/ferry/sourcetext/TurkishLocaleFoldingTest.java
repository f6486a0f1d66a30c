package dev.ferry.sourcetext;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Case folding must not depend on the JVM's default locale. These tests run with the default set to Turkish, where
 * {@code "I".toLowerCase()} is the dotless {@code "ı"}: the trap that makes {@code ISIL@x} miss {@code isil@x}.
 */
class TurkishLocaleFoldingTest {

    private static Locale saved;

    @BeforeAll
    static void turkishDefault() {
        saved = Locale.getDefault();
        Locale.setDefault(new Locale("tr", "TR"));
    }

    @AfterAll
    static void restore() {
        Locale.setDefault(saved);
    }

    @Test
    void theDefaultLocaleReallyIsTurkishSoTheTrapIsArmed() {
        // Without this the tests below would prove nothing.
        assertThat("ISIL".toLowerCase()).isEqualTo("ısıl");
        assertThat("ilker".toUpperCase()).isEqualTo("İLKER");
    }

    @Test
    void capitalDottedIFoldsToPlainI() {
        assertThat(TextKeys.fold("İlker")).isEqualTo("ilker");
        assertThat(EmailAddresses.fold("İlker.Sahin@Klinik.Example")).isEqualTo("ilker.sahin@klinik.example");
    }

    @Test
    void capitalIFoldsToDottedIOnATurkishJvm() {
        assertThat(EmailAddresses.fold("ISIL@X.EXAMPLE")).isEqualTo("isil@x.example");
        assertThat(TextKeys.fold("ISIL")).isEqualTo("isil");
    }

    @Test
    void turkishLettersOtherThanIKeepTheirIdentity() {
        // ş and s are different letters: only the lower/upper case pairing is folded.
        assertThat(TextKeys.fold("ŞAHİN")).isEqualTo("şahin");
        assertThat(TextKeys.fold("ŞAHİN")).isNotEqualTo(TextKeys.fold("SAHIN"));
        assertThat(TextKeys.fold("ı")).isEqualTo("ı");
    }

    @Test
    void compatibilityFormsAreNormalisedBeforeFolding() {
        // A full-width address typed on a phone keyboard, and a decomposed İ (I + combining dot above).
        assertThat(EmailAddresses.fold("ＩＳＩＬ@x.example")).isEqualTo("isil@x.example");
        assertThat(TextKeys.fold("I\u0307lker")).isEqualTo("ilker");
    }

    @Test
    void asciiFoldingIsOnlyALooseHint() {
        assertThat(TextKeys.ascii("Şahin.Işık")).isEqualTo("sahin.isik");
    }

    @Test
    void looseKeysIgnoreCaseAndSeparators() {
        assertThat(TextKeys.loose("ROOT_CANAL")).isEqualTo(TextKeys.loose("Root canal"));
        assertThat(TextKeys.loose("WALK_IN")).isEqualTo(TextKeys.loose("Walk-in"));
        assertThat(TextKeys.loose("İMPLANT")).isEqualTo("implant");
    }
}
