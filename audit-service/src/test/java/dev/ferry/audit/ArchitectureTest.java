package dev.ferry.audit;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ferry.testsupport.ConfiguredDatasource;
import dev.ferry.testsupport.FerryArchitectureRules;
import dev.ferry.testsupport.ReadmeAnatomy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit's layering, enforced (issue 7). The rules and their fixes are in {@code FerryArchitectureRules}. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = FerryArchitectureRules.productionClasses("audit");
    }

    @Test
    void importsNoOtherServiceAndSpeaksHttpOnlyThroughItsClient() {
        FerryArchitectureRules.everyServiceRules("audit").check(classes);
    }

    @Test
    void ledgerDoesNotDependOnMessaging() {
        FerryArchitectureRules.layerDoesNotDependOn("audit", "ledger",
                "the ledger stores what messaging hands it: put shared input types in ledger (as Decoded and "
                        + "InboundPosition are) and let messaging implement the ledger's interfaces (as PoisonMaker)",
                "messaging", "rest", "service", "org.apache.kafka..").check(classes);
    }

    @Test
    void everyClassTheReadmeLinksIsWhereItSays() {
        ReadmeAnatomy.assertLinksHold();
    }

    /** Regression, issue 8 hole 7: the driver quoted failing rows (patient data) in exceptions and logs. */
    @Test
    void theDatabaseDriverNeverQuotesRowData() {
        ConfiguredDatasource.assertDriverHidesRowData();
    }
}
