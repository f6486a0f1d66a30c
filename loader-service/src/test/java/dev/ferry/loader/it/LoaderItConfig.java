package dev.ferry.loader.it;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The broker, topics and Freshsales sandbox the loader runs on in this IT (set by {@link LoaderItResource}).
 * Injected into each IT instead of every IT declaring the same block of {@code @ConfigProperty} fields
 * ({@code @Singleton}, so the fields are read without a client proxy).
 */
@Singleton
public class LoaderItConfig {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    public String bootstrap;

    @ConfigProperty(name = "ferry.loader.consumer.commands-topic")
    public String commands;

    @ConfigProperty(name = "ferry.loader.consumer.outcomes-topic")
    public String outcomes;

    @ConfigProperty(name = "ferry.loader.consumer.poison-topic")
    public String poison;

    @ConfigProperty(name = "ferry.loader.freshsales.base-url")
    public String sandboxUrl;
}
