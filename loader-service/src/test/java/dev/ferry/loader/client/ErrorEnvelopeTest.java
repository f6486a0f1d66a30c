package dev.ferry.loader.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorEnvelopeTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messagesComeFromTheEnvelopesArrayAsSent() {
        assertThat(ErrorEnvelope.messages(b("{\"errors\":{\"code\":400,\"message\":[\"Name has already been taken\","
                + "\"Owner is invalid\"]}}"))).containsExactly("Name has already been taken", "Owner is invalid");
    }

    @Test
    void aSingleStringMessageAndLocalisedTextAreKept() {
        assertThat(ErrorEnvelope.messages(b("{\"errors\":{\"code\":403,\"message\":\"U bent niet gemachtigd\"}}")))
                .containsExactly("U bent niet gemachtigd");
    }

    @Test
    void bodiesThatAreNotTheEnvelopeYieldNoMessages() {
        assertThat(ErrorEnvelope.messages(b("<html>502 Bad Gateway</html>"))).isEmpty();
        assertThat(ErrorEnvelope.messages(b("\"oops\""))).isEmpty();
        assertThat(ErrorEnvelope.messages(b("{\"errors\":{\"code\":500}}"))).isEmpty();
        assertThat(ErrorEnvelope.messages(new byte[0])).isEmpty();
        assertThat(ErrorEnvelope.messages((byte[]) null)).isEmpty();
    }
}
