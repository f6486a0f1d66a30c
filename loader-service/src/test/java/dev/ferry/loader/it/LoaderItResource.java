package dev.ferry.loader.it;

import dev.ferry.testsupport.FerryInfrastructure;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Gives one IT class its own world: a Freshsales sandbox process, its own topics (names carry the loader's name and a
 * random part, so parallel runs of other services on the same broker never meet them), its own consumer group, and
 * timings shrunk for tests. Init arg {@code sandbox} passes system properties to the sandbox ({@code ;}-separated).
 */
public class LoaderItResource implements QuarkusTestResourceLifecycleManager {

    private FreshsalesSandboxProcess sandbox;
    private String sandboxArgs = "";

    @Override
    public void init(Map<String, String> initArgs) {
        sandboxArgs = initArgs.getOrDefault("sandbox", "");
    }

    @Override
    public Map<String, String> start() {
        sandbox = FreshsalesSandboxProcess.start(sandboxArgs.isBlank() ? new String[0] : sandboxArgs.split(";"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        String commands = "loader-it-" + run + ".commands";
        String outcomes = "loader-it-" + run + ".outcomes";
        String poison = "loader-it-" + run + ".poison";
        FerryInfrastructure.createTopics(3, commands, outcomes, poison);
        Map<String, String> cfg = new HashMap<>();
        cfg.put("ferry.loader.freshsales.base-url", sandbox.apiBaseUrl());
        cfg.put("ferry.loader.freshsales.account", "sandbox-" + run);
        cfg.put("ferry.loader.consumer.commands-topic", commands);
        cfg.put("ferry.loader.consumer.outcomes-topic", outcomes);
        cfg.put("ferry.loader.consumer.poison-topic", poison);
        cfg.put("ferry.loader.consumer.group-id", "loader-it-" + run);
        cfg.put("ferry.loader.batch-linger", "PT0.5S");
        cfg.put("ferry.loader.bulk.poll-interval", "PT0.3S");
        cfg.put("ferry.loader.bulk.backoff-on405", "PT0.2S");
        cfg.put("ferry.loader.retry.initial-backoff", "PT0.1S");
        cfg.put("ferry.loader.retry.max-backoff", "PT1S");
        cfg.put("ferry.loader.parking.release-interval", "PT1S");
        cfg.put("ferry.loader.freshsales.request-timeout", "PT10S");
        return cfg;
    }

    @Override
    public void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
