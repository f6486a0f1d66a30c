package dev.ferry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --discovery}: {@code ferry discover}'s report, passed on to the mapper by propose and preflight. */
final class DiscoveryOption {

    @Option(names = "--discovery", description = "a discovery report (discovery.json from ferry discover): its custom"
            + " fields and modules, counts, practitioners and attachments are taken into account")
    Path file;

    /** The report, or null without {@code --discovery}; an unreadable file is an {@link UncheckedIOException}. */
    JsonNode readOrNull() {
        if (file == null) {
            return null;
        }
        try {
            return FerryJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --discovery " + file + ": " + e.getMessage(), e);
        }
    }
}
