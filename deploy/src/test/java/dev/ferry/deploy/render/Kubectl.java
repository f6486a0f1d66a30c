package dev.ferry.deploy.render;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code kubectl kustomize} as a process: the same renderer {@code kubectl apply -k} uses, so what the tests
 * check is what a platform engineer installs. A missing kubectl is a failure, never a skip: bin/ferry test installs
 * it, and the message says how.
 */
public final class Kubectl {

    private static final List<Path> WELL_KNOWN = List.of(Path.of("/usr/bin/kubectl"), Path.of("/usr/local/bin/kubectl"));

    private Kubectl() {
    }

    /** The rendered multi-document YAML of one kustomization directory. */
    public static String kustomize(Path dir) {
        Path kubectl = find();
        ProcessBuilder pb = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // No kubeconfig is needed to render, and none must be used: rendering is offline.
        pb.environment().put("KUBECONFIG", "/dev/null");
        try {
            Process p = pb.start();
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish within 2 minutes");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + p.exitValue() + "):\n"
                        + err.join());
            }
            return out.join();
        } catch (IOException e) {
            throw new IllegalStateException("could not run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while rendering " + dir, e);
        }
    }

    static Path find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return WELL_KNOWN.stream().filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                "kubectl is not installed, and the deploy tests need it to render deploy/overlays/*: "
                        + "run bin/ferry test (it installs it), or apt-get install -y kubernetes-client, "
                        + "or put a kubectl with kustomize v5 on the PATH"));
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
