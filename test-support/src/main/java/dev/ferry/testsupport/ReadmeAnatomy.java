package dev.ferry.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps a module README's class links true: every link of the form {@code [`Name`](src/.../Name.java)} must point at
 * a file that exists and declares a top-level type of that name. A rename or a move then fails the module's tests
 * instead of leaving a README that sends a newcomer to a class that is gone.
 */
public final class ReadmeAnatomy {

    private static final Pattern CLASS_LINK = Pattern.compile("\\[`([A-Z][A-Za-z0-9]*)`]\\((src/[^)\\s]+\\.java)\\)");

    private ReadmeAnatomy() {
    }

    /** A class link found in a README: the name shown and the path it points at, relative to the README. */
    public record ClassLink(String name, String path) {
    }

    /** Every class link of the README text, in order. */
    public static List<ClassLink> links(String readme) {
        List<ClassLink> links = new ArrayList<>();
        Matcher m = CLASS_LINK.matcher(readme);
        while (m.find()) {
            links.add(new ClassLink(m.group(1), m.group(2)));
        }
        return links;
    }

    /** What is wrong with the links of the README in {@code moduleDir}; empty when every link holds. */
    public static List<String> problems(Path moduleDir) {
        Path readme = moduleDir.resolve("README.md");
        String text;
        try {
            text = Files.readString(readme);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme, e);
        }
        List<String> problems = new ArrayList<>();
        for (ClassLink link : links(text)) {
            Path file = moduleDir.resolve(link.path());
            String fileName = file.getFileName().toString();
            if (!fileName.equals(link.name() + ".java")) {
                problems.add(link.name() + " links to " + link.path() + ", a file of another name");
            } else if (!Files.isRegularFile(file)) {
                problems.add(link.name() + " links to " + link.path() + ", which does not exist");
            } else if (!declares(file, link.name())) {
                problems.add(link.path() + " does not declare a type named " + link.name());
            }
        }
        return problems;
    }

    /**
     * Fails when the README of the module the tests run in (the working directory) names a class that is not where it
     * says, or names none at all (an anatomy table is expected).
     */
    public static void assertLinksHold() {
        Path module = Path.of("").toAbsolutePath();
        String text;
        try {
            text = Files.readString(module.resolve("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (links(text).isEmpty()) {
            throw new AssertionError(module.resolve("README.md") + " links no class; give it an anatomy table "
                    + "(| Behaviour | Class |, each class as [`Name`](src/main/java/.../Name.java))");
        }
        List<String> problems = problems(module);
        if (!problems.isEmpty()) {
            throw new AssertionError("README.md is out of date with the code; fix the links:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static boolean declares(Path file, String name) {
        try {
            return Pattern.compile("\\b(class|interface|enum|record)\\s+" + name + "\\b").matcher(Files.readString(file))
                    .find();
        } catch (IOException e) {
            return false;
        }
    }
}
