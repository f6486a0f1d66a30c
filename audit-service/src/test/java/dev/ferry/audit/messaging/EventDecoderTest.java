package dev.ferry.audit.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.audit.ledger.Decoded;
import dev.ferry.audit.ledger.InboundPosition;
import dev.ferry.contracts.CommandIds;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadOutcome;
import dev.ferry.contracts.OutcomeKind;
import dev.ferry.contracts.PoisonRecord;
import dev.ferry.contracts.Rejection;
import dev.ferry.contracts.RunEvent;
import dev.ferry.contracts.SourceResource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class EventDecoderTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final EventDecoder<LoadOutcome> outcomes =
            new EventDecoder<>(LoadOutcome.class, "audit-service/outcomes-in", EventRules::outcome, CLOCK);

    private static ConsumerRecord<String, byte[]> record(String key, byte[] value) {
        return new ConsumerRecord<>("freshsales.outcomes", 2, 41L, key, value);
    }

    @Test
    void aValidOutcomeDecodesWithItsPosition() {
        LoadOutcome outcome = LoadOutcome.rejected(
                CommandIds.of("run-1", SourceResource.PATIENTS, "P-1", 0, "UPSERT"), "run-1",
                SourceResource.PATIENTS, "P-1", new Rejection("email.invalid", "email", "e-mail is not valid"), NOW);

        Decoded<LoadOutcome> d = outcomes.decode(record("P-1", FerryJson.encode(outcome)));

        assertThat(d).isInstanceOf(Decoded.Event.class);
        assertThat(((Decoded.Event<LoadOutcome>) d).value()).isEqualTo(outcome);
        assertThat(d.position().offset()).isEqualTo(41L);
        assertThat(d.position().partition()).isEqualTo(2);
        assertThat(d.position().key()).isEqualTo("P-1");
    }

    @Test
    void brokenJsonBecomesPoisonThatNamesThePlaceAndNeverTheContent() {
        String secret = "{\"commandId\":\"c\",\"runId\":\"r\",\"resource\":\"patients\",\"sourceId\":\"P-9\","
                + "\"kind\":\"CREATED\",\"detail\":\"Ayşe Yılmaz 1984-02-03 TR12345678901\"";
        Decoded<LoadOutcome> d = outcomes.decode(record("P-9", secret.getBytes(StandardCharsets.UTF_8)));

        PoisonRecord p = ((Decoded.Poison<LoadOutcome>) d).poison();
        assertThat(p.consumer()).isEqualTo("audit-service/outcomes-in");
        assertThat(p.topic()).isEqualTo("freshsales.outcomes");
        assertThat(p.partition()).isEqualTo(2);
        assertThat(p.offset()).isEqualTo(41L);
        assertThat(p.key()).isEqualTo("P-9");
        assertThat(p.sizeBytes()).isEqualTo(secret.getBytes(StandardCharsets.UTF_8).length);
        assertThat(p.at()).isEqualTo(NOW);
        assertThat(p.reason()).contains("LoadOutcome").doesNotContain("Ayşe").doesNotContain("1984")
                .doesNotContain("TR123");
    }

    @Test
    void wrongShapesAndTombstonesBecomePoison() {
        assertThat(outcomes.decode(record("k", null))).isInstanceOf(Decoded.Poison.class);
        assertThat(outcomes.decode(record("k", new byte[0]))).isInstanceOf(Decoded.Poison.class);
        assertThat(outcomes.decode(record("k", "null".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Decoded.Poison.class);
        assertThat(outcomes.decode(record("k", "[1,2]".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Decoded.Poison.class);
        // REJECTED without a rejection violates the contract's constructor
        String noRejection = "{\"commandId\":\"c\",\"runId\":\"r\",\"resource\":\"patients\",\"sourceId\":\"P-1\","
                + "\"kind\":\"REJECTED\"}";
        assertThat(outcomes.decode(record("k", noRejection.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Decoded.Poison.class);
        String unknownResource = "{\"commandId\":\"c\",\"runId\":\"r\",\"resource\":\"x-rays\",\"sourceId\":\"P-1\","
                + "\"kind\":\"CREATED\"}";
        assertThat(outcomes.decode(record("k", unknownResource.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Decoded.Poison.class);
    }

    @Test
    void decodedButUnusableOutcomesBecomePoisonWithAReasonNamingTheField() {
        String blankSource = "{\"commandId\":\"c\",\"runId\":\"r\",\"resource\":\"patients\",\"sourceId\":\" \","
                + "\"kind\":\"CREATED\"}";

        Decoded<LoadOutcome> d = outcomes.decode(record("k", blankSource.getBytes(StandardCharsets.UTF_8)));

        assertThat(((Decoded.Poison<LoadOutcome>) d).poison().reason()).contains("sourceId is blank");
    }

    @Test
    void aMissingTimeIsNotPoison() {
        String noTime = "{\"commandId\":\"c\",\"runId\":\"r\",\"resource\":\"patients\",\"sourceId\":\"P-1\","
                + "\"kind\":\"CREATED\"}";

        assertThat(outcomes.decode(record("k", noTime.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Decoded.Event.class);
    }

    @Test
    void runEventsAndPoisonRecordsHaveTheirOwnRules() {
        EventDecoder<RunEvent> runs = new EventDecoder<>(RunEvent.class, "a/runs-in", EventRules::runEvent, CLOCK);
        String negative = "{\"type\":\"MANIFEST_COUNTED\",\"runId\":\"r\",\"resource\":\"clinics\",\"count\":-1,"
                + "\"deleted\":0}";
        String unknownType = "{\"type\":\"RUN_EXPLODED\",\"runId\":\"r\"}";
        String ok = FerryJson.encodeToString(new RunEvent.ManifestCounted(null, "r", SourceResource.CLINICS, 5, 1,
                NOW));
        assertThat(runs.decode(record("r", negative.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Decoded.Poison.class);
        assertThat(runs.decode(record("r", unknownType.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Decoded.Poison.class);
        assertThat(runs.decode(record("r", ok.getBytes(StandardCharsets.UTF_8)))).isInstanceOf(Decoded.Event.class);

        EventDecoder<PoisonRecord> poison = new EventDecoder<>(PoisonRecord.class, "a/poison-in", EventRules::poison,
                CLOCK);
        String noTopic = "{\"consumer\":\"mapper\",\"partition\":0,\"offset\":1,\"reason\":\"x\"}";
        assertThat(poison.decode(record("k", noTopic.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Decoded.Poison.class);
    }

    @Test
    void overlongKeysAreCut() {
        String key = "k".repeat(5000);

        Decoded<LoadOutcome> d = outcomes.decode(record(key, "{".getBytes(StandardCharsets.UTF_8)));

        assertThat(d.position().key()).hasSize(InboundPosition.MAX_KEY_LENGTH);
    }

    @Test
    void manifestIdChunksHaveTheirRules() {
        EventDecoder<RunEvent> runs = new EventDecoder<>(RunEvent.class, "a/runs-in", EventRules::runEvent, CLOCK);
        String ok = FerryJson.encodeToString(new RunEvent.ManifestIds(null, "r", SourceResource.PATIENTS, 1, 2,
                java.util.List.of("P-1", "P-2"), NOW));
        String outOfRange = "{\"type\":\"MANIFEST_IDS\",\"runId\":\"r\",\"resource\":\"patients\",\"chunk\":2,"
                + "\"chunks\":2,\"ids\":[\"P-1\"]}";
        String blankId = "{\"type\":\"MANIFEST_IDS\",\"runId\":\"r\",\"resource\":\"patients\",\"chunk\":0,"
                + "\"chunks\":1,\"ids\":[\"P-1\",\" \"]}";
        String nullId = "{\"type\":\"MANIFEST_IDS\",\"runId\":\"r\",\"resource\":\"patients\",\"chunk\":0,"
                + "\"chunks\":1,\"ids\":[null]}";
        String negativeChunks = "{\"type\":\"MANIFEST_COUNTED\",\"runId\":\"r\",\"resource\":\"clinics\","
                + "\"count\":1,\"deleted\":0,\"idChunks\":-1}";

        assertThat(runs.decode(record("r", ok.getBytes(StandardCharsets.UTF_8)))).isInstanceOf(Decoded.Event.class);
        assertThat(((Decoded.Poison<RunEvent>) runs.decode(record("r", outOfRange.getBytes(StandardCharsets.UTF_8))))
                .poison().reason()).contains("chunk is not within");
        assertThat(((Decoded.Poison<RunEvent>) runs.decode(record("r", blankId.getBytes(StandardCharsets.UTF_8))))
                .poison().reason()).contains("blank id");
        assertThat(runs.decode(record("r", nullId.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Decoded.Poison.class);
        assertThat(runs.decode(record("r", negativeChunks.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(Decoded.Poison.class);
    }

    @Test
    void aKeyWithANulIsMadeStorableSoThePoisonRecordNamingItIsStorableToo() {
        // regression: issue 8 hole 5 — a refused message's poison record carried the same NUL and was refused too
        Decoded<LoadOutcome> d = outcomes.decode(record("P-\u00001", "{".getBytes(StandardCharsets.UTF_8)));

        assertThat(d.position().key()).isEqualTo("P-\uFFFD1");
        assertThat(((Decoded.Poison<LoadOutcome>) d).poison().key()).isEqualTo("P-\uFFFD1");
    }
}
