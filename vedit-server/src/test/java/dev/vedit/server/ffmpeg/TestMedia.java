package dev.vedit.server.ffmpeg;

import dev.vedit.server.facts.MediaInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Test clips made with the located FFmpeg, and raw frames decoded from them. */
public final class TestMedia {
    private static final Path CACHE = Path.of("target", "ffmpeg-cache");

    private TestMedia() {
    }

    public static Ffmpeg ffmpeg() {
        return Ffmpeg.locate(CACHE);
    }

    /** A 320x240 25 fps test pattern with a 440 Hz tone, H.264 + AAC. */
    public static Path clip(Path dir, String name, double seconds) throws Exception {
        return clip(dir, name, "testsrc2=size=320x240:rate=25", true, seconds);
    }

    public static Path clip(Path dir, String name, String lavfiVideo, boolean withAudio, double seconds) throws Exception {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("-f", "lavfi", "-i", lavfiVideo));
        if (withAudio) {
            args.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100"));
        }
        args.addAll(List.of("-t", String.valueOf(seconds), "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"));
        if (withAudio) {
            args.addAll(List.of("-c:a", "aac"));
        }
        args.add(FfmpegJob.output(out));
        new FfmpegJob(ffmpeg(), args).run(seconds, p -> { }, Duration.ofSeconds(60));
        return out;
    }

    /**
     * An MP4 whose headers lie: {@code realSeconds} of samples (a tiny 64x48 pattern at 5 fps with a tone), but its
     * movie, track and media headers (mvhd, tkhd, mdhd) declare {@code declaredSeconds}. ffprobe reports the
     * declared length; FFmpeg decodes, and renders, every sample.
     */
    public static Path lyingMp4(Path dir, String name, double realSeconds, double declaredSeconds) throws Exception {
        Path honest = clip(dir, "honest-" + name, "testsrc2=size=64x48:rate=5", true, realSeconds);
        java.nio.ByteBuffer mp4 = java.nio.ByteBuffer.wrap(java.nio.file.Files.readAllBytes(honest));
        rewriteDurations(mp4, 0, mp4.capacity(), declaredSeconds, new long[1]);
        return java.nio.file.Files.write(dir.resolve(name), mp4.array());
    }

    /** Walks the boxes in [from, to) and sets every version-0 header duration to {@code seconds}. */
    private static void rewriteDurations(java.nio.ByteBuffer mp4, int from, int to, double seconds, long[] movieTimescale) {
        int at = from;
        while (at + 8 <= to) {
            int size = mp4.getInt(at);
            String type = new String(mp4.array(), at + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
            if (size < 8) {
                return;
            }
            switch (type) {
                case "moov", "trak", "mdia" -> rewriteDurations(mp4, at + 8, at + size, seconds, movieTimescale);
                case "mvhd" -> { // version/flags, creation, modification, timescale, duration
                    movieTimescale[0] = Integer.toUnsignedLong(mp4.getInt(at + 20));
                    mp4.putInt(at + 24, (int) Math.round(seconds * movieTimescale[0]));
                }
                case "tkhd" -> // version/flags, creation, modification, track id, reserved, duration (movie timescale)
                        mp4.putInt(at + 28, (int) Math.round(seconds * movieTimescale[0]));
                case "mdhd" -> // version/flags, creation, modification, timescale, duration
                        mp4.putInt(at + 24, (int) Math.round(seconds * Integer.toUnsignedLong(mp4.getInt(at + 20))));
                default -> { }
            }
            at += size;
        }
    }

    /** One decoded frame at {@code seconds}, as raw pixels of {@code pixelFormat} (e.g. rgb24, yuv420p). */
    public static byte[] frame(Path file, double seconds, String pixelFormat) throws IOException, InterruptedException {
        Process p = ffmpeg().processBuilder(List.of("-v", "error", "-ss", String.valueOf(seconds), "-i",
                "file:" + file.toAbsolutePath(), "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", pixelFormat, "pipe:1"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] bytes;
        try (InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || bytes.length == 0) {
            throw new IllegalStateException("could not decode a frame of " + file);
        }
        return bytes;
    }

    public static MediaInfo probe(Path file) {
        return ffmpeg().probe(file, Duration.ofSeconds(20));
    }

    /** Mean red, green and blue of rgb24 pixels. */
    public static double[] channelMeans(byte[] rgb) {
        double[] sums = new double[3];
        for (int i = 0; i < rgb.length; i++) {
            sums[i % 3] += rgb[i] & 0xff;
        }
        int pixels = rgb.length / 3;
        return new double[] {sums[0] / pixels, sums[1] / pixels, sums[2] / pixels};
    }

    /** Mean absolute difference of two frames, byte by byte (over the shorter one). */
    public static double difference(byte[] a, byte[] b) {
        double sum = 0;
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            sum += Math.abs((a[i] & 0xff) - (b[i] & 0xff));
        }
        return sum / Math.min(a.length, b.length);
    }

    /** The mean of {@code length} unsigned bytes from {@code offset}. */
    public static double mean(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += data[i] & 0xff;
        }
        return (double) sum / length;
    }

    /** RMS of a file's first audio channel as decoded (no remix, so a level change by remixing shows), 8 kHz samples. */
    public static double rms(Path file) throws Exception {
        Process p = ffmpeg().processBuilder(java.util.List.of("-v", "error", "-i", "file:" + file.toAbsolutePath(), "-vn",
                "-af", "pan=mono|c0=c0", "-ar", "8000", "-f", "s16le", "pipe:1")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] bytes;
        try (java.io.InputStream in = p.getInputStream()) {
            bytes = in.readAllBytes();
        }
        p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        double sum = 0;
        int n = bytes.length / 2;
        for (int i = 0; i < n; i++) {
            short v = (short) ((bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8));
            sum += (double) v * v;
        }
        return Math.sqrt(sum / Math.max(1, n)); // no sound at all reads as silence
    }
}
