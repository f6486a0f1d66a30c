package dev.ferry.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a Docker engine answers, asked without the minute-long search Testcontainers makes when there is none. */
final class DockerProbe {
    private DockerProbe() {
    }

    static boolean dockerAnswers() {
        boolean candidate = System.getenv("DOCKER_HOST") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"));
        if (!candidate) {
            return false;
        }
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
