package dev.ferry.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The rules every service keeps, run by each service's {@code ArchitectureTest} (which extends this and adds its own):
 * no other service imported and HTTP only in {@code client} ({@link FerryArchitectureRules}), the README's class links
 * true ({@link ReadmeAnatomy}), the database driver never quoting row data ({@link ConfiguredDatasource}).
 */
public abstract class ServiceArchitectureTest {

    private static final Map<String, JavaClasses> CLASSES = new ConcurrentHashMap<>();

    /** The service's package name below {@code dev.ferry}, e.g. {@code "loader"}. */
    protected abstract String service();

    /** The service's production classes, imported once per test run. */
    protected final JavaClasses classes() {
        return CLASSES.computeIfAbsent(service(), FerryArchitectureRules::productionClasses);
    }

    @Test
    void importsNoOtherServiceAndSpeaksHttpOnlyThroughItsClient() {
        FerryArchitectureRules.everyServiceRules(service()).check(classes());
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
