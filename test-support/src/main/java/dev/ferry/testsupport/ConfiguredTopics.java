package dev.ferry.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import dev.ferry.contracts.Topics;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The topic names a service's {@code application.properties} configures, read from the test class path. Each service's
 * {@code ConfiguredTopicsTest} compares them with {@code dev.ferry.contracts.Topics#all()}, so that a topic is named in
 * {@code contracts} and only configured, never invented, by a service.
 */
public final class ConfiguredTopics {

    private ConfiguredTopics() {
    }

    /**
     * Fails, naming the property, when {@code application.properties} configures a topic that {@link Topics#all()}
     * does not declare; also when it configures none and {@code expectSome} says it should.
     */
    public static void assertEveryTopicDeclared(boolean expectSome) {
        Map<String, String> configured = inApplicationProperties();
        if (expectSome && configured.isEmpty()) {
            throw new AssertionError("application.properties configures no topic; the channels must name theirs");
        }
        configured.forEach((key, topic) -> {
            if (!Topics.all().contains(topic)) {
                throw new AssertionError(key + " names topic '" + topic + "', which dev.ferry.contracts.Topics does not "
                        + "declare; add it there or fix the name");
            }
        });
    }

    /**
     * Every property whose key ends in {@code .topic} or {@code -topic} (profile-prefixed keys such as
     * {@code %test.…} included), key to value, from {@code application.properties} on the class path.
     */
    public static Map<String, String> inApplicationProperties() {
        Properties props = new Properties();
        try (InputStream in = ConfiguredTopics.class.getClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("no application.properties on the class path");
            }
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> topics = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.endsWith(".topic") || key.endsWith("-topic")) {
                topics.put(key, props.getProperty(key).trim());
            }
        }
        return topics;
    }
}
