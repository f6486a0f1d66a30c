package dev.ferry.sim.dentes.datagen.records;

import java.util.HashMap;
import java.util.Map;

/** Opaque-looking, prefix-and-number ids per resource (P-000123), handed out in sequence. */
public final class IdScheme {

    private static final Map<String, String> FORMATS = Map.ofEntries(
            Map.entry("practitioners", "PR-%04d"),
            Map.entry("clinics", "C-%03d"),
            Map.entry("patients", "P-%06d"),
            Map.entry("treatment-cases", "TC-%07d"),
            Map.entry("appointments", "A-%07d"),
            Map.entry("clinical-notes", "N-%07d"),
            Map.entry("recalls", "R-%07d"),
            Map.entry("billing-records", "B-%07d"),
            Map.entry("products", "PRD-%04d"),
            Map.entry("custom-modules", "CM-%02d"),
            Map.entry("custom-modules/imaging/records", "IMG-%07d"),
            Map.entry("custom-modules/lab-work/records", "LAB-%07d"),
            Map.entry("custom-modules/prescriptions/records", "RX-%07d"),
            Map.entry("attachments", "ATT-%07d"),
            Map.entry("workflows", "WF-%03d"),
            Map.entry("integrations", "INT-%03d"));

    private final Map<String, Long> next = new HashMap<>();
    private final long base;

    /** Ids numbered from 1. */
    public IdScheme() {
        this(0);
    }

    /** Ids numbered from {@code base + 1}: another practice's namespace in one tenant's worth of state. */
    public IdScheme(long base) {
        this.base = base;
    }

    public static String format(String resource, long n) {
        String f = FORMATS.get(resource);
        if (f == null) {
            // Records of a module the generator does not know (created in the sandbox): a generic scheme.
            f = "CMR-%07d";
        }
        return String.format(f, n);
    }

    public String next(String resource) {
        long n = next.merge(resource, 1L, Long::sum);
        return format(resource, base + n);
    }
}
