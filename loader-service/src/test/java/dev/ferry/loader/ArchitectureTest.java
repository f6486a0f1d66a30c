package dev.ferry.loader;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ferry.testsupport.ConfiguredDatasource;
import dev.ferry.testsupport.FerryArchitectureRules;
import dev.ferry.testsupport.ReadmeAnatomy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loader's layering, enforced (issue 7). The rules and their fixes are in {@code FerryArchitectureRules}. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = FerryArchitectureRules.productionClasses("loader");
    }

    @Test
    void importsNoOtherServiceAndSpeaksHttpOnlyThroughItsClient() {
        FerryArchitectureRules.everyServiceRules("loader").check(classes);
    }

    @Test
    void storesDoNotDependOnMessaging() {
        FerryArchitectureRules.layerDoesNotDependOn("loader", "store",
                "the id ledger, parking and outbox are the loader's durable state and must work without Kafka: pass "
                        + "what they need in as plain values from messaging or service",
                "messaging", "rest", "org.apache.kafka..").check(classes);
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
