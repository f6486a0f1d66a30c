package dev.ferry.mapper;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.ferry.testsupport.ConfiguredDatasource;
import dev.ferry.testsupport.FerryArchitectureRules;
import dev.ferry.testsupport.ReadmeAnatomy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The mapper's layering, enforced (issue 7). The rules and their fixes are in {@code FerryArchitectureRules}. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = FerryArchitectureRules.productionClasses("mapper");
    }

    @Test
    void importsNoOtherServiceAndSpeaksHttpOnlyThroughItsClient() {
        FerryArchitectureRules.everyServiceRules("mapper").check(classes);
    }

    @Test
    void mappingCoreDependsOnNoFrameworkOrClient() {
        FerryArchitectureRules.layerDoesNotDependOn("mapper", "mapping",
                "the mapping core is pure functions over contracts types, so it can be unit-tested and reused by the "
                        + "sample diff: take target facts as dev.ferry.contracts.TargetMetadata and leave I/O to service",
                "client", "messaging", "store", "service", "rest", "config",
                "io.quarkus..", "jakarta..", "io.smallrye..", "org.eclipse.microprofile..", "org.apache.kafka..")
                .check(classes);
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
