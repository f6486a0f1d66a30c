package dev.ferry.loader.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a Freshsales response said about the budget in its {@code X-RateLimit-*} headers. Which budget the headers
 * describe (hourly or per minute) is not documented; the budget decides from the limit.
 *
 * @param limit {@code X-RateLimit-Limit}, or null
 * @param remaining {@code X-RateLimit-Remaining}, or null
 * @param resetIn time until the described budget frees up ({@code X-RateLimit-Reset}), or null
 */
public record ServerView(Integer limit, Integer remaining, Duration resetIn) {

    /** Values above this are epoch seconds; below, seconds to wait (the unit is undocumented). */
    static final long EPOCH_SECONDS_THRESHOLD = 1_000_000_000L;

    public static final ServerView NONE = new ServerView(null, null, null);

    /**
     * Reads the headers through a case-insensitive lookup. A header that is missing or not a number is ignored rather
     * than trusted.
     */
    public static ServerView parse(Function<String, Optional<String>> header, Instant now) {
        Integer limit = integer(header.apply("X-RateLimit-Limit"));
        Integer remaining = integer(header.apply("X-RateLimit-Remaining"));
        Long reset = number(header.apply("X-RateLimit-Reset"));
        Duration resetIn = null;
        if (reset != null && reset >= 0) {
            resetIn = reset > EPOCH_SECONDS_THRESHOLD
                    ? Duration.ofSeconds(Math.max(0, reset - now.getEpochSecond()))
                    : Duration.ofSeconds(reset);
        }
        return new ServerView(limit, remaining, resetIn);
    }

    public boolean describesUsage() {
        return limit != null && remaining != null;
    }

    private static Integer integer(Optional<String> v) {
        Long n = number(v);
        return n == null || n > Integer.MAX_VALUE ? null : (int) (long) n;
    }

    private static Long number(Optional<String> v) {
        if (v.isEmpty()) {
            return null;
        }
        try {
            long n = Long.parseLong(v.get().trim());
            return n < 0 ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
