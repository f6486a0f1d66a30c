package dev.ferry.mapper;

import dev.ferry.testsupport.FerryArchitectureRules;
import dev.ferry.testsupport.ServiceArchitectureTest;
import org.junit.jupiter.api.Test;

/** The mapper's layering, enforced (issue 7). The rules and their fixes are in {@code FerryArchitectureRules}. */
class ArchitectureTest extends ServiceArchitectureTest {

    @Override
    protected String service() {
        return "mapper";
    }

    @Test
    void mappingCoreDependsOnNoFrameworkOrClient() {
        FerryArchitectureRules.layerDoesNotDependOn("mapper", "mapping",
                "the mapping core is pure functions over contracts types, so it can be unit-tested and reused by the "
                        + "sample diff: take target facts as dev.ferry.contracts.TargetMetadata and leave I/O to service",
                "client", "messaging", "store", "service", "rest", "config",
                "io.quarkus..", "jakarta..", "io.smallrye..", "org.eclipse.microprofile..", "org.apache.kafka..")
                .check(classes());
    }
}
