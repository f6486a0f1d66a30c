package dev.ferry.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * What every command that talks to the deployed services shares: the token ({@code --token-file} or
 * {@code FERRY_TOKEN}), the environment its URLs default from, where it prints, and how often it looks at long work.
 * Tests replace the environment, the streams and the poll interval.
 */
abstract class ServiceCommand implements Callable<Integer> {

    /** A usage error (no token, a bad option value). */
    static final int USAGE = 2;
    /** A service could not be reached or answered an error. */
    static final int FAILED = 1;

    @Mixin
    TokenOptions token = new TokenOptions();

    UnaryOperator<String> env = System::getenv;
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    /** Between two looks at long work. */
    Duration poll = Duration.ofSeconds(2);

    /** The verb, as {@code ferry <verb>} is typed (for messages). */
    final String verb() {
        return getClass().getAnnotation(Command.class).name();
    }

    /** The token, or null after saying why there is none and which {@code roles} it needs (then exit {@link #USAGE}). */
    final String token(String roles) {
        return token.readOrSay(verb(), roles, env, stderr);
    }

    /** {@code ferry <verb>: message} on standard error (where a command says what it does; standard output is for results). */
    final void note(String message) {
        stderr.println("ferry " + verb() + ": " + message);
    }
}
