package dev.ferry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** Where a command's bearer token and service URL come from: a file or {@code FERRY_TOKEN}; never the command line. */
final class Tokens {

    private Tokens() {
    }

    /** The token from the file, else {@code FERRY_TOKEN}; null when neither holds one. */
    static String read(Path tokenFile, UnaryOperator<String> env) throws IOException {
        if (tokenFile != null) {
            String t = Files.readString(tokenFile, StandardCharsets.US_ASCII).strip();
            return t.isEmpty() ? null : t;
        }
        String t = env.apply("FERRY_TOKEN");
        return t == null || t.isBlank() ? null : t.strip();
    }

    /** {@code --url}, else the environment variable, else the default; without a trailing slash. */
    static String base(String url, UnaryOperator<String> env, String variable, String fallback) {
        String base = url != null ? url : env.apply(variable);
        return base == null || base.isBlank() ? fallback : base.replaceAll("/+$", "");
    }
}
