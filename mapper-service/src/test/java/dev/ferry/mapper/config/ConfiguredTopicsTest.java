package dev.ferry.mapper.config;

import dev.ferry.testsupport.ConfiguredTopics;
import org.junit.jupiter.api.Test;

/** The mapper's channels name only topics that {@code contracts} declares (issue 7: one source for topic names). */
class ConfiguredTopicsTest {

    @Test
    void everyConfiguredTopicIsDeclaredInContracts() {
        ConfiguredTopics.assertEveryTopicDeclared(true);
    }
}
