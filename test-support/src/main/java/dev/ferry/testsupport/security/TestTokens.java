package dev.ferry.testsupport.security;

import dev.ferry.contracts.security.Roles;
import dev.ferry.contracts.security.TokenMinter;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens for tests. The RSA key pair is generated once per test JVM, in memory, and never written anywhere, so
 * no private key is ever committed; {@link FerryJwtResource} points the service under test at its public key.
 */
public final class TestTokens {

    /** The issuer the services under test accept. */
    public static final String ISSUER = "urn:ferry:test";

    private static final TokenMinter MINTER = new TokenMinter(TokenMinter.newKeyPair(), ISSUER);
    private static final TokenMinter STRANGER = new TokenMinter(TokenMinter.newKeyPair(), ISSUER);
    private static final TokenMinter OTHER_ISSUER = MINTER.withIssuer("urn:ferry:someone-else");
    private static final Duration TTL = Duration.ofHours(2);

    private TestTokens() {
    }

    /** A valid token carrying exactly these roles. */
    public static String token(String... roles) {
        return MINTER.mint("test-user", List.of(roles), TTL);
    }

    /** A token carrying every role: for tests about behaviour, not about who may call. */
    public static String allRoles() {
        return MINTER.mint("test-user", Roles.ALL, TTL);
    }

    /** Right issuer and roles, signed by a key the service does not trust. */
    public static String signedByAnotherKey(String... roles) {
        return STRANGER.mint("test-user", List.of(roles), TTL);
    }

    /** Right key and roles, another issuer. */
    public static String fromAnotherIssuer(String... roles) {
        return OTHER_ISSUER.mint("test-user", List.of(roles), TTL);
    }

    /** Right key, issuer and roles, expired an hour ago. */
    public static String expired(String... roles) {
        Instant now = Instant.now();
        return MINTER.mint("test-user", List.of(roles), now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(1)));
    }

    /** A RestAssured request carrying {@link #allRoles()}: the ITs that exercise behaviour behind the endpoints. */
    public static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(allRoles());
    }

    /** The {@code Authorization} header value for a token with these roles (JDK HTTP clients in tests). */
    public static String bearer(String... roles) {
        return "Bearer " + token(roles);
    }

    /**
     * What a service needs to verify this JVM's tokens; also what a packaged service started as a child JVM by a
     * test gets, together with the local opt-out of the production credential check.
     */
    public static Map<String, String> verificationProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("mp.jwt.verify.publickey", MINTER.publicKeyPem());
        p.put("mp.jwt.verify.issuer", ISSUER);
        return p;
    }

    /** {@link #verificationProperties()} plus the opt-out a packaged (prod-profile) service in a test needs. */
    public static Map<String, String> packagedServiceProperties() {
        Map<String, String> p = new LinkedHashMap<>(verificationProperties());
        p.put("ferry.auth.refuse-default-credentials", "false");
        return p;
    }
}
