package dev.ferry.testsupport.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Makes a {@code @QuarkusTest} verify the bearer tokens {@link TestTokens} mints: the public key of this JVM's key
 * pair and the test issuer. Declared once per service module without {@code restrictToAnnotatedClass}, so it applies
 * to every Quarkus test of the module.
 */
public class FerryJwtResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return TestTokens.verificationProperties();
    }

    @Override
    public void stop() {
        // Nothing to release: the key pair lives in memory for the JVM's lifetime.
    }
}
