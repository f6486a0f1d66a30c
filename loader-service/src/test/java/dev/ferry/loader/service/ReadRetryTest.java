package dev.ferry.loader.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.loader.budget.Sleeper;
import dev.ferry.loader.client.FreshsalesException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Regression: one transient 5xx among the ~20 reads of the account's setup failed the mapper's proposal with 503. */
class ReadRetryTest {

    private final List<Duration> pauses = new ArrayList<>();
    private final Sleeper sleeper = pauses::add;

    @Test
    void aReadThatFailsTransientlyIsAskedAgainWithGrowingPauses() throws InterruptedException {
        AtomicInteger calls = new AtomicInteger();
        String answer = ReadRetry.read(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new FreshsalesException.NoAnswer("GET /selector/owners", 503, "server error 503");
            }
            return "owners";
        }, sleeper);

        assertThat(answer).isEqualTo("owners");
        assertThat(calls).hasValue(3);
        assertThat(pauses).containsExactly(Duration.ofMillis(250), Duration.ofMillis(500));
    }

    @Test
    void aReadThatNeverAnswersFailsAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ReadRetry.read(() -> {
            calls.incrementAndGet();
            throw new FreshsalesException.NoAnswer("GET /selector/owners", 502, "server error 502");
        }, sleeper)).isInstanceOf(FreshsalesException.NoAnswer.class);

        assertThat(calls).hasValue(ReadRetry.ATTEMPTS);
        assertThat(pauses).hasSize(ReadRetry.ATTEMPTS - 1);
    }

    @Test
    void aRefusalIsAnAnswerAndIsNotAskedAgain() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> ReadRetry.read(() -> {
            calls.incrementAndGet();
            throw new FreshsalesException.Refused("GET /settings/leads/fields", 404, List.of("not found"));
        }, sleeper)).isInstanceOf(FreshsalesException.Refused.class);

        assertThat(calls).hasValue(1);
        assertThat(pauses).isEmpty();
    }
}
