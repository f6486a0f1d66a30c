package dev.ferry.sim.dentes.datagen.records;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Timestamps as the tenant writes them: seconds precision, Europe/Istanbul offset. */
public final class Times {

    public static final ZoneId TENANT_ZONE = ZoneId.of("Europe/Istanbul");
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    private Times() {
    }

    public static String iso(OffsetDateTime t) {
        return t == null ? null : ISO.format(t);
    }

    public static OffsetDateTime inTenantZone(Instant instant) {
        return instant.atZone(TENANT_ZONE).toOffsetDateTime().withNano(0);
    }

    public static OffsetDateTime parse(String iso) {
        return OffsetDateTime.parse(iso);
    }

    /** Sets created_at and updated_at, never letting updated_at fall before created_at. */
    public static void stamp(com.fasterxml.jackson.databind.node.ObjectNode node, OffsetDateTime createdAt,
                             OffsetDateTime updatedAt) {
        node.put("created_at", iso(createdAt));
        node.put("updated_at", iso(max(createdAt, updatedAt)));
    }

    public static OffsetDateTime max(OffsetDateTime a, OffsetDateTime b) {
        return a.isAfter(b) ? a : b;
    }

    public static OffsetDateTime min(OffsetDateTime a, OffsetDateTime b) {
        return a.isBefore(b) ? a : b;
    }
}
