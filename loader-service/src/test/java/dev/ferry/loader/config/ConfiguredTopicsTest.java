package dev.ferry.loader.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.contracts.Topics;
import dev.ferry.testsupport.ConfiguredTopics;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loader names only topics that {@code contracts} declares (issue 7: one source for topic names), both in the
 * defaults of {@link LoaderConfig} and in any override in {@code application.properties}.
 */
class ConfiguredTopicsTest {

    @Test
    void everyTopicDefaultIsDeclaredInContracts() {
        List<String> defaults = new ArrayList<>();
        for (Class<?> group : LoaderConfig.class.getDeclaredClasses()) {
            for (Method m : group.getDeclaredMethods()) {
                WithDefault d = m.getAnnotation(WithDefault.class);
                if (m.getName().endsWith("Topic") && d != null) {
                    defaults.add(d.value());
                }
            }
        }
        assertThat(defaults).as("the commands, outcomes and poison topics").hasSize(3);
        assertThat(Topics.all()).containsAll(defaults);
    }

    @Test
    void everyTopicOverrideIsDeclaredInContracts() {
        ConfiguredTopics.assertEveryTopicDeclared(false);
    }
}
