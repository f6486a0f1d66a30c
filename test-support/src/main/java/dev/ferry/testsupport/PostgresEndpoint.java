package dev.ferry.testsupport;

/** A PostgreSQL database a test may use; the user may create schemas in it. */
public record PostgresEndpoint(String jdbcUrl, String user, String password, Source source) {

    /** Never print the password: test logs are kept by CI. */
    @Override
    public String toString() {
        return "PostgresEndpoint[" + jdbcUrl + " as " + user + " from " + source + "]";
    }
}
