package dev.ferry.loader;

import dev.ferry.testsupport.FerryArchitectureRules;
import dev.ferry.testsupport.ServiceArchitectureTest;
import org.junit.jupiter.api.Test;

/** The loader's layering, enforced (issue 7). The rules and their fixes are in {@code FerryArchitectureRules}. */
class ArchitectureTest extends ServiceArchitectureTest {

    @Override
    protected String service() {
        return "loader";
    }

    @Test
    void storesDoNotDependOnMessaging() {
        FerryArchitectureRules.layerDoesNotDependOn("loader", "store",
                "the id ledger, parking and outbox are the loader's durable state and must work without Kafka: pass "
                        + "what they need in as plain values from messaging or service",
                "messaging", "rest", "org.apache.kafka..").check(classes());
    }
}
