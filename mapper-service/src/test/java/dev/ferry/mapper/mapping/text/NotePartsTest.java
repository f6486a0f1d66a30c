package dev.ferry.mapper.mapping.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class NotePartsTest {

    private static final String TURKISH = "İyileşme süreci: ağrı ılımlı, şişlik ğ yok. Çene ölçümü 🦷🦷 👩🏽‍⚕️ kontrol. ";

    private static String longBody(int repeats) {
        return TURKISH.repeat(repeats);
    }

    private static void assertNoHalfCharacter(String piece) {
        assertThat(piece.isEmpty() || !Character.isLowSurrogate(piece.charAt(0))).as("starts inside a pair").isTrue();
        assertThat(piece.isEmpty() || !Character.isHighSurrogate(piece.charAt(piece.length() - 1)))
                .as("ends inside a pair").isTrue();
    }

    @Test
    void aNoteThatFitsIsOnePartWhoseFirstLineNamesItsSourceIdAndTitle() {
        List<String> parts = NoteParts.split("clinical-notes", "N-1", "Kontrol\nmuayenesi", "Kısa not.", 8000);
        assertThat(parts).containsExactly("[Dr.DENTES clinical-notes N-1] Kontrol muayenesi\nKısa not.");
        assertThat(NoteParts.rejoin(parts)).isEqualTo("Kısa not.");
    }

    @Test
    void aLongNoteIsSplitIntoNumberedPartsThatRejoinByteEqual() {
        String body = longBody(200);
        List<String> parts = NoteParts.split("clinical-notes", "N-42", "Tedavi özeti", body, 8000);
        assertThat(parts.size()).isGreaterThan(1);
        for (int k = 1; k <= parts.size(); k++) {
            String p = parts.get(k - 1);
            assertThat(p.length()).as("part %d within the limit", k).isLessThanOrEqualTo(8000);
            assertThat(p).startsWith("[Dr.DENTES clinical-notes N-42 part " + k + "/" + parts.size() + "] Tedavi özeti\n");
            assertNoHalfCharacter(p.substring(p.indexOf('\n') + 1));
        }
        assertThat(NoteParts.rejoin(parts).getBytes(StandardCharsets.UTF_8)).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Every cut position across emoji and Turkish letters: never half a surrogate pair, always byte-equal. */
    @Test
    void noLimitEverCutsASurrogatePair() {
        String body = longBody(6);
        for (int limit = 60; limit <= 160; limit++) {
            List<String> parts = NoteParts.split("clinical-notes", "N-7", "", body, limit);
            for (String p : parts) {
                assertThat(p.length()).isLessThanOrEqualTo(limit);
                assertNoHalfCharacter(p.substring(p.indexOf('\n') + 1));
            }
            assertThat(NoteParts.rejoin(parts)).as("limit %d", limit).isEqualTo(body);
        }
    }

    @Test
    void tenOrMorePartsStillFitWhenTheirMarkersGrow() {
        String body = "x".repeat(2000);
        List<String> parts = NoteParts.split("clinical-notes", "N-9", "T", body, 200);
        assertThat(parts.size()).isGreaterThanOrEqualTo(10);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(200));
        assertThat(parts.get(parts.size() - 1)).startsWith("[Dr.DENTES clinical-notes N-9 part " + parts.size() + "/"
                + parts.size() + "] T\n");
        assertThat(NoteParts.rejoin(parts)).isEqualTo(body);
    }

    @Test
    void controlCharactersBecomeVisiblePicturesAndLineBreaksAndTabsStay() {
        String raw = "a\u0000b\u0007c\td\ne\r\nf\u007F";
        assertThat(NoteParts.visibleControls(raw)).isEqualTo("a\u2400b\u2407c\td\ne\r\nf\u2421");
        assertThat(NoteParts.controlsReplaced(raw)).isEqualTo(3);
        assertThat(NoteParts.visibleControls("plain")).isEqualTo("plain");
    }

    @Test
    void markupIsKeptAsText() {
        String html = "<p><b>Dolgu</b> &amp; **kanal** tedavisi</p>";
        assertThat(NoteParts.rejoin(NoteParts.split("clinical-notes", "N-3", "<h1>", html, 8000))).isEqualTo(html);
    }

    @Test
    void aLimitWithoutRoomForTextIsRefused() {
        assertThatThrownBy(() -> NoteParts.split("clinical-notes", "N-1", "title", "body", 20))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
