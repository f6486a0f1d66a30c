package dev.ferry.mapper.mapping;

import static dev.ferry.mapper.mapping.Fixtures.envelope;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.spec.ResourceMapping;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Practitioners to Freshsales users, on a Turkish-locale JVM (the default that breaks naive case folding). */
class OwnerMatcherTest {

    private static final ResourceMapping PRACTITIONERS = Fixtures.SPEC.mappingFor(SourceResource.PRACTITIONERS).orElseThrow();
    private final OwnerMatcher matcher = new OwnerMatcher();
    private Locale saved;

    @BeforeEach
    void turkish() {
        saved = Locale.getDefault();
        Locale.setDefault(new Locale("tr", "TR"));
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    private PractitionerMatch match(String id, String email, boolean deleted) {
        String json = "{\"id\": \"" + id + "\", \"first_name\": \"İlker\", \"last_name\": \"Şahin\", \"role\": \"DENTIST\","
                + " \"email\": " + (email == null ? "null" : "\"" + email + "\"") + "}";
        return matcher.match(PRACTITIONERS, envelope(SourceResource.PRACTITIONERS, json, deleted), Fixtures.target());
    }

    @Test
    void dottedCapitalIMatchesPlainI() {
        PractitionerMatch m = match("PR-1", "İlker.Sahin@Klinik.Example", false);
        assertThat(m.status()).isEqualTo(PractitionerMatch.Status.MATCHED);
        assertThat(m.userId()).isEqualTo(1001L);
        assertThat(m.email()).isEqualTo("ilker.sahin@klinik.example");
    }

    @Test
    void capitalIMatchesDottedIOnATurkishJvm() {
        assertThat("ISIL".toLowerCase()).as("the Turkish default is in force").isEqualTo("ısıl");
        PractitionerMatch m = match("PR-2", "ISIL.KAYA@KLINIK.EXAMPLE", false);
        assertThat(m.status()).isEqualTo(PractitionerMatch.Status.MATCHED);
        assertThat(m.userId()).isEqualTo(1002L);
    }

    @Test
    void anInactiveUserIsAMatchThatGivesNoOwner() {
        PractitionerMatch m = match("PR-3", "retired@klinik.example", false);
        assertThat(m.status()).isEqualTo(PractitionerMatch.Status.USER_INACTIVE);
        assertThat(m.status().linked()).isTrue();
        assertThat(OwnerMatcher.linkedDetail(m)).contains("inactive");
    }

    @Test
    void noUserGivesOwnerUnmatchedWithALookalikeSuggestion() {
        PractitionerMatch m = match("PR-5", "emre.çelik@klinik.example", false);
        assertThat(m.status()).isEqualTo(PractitionerMatch.Status.NO_USER);
        assertThat(m.suggestedEmail()).isEqualTo("emre.celik@klinik.example");
        Rejection r = OwnerMatcher.rejection(m, "email");
        assertThat(r.rule()).isEqualTo("owner.unmatched");
        assertThat(r.field()).isEqualTo("email");
        assertThat(r.message()).doesNotContain("emre");
    }

    @Test
    void noOrInvalidEmailIsUnmatched() {
        assertThat(match("PR-6", null, false).status()).isEqualTo(PractitionerMatch.Status.NO_EMAIL);
        assertThat(OwnerMatcher.rejection(match("PR-6", "  ", false), "email").rule()).isEqualTo("owner.unmatched");
        PractitionerMatch invalid = match("PR-7", "ilker.sahin@", false);
        assertThat(invalid.status()).isEqualTo(PractitionerMatch.Status.INVALID_EMAIL);
        assertThat(OwnerMatcher.rejection(invalid, "email").message()).contains("not a valid e-mail address");
    }

    @Test
    void aDeletedPractitionerIsNotMatched() {
        PractitionerMatch m = match("PR-8", "ilker.sahin@klinik.example", true);
        assertThat(m.status()).isEqualTo(PractitionerMatch.Status.DELETED);
        assertThat(OwnerMatcher.rejection(m, "email").rule()).isEqualTo("record.deleted");
    }
}
