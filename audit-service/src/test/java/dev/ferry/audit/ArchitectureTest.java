package dev.ferry.audit;

import dev.ferry.testsupport.FerryArchitectureRules;
import dev.ferry.testsupport.ServiceArchitectureTest;
import org.junit.jupiter.api.Test;

/** The audit's layering, enforced (issue 7). The rules and their fixes are in {@code FerryArchitectureRules}. */
class ArchitectureTest extends ServiceArchitectureTest {

    @Override
    protected String service() {
        return "audit";
    }

    @Test
    void ledgerDoesNotDependOnMessaging() {
        FerryArchitectureRules.layerDoesNotDependOn("audit", "ledger",
                "the ledger stores what messaging hands it: put shared input types in ledger (as Decoded and "
                        + "InboundPosition are) and let messaging implement the ledger's interfaces (as PoisonMaker)",
                "messaging", "rest", "service", "org.apache.kafka..").check(classes());
    }
}
