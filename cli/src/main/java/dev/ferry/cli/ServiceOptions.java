package dev.ferry.cli;

import java.util.function.UnaryOperator;
import picocli.CommandLine.Option;

/**
 * The services a command talks to, by URL: each an option ({@code --url} for the command's own service, {@code
 * --audit-url} and the like beside it), else its environment variable, else the local default. One picocli mixin per
 * option, so each command keeps exactly the option names it always had.
 */
final class ServiceOptions {

    static final String EXTRACTOR_DEFAULT = "http://127.0.0.1:8081";
    static final String MAPPER_DEFAULT = "http://127.0.0.1:8082";
    static final String LOADER_DEFAULT = "http://127.0.0.1:8083";
    static final String AUDIT_DEFAULT = "http://127.0.0.1:8084";

    private ServiceOptions() {
    }

    /** {@code --url}: the extractor service. */
    static final class Extractor {
        @Option(names = "--url", description = "the extractor service (default: FERRY_EXTRACTOR_URL or "
                + EXTRACTOR_DEFAULT + ")")
        String url;

        String base(UnaryOperator<String> env) {
            return Tokens.base(url, env, "FERRY_EXTRACTOR_URL", EXTRACTOR_DEFAULT);
        }
    }

    /** {@code --url}: the mapper service. */
    static final class Mapper {
        @Option(names = "--url", description = "the mapper service (default: FERRY_MAPPER_URL or " + MAPPER_DEFAULT
                + ")")
        String url;

        String base(UnaryOperator<String> env) {
            return Tokens.base(url, env, "FERRY_MAPPER_URL", MAPPER_DEFAULT);
        }
    }

    /** {@code --url}: the audit service. */
    static final class Audit {
        @Option(names = "--url", description = "the audit service (default: FERRY_AUDIT_URL or " + AUDIT_DEFAULT + ")")
        String url;

        String base(UnaryOperator<String> env) {
            return Tokens.base(url, env, "FERRY_AUDIT_URL", AUDIT_DEFAULT);
        }
    }

    /** {@code --audit-url}: the audit service beside the command's own (a run is followed there). */
    static final class AuditBeside {
        @Option(names = "--audit-url", description = "the audit service (default: FERRY_AUDIT_URL or "
                + AUDIT_DEFAULT + ")")
        String url;

        String base(UnaryOperator<String> env) {
            return Tokens.base(url, env, "FERRY_AUDIT_URL", AUDIT_DEFAULT);
        }
    }

    /** {@code --mapper-url} and {@code --loader-url} beside the command's own service (the sample's diff). */
    static final class MapperAndLoaderBeside {
        @Option(names = "--mapper-url", description = "the mapper service (default: FERRY_MAPPER_URL or "
                + MAPPER_DEFAULT + ")")
        String mapperUrl;

        @Option(names = "--loader-url", description = "the loader service (default: FERRY_LOADER_URL or "
                + LOADER_DEFAULT + ")")
        String loaderUrl;

        String mapper(UnaryOperator<String> env) {
            return Tokens.base(mapperUrl, env, "FERRY_MAPPER_URL", MAPPER_DEFAULT);
        }

        String loader(UnaryOperator<String> env) {
            return Tokens.base(loaderUrl, env, "FERRY_LOADER_URL", LOADER_DEFAULT);
        }
    }
}
