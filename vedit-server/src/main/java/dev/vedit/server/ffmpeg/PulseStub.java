package dev.vedit.server.ffmpeg;

import dev.vedit.server.files.DirectoryTree;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * A stand-in {@code libpulse.so.0} for machines without PulseAudio. The bundled libavdevice links it, and
 * ffmpeg binds every symbol at load time, so each must exist; none is ever called, as vedit never uses
 * PulseAudio devices.
 */
final class PulseStub {
    private static final String SYMBOLS = "libpulse-symbols.txt";
    private static final Duration COMPILE_TIMEOUT = Duration.ofSeconds(60);

    private PulseStub() {
    }

    static void build(Path libraryDir, String installHint) {
        VersionCheck gcc = VersionCheck.run(new ProcessBuilder("gcc", "--version"), COMPILE_TIMEOUT);
        if (!gcc.ok()) {
            throw new IllegalStateException("The bundled FFmpeg needs libpulse.so.0, which this machine lacks, and no C"
                    + " compiler (gcc) is available to build a stand-in; install libpulse0 or " + installHint);
        }
        try {
            Path work = Files.createTempDirectory(libraryDir, "pulse-stub-");
            try {
                StringBuilder source = new StringBuilder();
                for (String symbol : symbols()) {
                    source.append("void *").append(symbol).append("(void){return 0;}\n");
                }
                Files.writeString(work.resolve("pulse.c"), source);
                Files.writeString(work.resolve("pulse.map"), "PULSE_0 { global: *; };\n");
                VersionCheck compile = VersionCheck.run(new ProcessBuilder("gcc", "-shared", "-fPIC",
                        "-Wl,--version-script=pulse.map", "-Wl,-soname,libpulse.so.0", "pulse.c", "-o", "libpulse.so.0")
                        .directory(work.toFile()), COMPILE_TIMEOUT);
                if (!compile.ok()) {
                    throw new IllegalStateException("Building a stand-in libpulse.so.0 failed (" + compile.output().strip()
                            + "); install libpulse0 or " + installHint);
                }
                Files.move(work.resolve("libpulse.so.0"), libraryDir.resolve("libpulse.so.0"),
                        StandardCopyOption.ATOMIC_MOVE);
            } finally {
                DirectoryTree.delete(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> symbols() throws IOException {
        try (InputStream in = PulseStub.class.getResourceAsStream(SYMBOLS)) {
            if (in == null) {
                throw new IllegalStateException(SYMBOLS + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        }
    }
}
