package dev.ferry.extractor.service;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** Run ids: {@code run-<yyyyMMddHHmmss UTC>-<4 hex>} unless the operator gives one. */
public final class RunIds {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private RunIds() {
    }

    public static String next(Clock clock) {
        byte[] random = new byte[2];
        ThreadLocalRandom.current().nextBytes(random);
        return "run-" + STAMP.format(clock.instant()) + "-" + HexFormat.of().formatHex(random);
    }

    /** Whether an operator-given id is usable (it becomes a Kafka key and appears in URLs). */
    public static boolean valid(String runId) {
        return runId != null && ALLOWED.matcher(runId).matches();
    }
}
