package dev.vedit.server.ffmpeg;

import dev.vedit.server.facts.MediaInfo;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A working pair of FFmpeg and FFprobe programs and how to run them.
 *
 * <p>Found, in order: the {@code VEDIT_FFMPEG} environment variable (an ffmpeg binary, ffprobe beside it),
 * {@code ffmpeg} and {@code ffprobe} on {@code PATH}, or the GPL build bundled in the
 * {@code org.bytedeco:ffmpeg} jar, extracted once into a cache dir.
 */
public final class Ffmpeg {
    /** The environment variable naming an ffmpeg binary to use. */
    public static final String ENV_VARIABLE = "VEDIT_FFMPEG";
    private static final Duration VERSION_CHECK_TIMEOUT = Duration.ofSeconds(20);
    private static final Map<Path, Ffmpeg> LOCATED = new ConcurrentHashMap<>();

    private final Path ffmpeg;
    private final Path ffprobe;
    private final Path libraryDir;
    private final String description;

    Ffmpeg(Path ffmpeg, Path ffprobe, Path libraryDir, String description) {
        this.ffmpeg = ffmpeg;
        this.ffprobe = ffprobe;
        this.libraryDir = libraryDir;
        this.description = description;
    }

    /**
     * Finds a working FFmpeg, extracting the bundled one under {@code cacheDir} when neither
     * {@code VEDIT_FFMPEG} nor {@code PATH} has one. Cached per cache dir for the life of the JVM.
     *
     * @throws IllegalStateException when none works, with a message telling the operator what to install
     */
    public static Ffmpeg locate(Path cacheDir) {
        Path key = cacheDir.toAbsolutePath().normalize();
        return LOCATED.computeIfAbsent(key, Ffmpeg::find);
    }

    private static Ffmpeg find(Path cacheDir) {
        String configured = System.getenv(ENV_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path binary = Path.of(configured).toAbsolutePath();
            Path probe = binary.resolveSibling("ffprobe");
            if (!Files.isExecutable(binary) || !Files.isExecutable(probe)) {
                throw new IllegalStateException(ENV_VARIABLE + "=" + configured
                        + " must name an executable ffmpeg with an executable ffprobe beside it");
            }
            return verified(new Ffmpeg(binary, probe, null, "configured " + binary));
        }
        Optional<Path> onPath = onPath("ffmpeg");
        Optional<Path> probeOnPath = onPath("ffprobe");
        if (onPath.isPresent() && probeOnPath.isPresent()) {
            return verified(new Ffmpeg(onPath.get(), probeOnPath.get(), null, "system " + onPath.get()));
        }
        Path dir = BundledFfmpeg.extract(cacheDir);
        return new Ffmpeg(dir.resolve("ffmpeg"), dir.resolve("ffprobe"), dir, BundledFfmpeg.DESCRIPTION);
    }

    private static Ffmpeg verified(Ffmpeg candidate) {
        VersionCheck check = VersionCheck.run(candidate.processBuilder(List.of("-version")), VERSION_CHECK_TIMEOUT);
        if (!check.ok()) {
            throw new IllegalStateException(candidate.description + " does not run: " + check.output());
        }
        return candidate;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    public Path ffmpegPath() {
        return ffmpeg;
    }

    public Path ffprobePath() {
        return ffprobe;
    }

    /** Where it came from, for logs and the health page, e.g. {@code system /usr/bin/ffmpeg}. */
    public String description() {
        return description;
    }

    /** A process running ffmpeg with {@code args} (no shell), its environment set up. */
    public ProcessBuilder processBuilder(List<String> args) {
        return withEnvironment(ffmpeg, args);
    }

    /** A process running ffprobe with {@code args} (no shell), its environment set up. */
    public ProcessBuilder probeProcessBuilder(List<String> args) {
        return withEnvironment(ffprobe, args);
    }

    /**
     * The arguments ffprobe runs with when {@link #probe} probes {@code file}: for the queue benchmark's peer, whose jobs
     * must probe their input as vedit's tasks do.
     */
    public List<String> probeArguments(Path file) {
        return MediaProbe.arguments(file.toAbsolutePath());
    }

    /**
     * Probes a media file with ffprobe, killing it after {@code timeout}.
     *
     * @throws dev.vedit.wire.VeditException with {@code MEDIA_INVALID} when the file is unreadable, corrupt or has
     *                                       no streams
     */
    public MediaInfo probe(Path file, Duration timeout) {
        return MediaProbe.probe(this, file, timeout);
    }

    private ProcessBuilder withEnvironment(Path program, List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(program.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (libraryDir != null) {
            String existing = builder.environment().get("LD_LIBRARY_PATH");
            builder.environment().put("LD_LIBRARY_PATH",
                    existing == null || existing.isBlank() ? libraryDir.toString() : libraryDir + File.pathSeparator + existing);
        }
        return builder;
    }

    @Override
    public String toString() {
        return description;
    }
}
