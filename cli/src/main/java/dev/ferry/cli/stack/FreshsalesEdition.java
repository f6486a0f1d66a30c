package dev.ferry.cli.stack;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * The Freshsales edition a sandbox account is on, as the demo's and the bench's {@code --edition} name it. One place
 * decides what an edition sets on both sides, so the sandbox and the mapper can never be told different editions: the
 * sandbox's {@code classicMode} (it serves {@code /leads}) and the mapper's {@code ferry.mapper.edition} (it writes a
 * never-booked patient as a lead).
 */
public enum FreshsalesEdition {

    /** Freshsales Suite: a lead is a contact at a Lead lifecycle stage. */
    SUITE("Suite"),
    /** Freshsales Classic: a lead lives in the leads module, with fewer fields and no upsert. */
    CLASSIC("Classic");

    private final String label;

    FreshsalesEdition(String label) {
        this.label = label;
    }

    /** The sandbox's {@code classicMode} setting. */
    public boolean classicMode() {
        return this == CLASSIC;
    }

    /** The value of the mapper's {@code ferry.mapper.edition}. */
    public String mapperEdition() {
        return name();
    }

    /** The option's value as typed ({@code classic}). */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** As a person reads it in a progress line ({@code Classic}). */
    public String label() {
        return label;
    }

    /** Reads {@code suite} or {@code classic}, in any case; anything else names the choices. */
    public static final class Converter implements CommandLine.ITypeConverter<FreshsalesEdition> {
        @Override
        public FreshsalesEdition convert(String value) {
            for (FreshsalesEdition e : values()) {
                if (e.option().equalsIgnoreCase(value.trim())) {
                    return e;
                }
            }
            throw new CommandLine.TypeConversionException("unknown edition '" + value + "' (" + Arrays.stream(values())
                    .map(FreshsalesEdition::option).collect(Collectors.joining(", ")) + ")");
        }
    }
}
