package dev.ferry.loader.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.CommandKind;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.PoisonRecord;
import dev.ferry.contracts.SourceResource;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What becomes poison on freshsales.commands, and what a poison record may say about it. */
class CommandDecoderTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
    private final CommandDecoder decoder = new CommandDecoder("loader-service/freshsales.commands");

    private CommandDecoder.Decoded decode(String key, byte[] value) {
        return decoder.decode("freshsales.commands", 2, 41, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                value, NOW);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aValidCommandDecodes() {
        LoadCommand c = new LoadCommand(null, "run-1", CommandKind.UPSERT, null, SourceResource.PATIENTS, "P-1", 0,
                FreshsalesTarget.CONTACT, null, Map.of("cf_dentes_id", "P-1"), null, null, "v1", null, null);
        assertThat(decode("P-1", FerryJson.encode(c))).isEqualTo(new CommandDecoder.Command(c));
    }

    @Test
    void undecodableRecordsArePoisonThatSaysWhereAndWhyButNeverWhat() {
        String patientData = "{\"runId\":\"r\",\"kind\":\"UPSERT\",\"resource\":\"patients\",\"sourceId\":\"P-1\","
                + "\"target\":\"contacts\",\"fields\":{\"first_name\":\"Ayşe Yılmaz\",\"cf_date_of_birth\":\"1984-02-29\"},"
                + "\"part\":\"not-a-number\"}";
        for (byte[] bad : new byte[][] {b("not json at all: Ayşe Yılmaz"), b(patientData), b("{\"runId\":\"r\"}"),
                b("null"), new byte[0], null, b("{\"runId\":\" \",\"kind\":\"UPSERT\",\"resource\":\"patients\","
                        + "\"sourceId\":\"P-1\",\"target\":\"contacts\"}"),
                b("{\"runId\":\"r\",\"kind\":\"UPSERT\",\"resource\":\"planets\",\"sourceId\":\"P-1\",\"target\":\"contacts\"}")}) {
            CommandDecoder.Decoded d = decode("P-1", bad);
            assertThat(d).isInstanceOf(CommandDecoder.Poison.class);
            PoisonRecord p = ((CommandDecoder.Poison) d).record();
            assertThat(p.consumer()).isEqualTo("loader-service/freshsales.commands");
            assertThat(p.topic()).isEqualTo("freshsales.commands");
            assertThat(p.partition()).isEqualTo(2);
            assertThat(p.offset()).isEqualTo(41);
            assertThat(p.key()).isEqualTo("P-1");
            assertThat(p.sizeBytes()).isEqualTo(bad == null ? 0 : bad.length);
            assertThat(p.at()).isEqualTo(NOW);
            assertThat(p.reason()).isNotBlank().doesNotContain("Ayşe").doesNotContain("Yılmaz").doesNotContain("1984")
                    .doesNotContain("not-a-number");
        }
    }

    @Test
    void aKeyThatIsNotShortPrintableTextIsLeftOut() {
        assertThat(CommandDecoder.keyText(new byte[] {(byte) 0xC3, (byte) 0x28})).isNull();
        assertThat(CommandDecoder.keyText(b("P-1\n"))).isNull();
        assertThat(CommandDecoder.keyText(b("x".repeat(201)))).isNull();
        assertThat(CommandDecoder.keyText(null)).isNull();
        assertThat(CommandDecoder.keyText(b("C-İ7"))).isEqualTo("C-İ7");
    }
}
