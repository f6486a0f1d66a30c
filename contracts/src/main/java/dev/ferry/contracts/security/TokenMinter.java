package dev.ferry.contracts.security;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;

/**
 * Mints RS256-signed MicroProfile JWT bearer tokens for a stack Ferry runs itself (the CLI's local stack, tests). A
 * production deployment gets its tokens from the platform's identity provider instead; the services only verify.
 *
 * <p>JDK only: a token is three base64url parts and one RSA signature, not worth a library in every caller. The
 * private key never leaves this object; {@link #toString()} names only the issuer.
 */
public final class TokenMinter {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String issuer;

    public TokenMinter(KeyPair keys, String issuer) {
        this.privateKey = keys.getPrivate();
        this.publicKey = keys.getPublic();
        this.issuer = issuer;
    }

    /** A fresh 2048-bit RSA key pair. */
    public static KeyPair newKeyPair() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot generate an RSA key pair", e);
        }
    }

    /** The same key pair under another issuer (tests check that a foreign issuer is refused). */
    public TokenMinter withIssuer(String otherIssuer) {
        return new TokenMinter(new KeyPair(publicKey, privateKey), otherIssuer);
    }

    public String issuer() {
        return issuer;
    }

    /** The public key as PEM ({@code mp.jwt.verify.publickey} accepts it inline). */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The public key as one line of base64 (X.509 DER): {@code mp.jwt.verify.publickey} on a command line. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** The private key as PKCS#8 PEM, for a file of mode 600; never print it. */
    public String privateKeyPem() {
        return pem("PRIVATE KEY", privateKey.getEncoded());
    }

    /** A token for {@code subject} with the given roles, valid from now for {@code ttl}. */
    public String mint(String subject, Collection<String> roles, Duration ttl) {
        Instant now = Instant.now();
        return mint(subject, roles, now, now.plus(ttl));
    }

    /** A token with an explicit validity window (tests mint expired ones with it). */
    public String mint(String subject, Collection<String> roles, Instant issuedAt, Instant expiresAt) {
        ObjectNode header = FerryJson.mapper().createObjectNode().put("alg", "RS256").put("typ", "JWT");
        ObjectNode claims = FerryJson.mapper().createObjectNode()
                .put("iss", issuer)
                .put("sub", subject)
                .put("upn", subject)
                .put("jti", UUID.randomUUID().toString())
                .put("iat", issuedAt.getEpochSecond())
                .put("exp", expiresAt.getEpochSecond());
        ArrayNode groups = claims.putArray("groups");
        roles.forEach(groups::add);
        String signingInput = B64.encodeToString(FerryJson.encode(header)) + "."
                + B64.encodeToString(FerryJson.encode(claims));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a token (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "TokenMinter[issuer=" + issuer + "]";
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
