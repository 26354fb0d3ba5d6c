package dev.vedit.server.ffmpeg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.wire.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The first video stream of a file as far as copying it unchanged needs to know: codec, pixel format, size, sample
 * aspect ratio and rotation, and (when asked) where its packets and keyframes are. Read by one ffprobe run that
 * demuxes without decoding.
 *
 * @param formatName        the container, as ffprobe names it ({@code mov,mp4,m4a,3gp,3g2,mj2}, {@code matroska,webm})
 * @param startSeconds      the container's start time, which {@code -ss} counts from
 * @param codec             e.g. {@code h264}
 * @param pixelFormat       e.g. {@code yuv420p}
 * @param sampleAspectRatio e.g. {@code 1:1}, or empty when not stated
 * @param rotated           whether a display matrix or rotate tag turns the picture
 * @param packetSeconds     the presentation time of each packet in file order (empty unless asked for)
 * @param keyframeSeconds   the presentation times of the keyframes, ascending (empty unless asked for)
 */
public record VideoStream(String formatName, double startSeconds, String codec, String pixelFormat, int width, int height,
                          String sampleAspectRatio, boolean rotated, double[] packetSeconds, double[] keyframeSeconds) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Probes {@code file}'s first video stream.
     *
     * @param withPackets also list its packets and keyframes (a demux of the whole file)
     * @throws FfmpegFailure when ffprobe fails, times out or the file has no video stream
     */
    public static VideoStream probe(Ffmpeg ffmpeg, Path file, boolean withPackets, Duration timeout) throws FfmpegFailure {
        Path absolute = file.toAbsolutePath();
        List<String> args = new ArrayList<>(List.of("-v", "error"));
        args.addAll(FfmpegJob.demuxerOptions(absolute));
        args.addAll(List.of("-select_streams", "v:0", "-show_entries",
                "format=format_name,start_time:stream=codec_name,pix_fmt,width,height,sample_aspect_ratio"
                        + ":stream_side_data=rotation:stream_tags=rotate" + (withPackets ? ":packet=pts_time,flags" : ""),
                "-of", "json", "file:" + absolute));
        ProcessBuilder builder = ffmpeg.probeProcessBuilder(args);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw failure("cannot run ffprobe: " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(process);
                throw failure("reading the video stream took longer than " + timeout.toSeconds() + " s", null);
            }
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            throw failure("interrupted while reading the video stream", e);
        }
        if (process.exitValue() != 0) {
            throw failure("ffprobe cannot read the video stream (exit " + process.exitValue() + ")", null);
        }
        try {
            return parse(JSON.readTree(stdout.join()));
        } catch (IOException | UncheckedIOException e) {
            throw failure("cannot parse ffprobe's answer: " + e.getMessage(), e);
        }
    }

    static VideoStream parse(JsonNode root) throws FfmpegFailure {
        JsonNode streams = root.path("streams");
        if (!streams.isArray() || streams.isEmpty()) {
            throw failure("the file has no video stream", null);
        }
        JsonNode s = streams.get(0);
        boolean rotated = s.path("tags").path("rotate").asDouble(0) % 360 != 0;
        for (JsonNode side : s.path("side_data_list")) {
            rotated |= side.path("rotation").asDouble(0) % 360 != 0;
        }
        List<Double> packets = new ArrayList<>();
        List<Double> keyframes = new ArrayList<>();
        for (JsonNode p : root.path("packets")) {
            double at = p.path("pts_time").asDouble(Double.NaN);
            if (Double.isNaN(at)) {
                continue;
            }
            packets.add(at);
            if (p.path("flags").asText("").startsWith("K")) {
                keyframes.add(at);
            }
        }
        double[] keys = keyframes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new VideoStream(root.path("format").path("format_name").asText(""),
                root.path("format").path("start_time").asDouble(0), s.path("codec_name").asText(""),
                s.path("pix_fmt").asText(""), s.path("width").asInt(0), s.path("height").asInt(0),
                s.path("sample_aspect_ratio").asText(""), rotated,
                packets.stream().mapToDouble(Double::doubleValue).toArray(), keys);
    }

    /**
     * The keyframe within {@code tolerance} of {@code seconds} (counted from the container's start, as {@code -ss}
     * counts), as a time counted the same way; NaN when none is.
     */
    public double keyframeNear(double seconds, double tolerance) {
        double absolute = startSeconds + seconds;
        int at = Arrays.binarySearch(keyframeSeconds, absolute);
        int insertion = at >= 0 ? at : -at - 1;
        for (int i = Math.max(0, insertion - 1); i <= Math.min(keyframeSeconds.length - 1, insertion); i++) {
            if (Math.abs(keyframeSeconds[i] - absolute) <= tolerance) {
                return keyframeSeconds[i] - startSeconds;
            }
        }
        return Double.NaN;
    }

    /**
     * How many packets are shown in [start, end), both counted from the container's start as {@link #keyframeNear}
     * answers them (the same rounding, so a keyframe given as {@code end} is left out).
     */
    public long packetsBetween(double start, double end) {
        double from = startSeconds + start - 1e-7;
        double to = startSeconds + end - 1e-7;
        return Arrays.stream(packetSeconds).filter(t -> t >= from && t < to).count();
    }

    private static FfmpegFailure failure(String english, Throwable cause) {
        return new FfmpegFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(english, "无法读取视频流信息"),
                false, "probe", cause);
    }

    private static byte[] readAll(InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
