package dev.vedit.server.e2e;

import dev.vedit.server.ffmpeg.Ffmpeg;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test media made with the located FFmpeg, and raw frames read back for pixel checks. */
final class Clips {
    private final Ffmpeg ffmpeg;

    Clips(Path cacheDir) {
        this.ffmpeg = Ffmpeg.locate(cacheDir);
    }

    Ffmpeg ffmpeg() {
        return ffmpeg;
    }

    /** A colourful test pattern with a tone: H.264/AAC MP4. */
    Path clip(Path file, int width, int height, double seconds) throws IOException {
        run(List.of("-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25", "-f", "lavfi", "-i", "sine=frequency=440",
                "-t", Double.toString(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-shortest", file.toString()));
        return file;
    }

    /** One frame at {@code seconds}, decoded to raw pixels in {@code pixFmt} (e.g. rgb24, yuv420p). */
    byte[] frame(Path video, double seconds, String pixFmt) throws IOException {
        Process p = ffmpeg.processBuilder(List.of("-v", "error", "-ss", Double.toString(seconds), "-i", video.toString(), "-frames:v", "1",
                "-f", "rawvideo", "-pix_fmt", pixFmt, "pipe:1")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        waitFor(p);
        return out.toByteArray();
    }

    private void run(List<String> args) throws IOException {
        List<String> all = new ArrayList<>(List.of("-v", "error", "-y"));
        all.addAll(args);
        Process p = ffmpeg.processBuilder(all).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (waitFor(p) != 0) {
            throw new IOException("ffmpeg failed: " + output);
        }
    }

    private static int waitFor(Process p) throws IOException {
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("ffmpeg timed out");
            }
            return p.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
