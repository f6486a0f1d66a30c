package dev.ferry.extractor.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts the Dr.DENTES sandbox for a {@code @QuarkusTest} and points the extractor at it. Init args: {@code patients}
 * (practice size), any other arg is passed to the sandbox as a system property. The running sandbox is reachable from
 * the test through {@link #sandbox()}.
 */
public class DentesSandboxResource implements QuarkusTestResourceLifecycleManager {

    private static volatile DentesSandbox current;
    private int patients = 1000;
    private final List<String> properties = new ArrayList<>();

    static DentesSandbox sandbox() {
        return current;
    }

    @Override
    public void init(Map<String, String> initArgs) {
        initArgs.forEach((k, v) -> {
            if (k.equals("patients")) {
                patients = Integer.parseInt(v);
            } else {
                properties.add(k + "=" + v);
            }
        });
    }

    @Override
    public Map<String, String> start() {
        current = DentesSandbox.start(patients, properties.toArray(String[]::new));
        return Map.of("ferry.extractor.dentes.base-url", current.baseUrl(),
                "ferry.extractor.dentes.token", DentesSandbox.TOKEN);
    }

    @Override
    public void stop() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
