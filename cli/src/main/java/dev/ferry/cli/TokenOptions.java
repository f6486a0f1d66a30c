package dev.ferry.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/** {@code --token-file}: where a command's bearer token comes from, with {@code FERRY_TOKEN}; never the command line. */
final class TokenOptions {

    @Option(names = "--token-file", description = "a file holding the bearer token (default: FERRY_TOKEN)")
    Path tokenFile;

    /** The token, or null after saying why there is none (the command then exits 2). */
    String readOrSay(String verb, String roles, UnaryOperator<String> env, PrintStream stderr) {
        return Tokens.readOrSay(verb, roles, tokenFile, env, stderr);
    }
}
