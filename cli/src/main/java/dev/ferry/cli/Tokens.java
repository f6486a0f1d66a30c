package dev.ferry.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.PrintStream;
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

    /**
     * The token, or null after telling the user why there is none (the command then exits 2): a token file that cannot
     * be read, or no token at all ({@code roles} says which role the command's token needs).
     */
    static String readOrSay(String verb, String roles, Path tokenFile, UnaryOperator<String> env, PrintStream stderr) {
        try {
            String t = read(tokenFile, env);
            if (t == null) {
                stderr.println("ferry " + verb + ": no token; set FERRY_TOKEN or --token-file (" + roles + ")");
            }
            return t;
        } catch (IOException e) {
            stderr.println("ferry " + verb + ": cannot read the token file " + tokenFile + " ("
                    + e.getClass().getSimpleName() + ")");
            return null;
        }
    }

    /** {@code --url}, else the environment variable, else the default; without a trailing slash. */
    static String base(String url, UnaryOperator<String> env, String variable, String fallback) {
        String base = url != null ? url : env.apply(variable);
        return base == null || base.isBlank() ? fallback : base.replaceAll("/+$", "");
    }
}
