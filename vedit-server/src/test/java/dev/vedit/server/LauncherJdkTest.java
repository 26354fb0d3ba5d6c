package dev.vedit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./vedit} launcher's JDK search reads each JDK's version from its {@code release} file and starts no JVM
 * for it (a JVM per candidate JDK cost seconds of every start on a busy machine); only a JDK without the file is asked.
 * The script's own functions run in bash, on fake JDK homes whose {@code java} leaves a mark when it is started.
 */
class LauncherJdkTest {
    private static final Path LAUNCHER = Path.of("..", "vedit").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theVersionComesFromTheReleaseFileWithoutStartingTheJdk() throws Exception {
        assertThat(major(jdk("temurin-25", "JAVA_VERSION=\"25.0.3\""))).isEqualTo("25");
        assertThat(major(jdk("jdk-21", "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"21\"\nOS_NAME=\"Linux\""))).isEqualTo("21");
        assertThat(major(jdk("ea", "JAVA_VERSION=\"26-ea\""))).isEqualTo("26");
        assertThat(major(jdk("jdk8", "JAVA_VERSION=\"1.8.0_402\""))).isEqualTo("8");
        assertThat(dir.resolve("started")).doesNotExist();
    }

    @Test
    void aJdkWithoutAReleaseFileIsAskedItself() throws Exception {
        Path home = jdk("old", null);
        assertThat(major(home)).isEqualTo("17");
        assertThat(dir.resolve("started")).exists();
    }

    /** A fake JDK home: a {@code java} that marks its start and answers like JDK 17 would, and the release file's text. */
    private Path jdk(String name, String release) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\ntouch '" + dir.resolve("started") + "'\n"
                + "echo '    java.specification.version = 17' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (release != null) {
            Files.writeString(home.resolve("release"), release + "\n");
        }
        return home;
    }

    /** {@code java_major HOME} as the launcher defines it. */
    private static String major(Path home) throws Exception {
        String script = "eval \"$(sed -n '/^java_version()/,/^}/p;/^java_major()/,/^}/p' \"$1\")\"; java_major \"$2\"";
        Process p = new ProcessBuilder(List.of("bash", "-c", script, "_", LAUNCHER.toString(), home.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
