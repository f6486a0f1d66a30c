package dev.ferry.mapper.service;

import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.SpecCompiler;
import dev.ferry.mapper.mapping.spec.SpecException;
import dev.ferry.mapper.store.ConfirmedMapStore;
import dev.ferry.mapper.store.Hashes;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Confirmed maps (issue 11 step 2). A confirmed map is a mapping spec text the operator confirmed: checked by compiling
 * it exactly as the mapper compiles its shipped spec, stored as version N with its sha256, who and when, and named
 * {@code confirmed/vN} wherever a spec version is named (a run's {@code mappingVersion}, the extractor's source-fields
 * call, the commands' {@code mappingVersion}). A run maps with the stored text only while it still hashes to the
 * sha256 recorded at confirmation; a text that does not is a changed map and is refused.
 */
@ApplicationScoped
public class ConfirmedMaps {

    private static final Logger LOG = Logger.getLogger(ConfirmedMaps.class);
    /** The name part of a confirmed map's spec version. */
    public static final String NAME = "confirmed";
    private static final Pattern VERSION = Pattern.compile(NAME + "/v([1-9][0-9]{0,8})");
    private static final Pattern SELECTOR = Pattern.compile("(?:" + NAME + "/)?v?([1-9][0-9]{0,8})");

    /** What {@code GET /mapping/confirmations/{version}} answers; {@code text} only on a single confirmation. */
    public record View(int version, String mappingVersion, String specVersion, String sha256, String currentSha256,
            boolean intact, String confirmedBy, Instant confirmedAt, String proposalId, String comment,
            List<String> resources) {
    }

    /** A confirmation attempt whose text is not a usable mapping spec; {@code problems} say where and why. */
    public static class InvalidMap extends RuntimeException {
        private final List<String> problems;

        public InvalidMap(List<String> problems) {
            super("the map is not a valid mapping spec (" + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + "):\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** The result of a confirmation. */
    public record Confirmed(View view, boolean created) {
    }

    private final ConfirmedMapStore store;
    private final Clock clock;
    private final Map<Integer, CompiledSpec> compiled = new ConcurrentHashMap<>();

    public ConfirmedMaps(ConfirmedMapStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public static String mappingVersion(int version) {
        return NAME + "/v" + version;
    }

    /** Whether a spec version names a confirmed map ({@code confirmed/vN}). */
    public static boolean names(String mappingVersion) {
        return mappingVersion != null && VERSION.matcher(mappingVersion).matches();
    }

    /**
     * Checks and stores a map. Confirming the latest version's text again answers that version.
     *
     * @throws InvalidMap when the text does not compile
     */
    public Confirmed confirm(String text, String by, String proposalId, String comment) {
        if (text == null || text.isBlank()) {
            throw new InvalidMap(List.of("the body is empty: send the map (a mapping spec, YAML) to confirm"));
        }
        CompiledSpec spec;
        try {
            spec = SpecCompiler.compile("(confirmation)", text);
        } catch (SpecException e) {
            throw new InvalidMap(e.problems());
        }
        ConfirmedMapStore.Stored stored = store.confirm(spec.version(), spec.sha256(), text, by, clock.instant(),
                blankToNull(proposalId), blankToNull(comment));
        if (stored.created()) {
            LOG.infof("map %s confirmed by %s (base %s, sha256 %s)", mappingVersion(stored.row().version()), by,
                    spec.version(), spec.sha256().substring(0, 12));
        }
        return new Confirmed(view(stored.row(), spec), stored.created());
    }

    /** {@code latest}, {@code 3}, {@code v3} or {@code confirmed/v3}. */
    public Optional<View> find(String selector) {
        return row(selector).map(r -> view(r, null));
    }

    public Optional<String> text(String selector) {
        return row(selector).map(ConfirmedMapStore.Row::text);
    }

    public List<View> list() {
        return store.list().stream().map(r -> new View(r.version(), mappingVersion(r.version()), r.specVersion(),
                r.sha256(), null, true, r.confirmedBy(), r.confirmedAt(), r.proposalId(), r.comment(), null)).toList();
    }

    /**
     * The compiled map a run names ({@code confirmed/vN}), only while its text still has the confirmed hash. Kept once
     * compiled: a confirmed version never changes.
     */
    public Optional<CompiledSpec> spec(String mappingVersion) {
        Matcher m = VERSION.matcher(mappingVersion == null ? "" : mappingVersion);
        if (!m.matches()) {
            return Optional.empty();
        }
        int version = Integer.parseInt(m.group(1));
        CompiledSpec known = compiled.get(version);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ConfirmedMapStore.Row> row = store.find(version);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String actual = Hashes.sha256(row.get().text());
        if (!actual.equals(row.get().sha256())) {
            LOG.errorf("confirmed map %s was changed after its confirmation (sha256 %s confirmed, %s now): no run maps"
                    + " with it; confirm the map again", mappingVersion, row.get().sha256().substring(0, 12),
                    actual.substring(0, 12));
            return Optional.empty();
        }
        CompiledSpec spec;
        try {
            spec = SpecCompiler.compile("confirmed map " + mappingVersion, row.get().text());
        } catch (SpecException e) {
            // Confirmed under an older mapper whose rules it met; this one reads it differently.
            LOG.errorf("confirmed map %s no longer compiles with this mapper: %s", mappingVersion, e.getMessage());
            return Optional.empty();
        }
        CompiledSpec named = new CompiledSpec(mappingVersion, spec.source(), spec.target(), spec.description(),
                spec.location(), spec.text(), spec.sha256(), spec.mappings());
        compiled.put(version, named);
        return Optional.of(named);
    }

    private Optional<ConfirmedMapStore.Row> row(String selector) {
        if ("latest".equals(selector)) {
            return store.latest();
        }
        Matcher m = SELECTOR.matcher(selector == null ? "" : selector);
        return m.matches() ? store.find(Integer.parseInt(m.group(1))) : Optional.empty();
    }

    private View view(ConfirmedMapStore.Row r, CompiledSpec known) {
        String current = Hashes.sha256(r.text());
        List<String> resources = null;
        if (current.equals(r.sha256())) {
            CompiledSpec spec = known != null ? known : spec(mappingVersion(r.version())).orElse(null);
            resources = spec == null ? null : spec.mappings().keySet().stream().map(x -> x.path()).toList();
        }
        return new View(r.version(), mappingVersion(r.version()), r.specVersion(), r.sha256(), current,
                current.equals(r.sha256()), r.confirmedBy(), r.confirmedAt(), r.proposalId(), r.comment(), resources);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
