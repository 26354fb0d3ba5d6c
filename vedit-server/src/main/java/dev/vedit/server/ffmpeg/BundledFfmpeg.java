package dev.vedit.server.ffmpeg;

import dev.vedit.server.files.DirectoryTree;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The FFmpeg build shipped in the {@code org.bytedeco:ffmpeg} jar, extracted once into a cache dir. */
final class BundledFfmpeg {
    static final String DESCRIPTION = "bundled FFmpeg 8.1.2 (GPL build, org.bytedeco)";
    static final String DIR_NAME = "ffmpeg-8.1.2-1.5.14-gpl";
    private static final String RESOURCE_DIR = "org/bytedeco/ffmpeg/linux-x86_64-gpl/";
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);
    private static final String INSTALL_HINT =
            "install FFmpeg (e.g. apt-get install ffmpeg) or set " + Ffmpeg.ENV_VARIABLE + " to an ffmpeg binary";

    private BundledFfmpeg() {
    }

    /** The directory holding a working ffmpeg, ffprobe and their libraries. */
    static Path extract(Path cacheDir) {
        Path target = cacheDir.resolve(DIR_NAME);
        try {
            if (isComplete(target)) {
                ensureRuns(target);
                return target;
            }
            Files.createDirectories(cacheDir);
            Path temp = Files.createTempDirectory(cacheDir, DIR_NAME + ".tmp-");
            try {
                copyResources(temp);
                for (String program : List.of("ffmpeg", "ffprobe")) {
                    Files.setPosixFilePermissions(temp.resolve(program), PosixFilePermissions.fromString("rwxr-xr-x"));
                }
                ensureRuns(temp);
                moveIntoPlace(temp, target);
            } finally {
                DirectoryTree.delete(temp);
            }
            return target;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot extract the bundled FFmpeg into " + target + ": " + e.getMessage()
                    + "; " + INSTALL_HINT, e);
        }
    }

    private static boolean isComplete(Path dir) {
        return Files.isExecutable(dir.resolve("ffmpeg")) && Files.isExecutable(dir.resolve("ffprobe"))
                && Files.isRegularFile(dir.resolve("libavcodec.so.62"));
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            // Another process extracted it first (the target exists and is not empty): use theirs.
            if (!isComplete(target)) {
                throw e;
            }
        }
    }

    /** Runs {@code ffmpeg -version}; builds a stand-in libpulse when that is all that is missing. */
    private static void ensureRuns(Path dir) {
        VersionCheck check = version(dir);
        if (!check.ok() && check.output().contains("libpulse.so.0") && !Files.exists(dir.resolve("libpulse.so.0"))) {
            PulseStub.build(dir, INSTALL_HINT);
            check = version(dir);
        }
        if (!check.ok()) {
            throw new IllegalStateException("The bundled FFmpeg in " + dir + " does not run (" + check.output().strip()
                    + "); " + INSTALL_HINT);
        }
    }

    private static VersionCheck version(Path dir) {
        Ffmpeg candidate = new Ffmpeg(dir.resolve("ffmpeg"), dir.resolve("ffprobe"), dir, DESCRIPTION);
        return VersionCheck.run(candidate.processBuilder(List.of("-version")), CHECK_TIMEOUT);
    }

    private static void copyResources(Path into) throws IOException {
        URL program = BundledFfmpeg.class.getClassLoader().getResource(RESOURCE_DIR + "ffmpeg");
        if (program == null) {
            throw new IllegalStateException("No bundled FFmpeg for this platform (only linux-x86_64 is bundled); "
                    + INSTALL_HINT);
        }
        if (program.getProtocol().equals("jar")) {
            JarURLConnection connection = (JarURLConnection) program.openConnection();
            connection.setUseCaches(false);
            try (JarFile jar = connection.getJarFile()) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (!entry.isDirectory() && name.startsWith(RESOURCE_DIR) && isNeeded(fileName(name))) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            Files.copy(in, into.resolve(fileName(name)));
                        }
                    }
                }
            }
        } else {
            Path dir;
            try {
                dir = Path.of(program.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new IOException(e);
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    if (Files.isRegularFile(file) && isNeeded(file.getFileName().toString())) {
                        Files.copy(file, into.resolve(file.getFileName()));
                    }
                }
            }
        }
    }

    private static String fileName(String entryName) {
        return entryName.substring(entryName.lastIndexOf('/') + 1);
    }

    /** The JNI glue libraries serve JavaCPP, which is not used: only the programs and their libraries are. */
    private static boolean isNeeded(String fileName) {
        return !fileName.startsWith("libjni");
    }
}
