package dev.ferry.extractor.config;

import dev.ferry.extractor.client.DentesHttp;
import dev.ferry.extractor.client.TargetUsersClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** The loader client discovery asks for the Freshsales users ({@code ferry.discovery.loader-url}, when set). */
@ApplicationScoped
public class DiscoveryClientProducer {

    @Produces
    @Singleton
    TargetUsersClient targetUsers(DiscoveryConfig config, AuthConfig auth) {
        return new TargetUsersClient(config.loaderUrl(), DentesHttp.newHttpClient(Duration.ofSeconds(5)),
                auth.serviceToken());
    }
}
