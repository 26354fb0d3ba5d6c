package dev.vedit.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher rewrites picocli's Java 5 class files as Java 6 ones ({@code src/build/OldClassFiles.java}) so that the
 * ahead-of-time cache can keep them: the rewritten jar holds the same entries, every class is Java 6 or newer and passes
 * the type-checking verifier (no fall-back to the old one), and the service's command line reads the same with it.
 */
@EnabledForJreRange(min = JRE.JAVA_24) // the class-file API the tool uses
class OldClassFilesTest {
    private static final Path TOOL = Path.of("src", "build", "OldClassFiles.java").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    @Test
    void picocliBecomesJava6WithTheSameEntriesAndTheSameBehaviour() throws Exception {
        Path original = Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertThat(majorVersions(original)).as("picocli still ships Java 5 class files").contains(49);
        Path rewritten = Files.copy(original, dir.resolve(original.getFileName()));

        assertThat(run(List.of(JAVA, TOOL.toString(), rewritten.toString()))).contains("class files rewritten for Java 6");

        assertThat(entries(rewritten)).isEqualTo(entries(original));
        assertThat(majorVersions(rewritten)).allMatch(v -> v >= 50);
        // Run again, it leaves the jar alone.
        assertThat(run(List.of(JAVA, TOOL.toString(), rewritten.toString()))).contains(": 0 class files rewritten");

        // The service's own command line, parsed by each picocli: the same help, and every picocli class that ran was
        // verified by the type-checking verifier from its frames.
        String withOriginal = run(command(original, List.of()));
        String withRewritten = run(command(rewritten, List.of("-Xlog:verification=info:file=" + dir.resolve("verification.log"))));
        assertThat(withRewritten).isEqualTo(withOriginal).contains("--data-dir");
        String log = Files.readString(dir.resolve("verification.log"));
        assertThat(log).contains("Verifying class picocli.CommandLine with new format");
        assertThat(log).doesNotContain("Verifying class picocli.CommandLine with old format").doesNotContainIgnoringCase("fail over");
    }

    /** {@code vedit serve --help} on this test's class path with {@code picocli} in place of the one there. */
    private static List<String> command(Path picocli, List<String> jvmFlags) {
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(p -> !Path.of(p).getFileName().toString().startsWith("picocli-"))
                .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(JAVA));
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", classPath + File.pathSeparator + picocli, Main.class.getName(), "serve", "--help"));
        return command;
    }

    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile())) {
            return Collections.list(j.entries()).stream().filter(e -> !e.isDirectory()).map(e -> e.getName()).sorted().toList();
        }
    }

    /** The major version of each class file in the jar (bytes 6 and 7 of each). */
    private static List<Integer> majorVersions(Path jar) throws IOException {
        List<Integer> versions = new ArrayList<>();
        try (JarFile j = new JarFile(jar.toFile())) {
            for (var e : Collections.list(j.entries())) {
                if (e.getName().endsWith(".class") && !e.getName().endsWith("module-info.class")) {
                    try (var in = j.getInputStream(e)) {
                        byte[] head = in.readNBytes(8);
                        versions.add(((head[6] & 0xff) << 8) | (head[7] & 0xff));
                    }
                }
            }
        }
        return versions;
    }
}
