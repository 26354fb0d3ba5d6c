package dev.vedit.bench;

import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.ffmpeg.FfmpegJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** FFmpeg for the benchmarks: one shared, located once; test clips generated with it. */
final class Media {
    private Media() {
    }

    /** The FFmpeg the servers will use; a server's data dir links its cache here so the bundled one is extracted once. */
    static Ffmpeg ffmpeg(Path cache) {
        return Ffmpeg.locate(cache);
    }

    static Path serverDir(Path dir, Path cache) throws IOException {
        Files.createDirectories(dir);
        Path link = dir.resolve("cache");
        if (!Files.exists(link)) {
            Files.createSymbolicLink(link, cache.toAbsolutePath());
        }
        return dir;
    }

    /** A test pattern (testsrc2) with a tone, H.264 + AAC, of the given height at 16:9 and 30 fps. */
    static Path clip(Ffmpeg ffmpeg, Path out, int height, double seconds, boolean withAudio) throws Exception {
        return clip(ffmpeg, out, height, seconds, withAudio, 0);
    }

    /** As above, with a keyframe every {@code keyframeSeconds} seconds exactly (0: the encoder's own choice). */
    static Path clip(Ffmpeg ffmpeg, Path out, int height, double seconds, boolean withAudio, int keyframeSeconds) throws Exception {
        int width = height * 16 / 9 / 2 * 2;
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", String.format(Locale.ROOT, "testsrc2=size=%dx%d:rate=30", width, height)));
        if (withAudio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000"));
        }
        args.addAll(List.of("-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p"));
        if (keyframeSeconds > 0) {
            args.addAll(List.of("-g", String.valueOf(30 * keyframeSeconds), "-keyint_min", String.valueOf(30 * keyframeSeconds),
                    "-sc_threshold", "0"));
        }
        if (withAudio) {
            args.addAll(List.of("-c:a", "aac"));
        }
        args.add(FfmpegJob.output(out));
        new FfmpegJob(ffmpeg, args).run(seconds, p -> { }, Duration.ofMinutes(5));
        return out;
    }
}
