package dev.ferry.audit.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.WithDefault;
import java.io.IOException;
import java.time.Duration;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * Every incoming channel states its commit and failure strategy and reads raw bytes (decoding happens in our code, so
 * a bad message can never fail inside a Kafka deserializer), and the poison producer waits for all replicas.
 */
class ChannelConfigTest {

    private static final List<String> INCOMING = List.of("outcomes-in", "runs-in", "poison-in");

    private static Properties properties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = ChannelConfigTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void incomingChannelsAreExplicitAboutCommitsFailuresAndDecoding() throws IOException {
        Properties p = properties();
        for (String channel : INCOMING) {
            String prefix = "mp.messaging.incoming." + channel + ".";
            assertThat(p.getProperty(prefix + "commit-strategy")).as(channel).isEqualTo("throttled");
            assertThat(p.getProperty(prefix + "failure-strategy")).as(channel).isEqualTo("fail");
            assertThat(p.getProperty(prefix + "enable.auto.commit")).as(channel).isEqualTo("false");
            assertThat(p.getProperty(prefix + "auto.offset.reset")).as(channel).isEqualTo("earliest");
            assertThat(p.getProperty(prefix + "batch")).as(channel).isEqualTo("true");
            assertThat(p.getProperty(prefix + "value.deserializer")).as(channel)
                    .isEqualTo("org.apache.kafka.common.serialization.ByteArrayDeserializer");
            assertThat(p.getProperty(prefix + "group.id")).as(channel).startsWith("ferry-audit-");
        }
        assertThat(p.getProperty("mp.messaging.outgoing.poison-out.acks")).isEqualTo("all");
        assertThat(p.getProperty("quarkus.http.host")).isEqualTo("127.0.0.1");
        assertThat(p.getProperty("quarkus.http.port")).isEqualTo("8084");
    }

    @Test
    void theDefaultLedgerRetryBudgetStaysWellBelowTheThrottledMaxAge() throws Exception {
        // The throttled strategy declares a channel dead when a record stays un-acked for 60 s; in-place retries of
        // a batch must end (and fail the channel deliberately) well before that.
        int attempts = Integer.parseInt(withDefault("attempts"));
        long pause = Duration.parse(withDefault("initialBackoff")).toMillis();
        long maxPause = Duration.parse(withDefault("maxBackoff")).toMillis();
        long total = 0;
        for (int attempt = 1; attempt < attempts; attempt++) {
            total += pause;
            pause = Math.min(pause * 2, maxPause);
        }
        assertThat(total).isLessThan(30_000);
    }

    private static String withDefault(String method) throws NoSuchMethodException {
        return AuditConfig.Ledger.class.getMethod(method).getAnnotation(WithDefault.class).value();
    }
}
