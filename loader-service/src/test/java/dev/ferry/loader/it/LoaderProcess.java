package dev.ferry.loader.it;

import dev.ferry.testsupport.security.TestTokens;
import dev.ferry.launcher.ChildJvm;
import dev.ferry.launcher.PackagedApp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The packaged loader started through the launcher, configured by -D flags, ready when its liveness check answers. */
public final class LoaderProcess {

    private LoaderProcess() {
    }

    /** Starts the jar and waits until it is live; {@code props} must include quarkus.http.port. */
    public static ChildJvm start(Map<String, String> props) {
        return PackagedApp.LOADER.jvm("loader").jvmOption("-Xmx256m").systemProperties(TestTokens.packagedServiceProperties())
                .systemProperties(props)
                .readyPath("/q/health/live").logDir(Path.of("target/it-logs").toAbsolutePath()).build()
                .startAndAwaitReady(Duration.ofSeconds(40));
    }
}
