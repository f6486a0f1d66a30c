package dev.ferry.extractor.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Both forms of Retry-After, measured from an injected instant. */
class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void readsAnHttpDateRelativeToNow() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 10:01:30 GMT", NOW)).contains(Duration.ofSeconds(90));
    }

    @Test
    void aDateInThePastMeansNow() {
        assertThat(RetryAfter.parse("Sat, 01 Mar 2025 09:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void absentOrUnreadableMeansNoHint() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
    }

    @Test
    void moreDigitsThanALongIsVeryLongNotAnError() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).get()
                .satisfies(d -> assertThat(d).isGreaterThan(Duration.ofDays(365)));
    }
}
