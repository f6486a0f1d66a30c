package dev.ferry.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Checks a service's {@code application.properties} (on the test class path) for the datasource settings every Ferry
 * service must have: PostgreSQL's driver quotes the failing row in its error messages unless told not to, and the
 * rows hold patient data (issue 8, hole 7).
 */
public final class ConfiguredDatasource {

    static final String HIDE_DETAIL = "quarkus.datasource.jdbc.additional-jdbc-properties.logServerErrorDetail";

    private ConfiguredDatasource() {
    }

    /** Fails unless {@code logServerErrorDetail=false} is set on the service's datasource. */
    public static void assertDriverHidesRowData() {
        Properties p = new Properties();
        try (InputStream in = ConfiguredDatasource.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new AssertionError("no application.properties on the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!"false".equals(p.getProperty(HIDE_DETAIL))) {
            throw new AssertionError("application.properties must set " + HIDE_DETAIL + "=false: without it the "
                    + "PostgreSQL driver puts the failing row, patient data included, into exception messages and logs");
        }
    }
}
