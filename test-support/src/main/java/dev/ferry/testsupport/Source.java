package dev.ferry.testsupport;

/** Where a test's Kafka or PostgreSQL came from, in the order they are tried. */
public enum Source {
    /** Named by environment variables (or system properties): what CI and {@code bin/ferry test} use. */
    ENVIRONMENT,
    /** Started by Testcontainers because a Docker engine answered. */
    TESTCONTAINERS,
    /** Started inside the test JVM: KafkaClusterTestKit and zonky's embedded PostgreSQL. */
    IN_PROCESS
}
