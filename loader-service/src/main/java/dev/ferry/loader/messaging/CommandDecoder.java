package dev.ferry.loader.messaging;

import dev.ferry.contracts.ContractViolation;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.LoadCommand;
import dev.ferry.contracts.PoisonRecord;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Turns a raw record from {@code freshsales.commands} into a command, or into a {@link PoisonRecord} that says where
 * the record sat and why it was refused, never what it contained (commands carry patient data).
 */
public final class CommandDecoder {

    /** Longest key kept in a poison record; keys are source ids, anything longer is not one. */
    static final int MAX_KEY_LENGTH = 200;

    /** A decoded record: a command or poison. */
    public sealed interface Decoded {
    }

    public record Command(LoadCommand command) implements Decoded {
    }

    public record Poison(PoisonRecord record) implements Decoded {
    }

    private final String consumerName;

    public CommandDecoder(String consumerName) {
        this.consumerName = consumerName;
    }

    public Decoded decode(String topic, int partition, long offset, byte[] key, byte[] value, Instant now) {
        String reason;
        try {
            LoadCommand command = FerryJson.decode(value, LoadCommand.class);
            reason = invalid(command);
            if (reason == null) {
                return new Command(command);
            }
        } catch (ContractViolation e) {
            reason = e.getMessage();
        }
        return new Poison(new PoisonRecord(consumerName, topic, partition, offset, keyText(key), reason,
                value == null ? 0 : value.length, now));
    }

    /** What the record constructor does not check but a command cannot do without. */
    static String invalid(LoadCommand c) {
        if (c.runId().isBlank()) {
            return "cannot decode LoadCommand: runId is empty";
        }
        if (c.sourceId().isBlank()) {
            return "cannot decode LoadCommand: sourceId is empty";
        }
        if (c.part() < 0) {
            return "cannot decode LoadCommand: part is negative";
        }
        return null;
    }

    /** The key as text when it is short, printable UTF-8 (a source id); otherwise null. */
    static String keyText(byte[] key) {
        if (key == null || key.length == 0 || key.length > MAX_KEY_LENGTH) {
            return null;
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key)).toString();
            return s.chars().allMatch(ch -> ch >= 0x20 && ch != 0x7f) ? s : null;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
