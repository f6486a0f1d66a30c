package dev.ferry.mapper.mapping.spec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a spec's text from {@code classpath:<resource>} or a file path, then compiles it. */
public final class SpecLoader {

    public static final String CLASSPATH = "classpath:";

    private SpecLoader() {
    }

    public static CompiledSpec load(String location) {
        return SpecCompiler.compile(location, read(location));
    }

    static String read(String location) {
        try {
            if (location.startsWith(CLASSPATH)) {
                String resource = location.substring(CLASSPATH.length());
                ClassLoader cl = Thread.currentThread().getContextClassLoader();
                try (InputStream in = (cl != null ? cl : SpecLoader.class.getClassLoader()).getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new SpecException(location, List.of("not found on the class path"));
                    }
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            Path path = Path.of(location);
            if (!Files.isRegularFile(path)) {
                throw new SpecException(location, List.of("no such file (absolute path: " + path.toAbsolutePath() + ")"));
            }
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SpecException(location, List.of("cannot be read: " + e.getClass().getSimpleName()));
        }
    }
}
