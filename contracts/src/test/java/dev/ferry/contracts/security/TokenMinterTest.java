package dev.ferry.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferry.contracts.FerryJson;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

    private final KeyPair keys = TokenMinter.newKeyPair();
    private final TokenMinter minter = new TokenMinter(keys, "urn:ferry:test");

    @Test
    void a_token_verifies_with_the_published_public_key_and_carries_issuer_groups_and_expiry() throws Exception {
        String token = minter.mint("cli", List.of(Roles.OPERATOR, Roles.VIEWER), Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);

        String pem = minter.publicKeyPem();
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", ""));
        PublicKey published = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(published);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        JsonNode header = FerryJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = FerryJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(header.path("alg").asText()).isEqualTo("RS256");
        assertThat(claims.path("iss").asText()).isEqualTo("urn:ferry:test");
        assertThat(claims.path("upn").asText()).isEqualTo("cli");
        assertThat(claims.path("groups")).extracting(JsonNode::asText).containsExactly(Roles.OPERATOR, Roles.VIEWER);
        assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(300);
    }

    @Test
    void the_private_key_never_shows_in_its_string_form() {
        assertThat(minter.toString()).doesNotContain("PRIVATE").contains("urn:ferry:test");
        assertThat(minter.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    }
}
