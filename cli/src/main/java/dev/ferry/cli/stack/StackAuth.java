package dev.ferry.cli.stack;

import dev.ferry.contracts.security.Roles;
import dev.ferry.contracts.security.TokenMinter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The bearer tokens of one local stack (docs/security.md): an RSA key pair generated when the stack is made, the
 * private key kept only in {@code <work dir>/auth/jwt-private.pem} (mode 600, never printed), the services told the
 * public key and the stack's own issuer, an operator token for the CLI's own calls and a service token for the
 * services that call each other.
 */
public final class StackAuth {

    /** Long enough for any local run; a stack lives as long as its CLI process. */
    static final Duration TTL = Duration.ofHours(24);

    /** What the CLI itself calls: start runs (operator), read progress (viewer) and reconciliation buckets (auditor). */
    public static final List<String> CLI_ROLES = List.of(Roles.OPERATOR, Roles.VIEWER, Roles.AUDITOR);

    private final TokenMinter minter;
    private final String cliToken;
    private final String serviceToken;

    StackAuth(Path workDir) {
        this.minter = new TokenMinter(TokenMinter.newKeyPair(), "urn:ferry:stack:" + UUID.randomUUID());
        writePrivateKey(workDir.resolve("auth").resolve("jwt-private.pem"));
        this.cliToken = minter.mint("ferry-cli", CLI_ROLES, TTL);
        this.serviceToken = minter.mint("ferry-services", List.of(Roles.SERVICE), TTL);
    }

    /** The token the CLI sends to the services (operator, viewer, auditor). Never print it. */
    public String cliToken() {
        return cliToken;
    }

    /** A token with the given roles for a caller of this stack (tests, {@code bin/ferry token}). */
    public String mint(String subject, List<String> roles) {
        return minter.mint(subject, roles, TTL);
    }

    /** System properties every service of the stack gets: where to verify tokens (public values only). */
    Map<String, String> verification() {
        return Map.of("mp.jwt.verify.publickey", minter.publicKeyBase64(),
                "mp.jwt.verify.issuer", minter.issuer(),
                // A local stack runs the packaged (prod) applications on the sandboxes' and local database's
                // well-known credentials: the production check would rightly refuse them.
                "ferry.auth.refuse-default-credentials", "false");
    }

    /** The environment of a service that calls another: its token goes there, not on the command line. */
    Map<String, String> callerEnvironment() {
        return Map.of("FERRY_AUTH_SERVICE_TOKEN", serviceToken);
    }

    private void writePrivateKey(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, minter.privateKeyPem(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stack's private key under " + file.getParent(), e);
        }
    }
}
