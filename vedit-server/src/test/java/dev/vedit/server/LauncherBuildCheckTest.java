package dev.vedit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./vedit} launcher's build check walks only the sources (every {@code pom.xml} and each module's
 * {@code src/main}) against the older of the two jars: it must still see every change to them, and nothing under a
 * module's {@code target} (caches, work files) may count as one. The script's own functions run in bash on a fake
 * checkout whose files get fixed modification times.
 */
class LauncherBuildCheckTest {
    private static final Path LAUNCHER = Path.of("..", "vedit").toAbsolutePath().normalize();
    private static final Instant BUILT = Instant.parse("2026-01-01T12:00:00Z");

    @TempDir
    Path root;

    @BeforeEach
    void checkout() throws IOException {
        for (String file : List.of("pom.xml", "vedit-server/pom.xml", "vedit-server/src/main/java/A.java", "vedit-cli/pom.xml",
                "vedit-cli/src/main/java/B.java", "vedit-server/target/vedit-server.jar", "vedit-cli/target/vedit-cli.jar")) {
            Path p = root.resolve(file);
            Files.createDirectories(p.getParent());
            Files.writeString(p, file);
        }
        try (var all = Files.walk(root)) {
            for (Path p : all.toList()) {
                at(p, BUILT.minusSeconds(60));
            }
        }
        at(root.resolve("vedit-server/target/vedit-server.jar"), BUILT);
        at(root.resolve("vedit-cli/target/vedit-cli.jar"), BUILT);
    }

    @Test
    void jarsNewerThanEverySourceAreCurrent() throws Exception {
        assertThat(needsBuild()).isFalse();
    }

    @Test
    void anEditedSourceOrPomNeedsABuild() throws Exception {
        at(root.resolve("vedit-server/src/main/java/A.java"), BUILT.plusSeconds(1));
        assertThat(needsBuild()).isTrue();

        checkout();
        at(root.resolve("pom.xml"), BUILT.plusSeconds(1));
        assertThat(needsBuild()).isTrue();

        checkout();
        at(root.resolve("vedit-cli/pom.xml"), BUILT.plusSeconds(1));
        assertThat(needsBuild()).isTrue();
    }

    @Test
    void aDeletedSourceNeedsABuild() throws Exception {
        Files.delete(root.resolve("vedit-cli/src/main/java/B.java"));
        at(root.resolve("vedit-cli/src/main/java"), BUILT.plusSeconds(1)); // what the deletion does to its dir
        assertThat(needsBuild()).isTrue();
    }

    @Test
    void theOlderJarIsTheOneCompared() throws Exception {
        at(root.resolve("vedit-cli/target/vedit-cli.jar"), BUILT.minusSeconds(120));
        assertThat(needsBuild()).isTrue();
    }

    @Test
    void aMissingJarNeedsABuild() throws Exception {
        Files.delete(root.resolve("vedit-cli/target/vedit-cli.jar"));
        assertThat(needsBuild()).isTrue();
    }

    @Test
    void filesUnderTargetAreNotSources() throws Exception {
        Path cached = root.resolve("vedit-bench/target/cache/node_modules/pkg/src/main/index.js");
        Files.createDirectories(cached.getParent());
        Files.writeString(cached, "x");
        Files.writeString(root.resolve("vedit-server/target/classes.txt"), "x");
        assertThat(needsBuild()).isFalse();
    }

    private static void at(Path p, Instant time) throws IOException {
        Files.setLastModifiedTime(p, FileTime.from(time));
    }

    /** {@code needs_build} as the launcher defines it, run against the fake checkout. */
    private boolean needsBuild() throws Exception {
        String script = "here=\"$2\"; jar=\"$here/vedit-server/target/vedit-server.jar\"; cli_jar=\"$here/vedit-cli/target/vedit-cli.jar\"; "
                + "eval \"$(sed -n '/^stale()/,/^}/p;/^needs_build()/,/^}/p' \"$1\")\"; if needs_build; then echo stale; else echo current; fi";
        Process p = new ProcessBuilder(List.of("bash", "-c", script, "_", LAUNCHER.toString(), root.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).isIn("stale", "current");
        return out.equals("stale");
    }
}
