package dev.ferry.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadmeAnatomyTest {

    @TempDir
    Path module;

    @Test
    void findsEveryClassLinkAndIgnoresOtherLinks() {
        String readme = "| a | [`Foo`](src/main/java/x/Foo.java) |\n| b | [`Bar`](src/test/java/x/Bar.java) |\n"
                + "see [the docs](../docs/architecture.md) and `Baz`";
        assertThat(ReadmeAnatomy.links(readme)).containsExactly(
                new ReadmeAnatomy.ClassLink("Foo", "src/main/java/x/Foo.java"),
                new ReadmeAnatomy.ClassLink("Bar", "src/test/java/x/Bar.java"));
    }

    @Test
    void reportsMissingRenamedAndMisnamedClasses() throws Exception {
        Path pkg = Files.createDirectories(module.resolve("src/main/java/x"));
        Files.writeString(pkg.resolve("Foo.java"), "package x;\npublic final class Foo {}\n");
        Files.writeString(pkg.resolve("Old.java"), "package x;\npublic final class Renamed {}\n");
        Files.writeString(module.resolve("README.md"), """
                | ok | [`Foo`](src/main/java/x/Foo.java) |
                | gone | [`Gone`](src/main/java/x/Gone.java) |
                | renamed | [`Old`](src/main/java/x/Old.java) |
                | wrong file | [`Foo`](src/main/java/x/Old.java) |
                """);

        assertThat(ReadmeAnatomy.problems(module)).containsExactly(
                "Gone links to src/main/java/x/Gone.java, which does not exist",
                "src/main/java/x/Old.java does not declare a type named Old",
                "Foo links to src/main/java/x/Old.java, a file of another name");
    }
}
