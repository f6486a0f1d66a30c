package dev.ferry.sim.freshsales.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsing and emitting of dates and date-times the way the API does (ISO-8601 with the account's offset). */
public final class Times {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ROOT);
    /** JavaScript Date.toString() form seen in old doc samples: "Tue Jun 21 2016 11:00:00 GMT+0000". */
    private static final DateTimeFormatter JS = DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.ENGLISH);

    private Times() {
    }

    public static String format(long epochMillis, ZoneOffset offset) {
        return OUT.format(OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), offset));
    }

    /** Epoch millis of an ISO date-time (offset, Z, or local in the account's offset), an ISO date, or a JS date string. */
    public static Long parseDateTime(String s, ZoneOffset accountOffset) {
        String v = s.trim();
        try {
            return OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDateTime.parse(v).toInstant(accountOffset).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return LocalDate.parse(v).atStartOfDay().toInstant(accountOffset).toEpochMilli();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            String trimmed = v.replaceAll("\\s*\\(.*\\)$", "");
            return OffsetDateTime.parse(trimmed, JS).toInstant().toEpochMilli();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** A YYYY-MM-DD date; a date-time is cut to its date. Null when unparseable. */
    public static String parseDate(String s) {
        String v = s.trim();
        try {
            return LocalDate.parse(v).toString();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return OffsetDateTime.parse(v).toLocalDate().toString();
        } catch (DateTimeParseException ignored) {
            return null;
        }
    }

    /** Today's date in the account's offset. */
    public static String today(long nowMillis, ZoneOffset offset) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(nowMillis), offset).toLocalDate().toString();
    }
}
