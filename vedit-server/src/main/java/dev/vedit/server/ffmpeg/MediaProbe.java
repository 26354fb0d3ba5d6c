package dev.vedit.server.ffmpeg;

import dev.vedit.server.facts.MediaInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs ffprobe on one file and reads its JSON into a {@link MediaInfo}, then demuxes the file to count what is
 * really in it: duration and frames are the larger of the declared and the counted (see {@link #withPackets}).
 */
final class MediaProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_KEPT = 2000;

    private MediaProbe() {
    }

    static MediaInfo probe(Ffmpeg ffmpeg, Path file, Duration timeout) {
        long started = System.nanoTime();
        Path absolute = file.toAbsolutePath();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw invalid(file, "the file does not exist or cannot be read", "文件不存在或无法读取");
        }
        List<String> args = new java.util.ArrayList<>(List.of("-v", "error"));
        args.addAll(FfmpegJob.demuxerOptions(absolute));
        args.addAll(List.of("-print_format", "json", "-show_format", "-show_streams", "file:" + absolute));
        ProcessBuilder builder = ffmpeg.probeProcessBuilder(args);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + ffmpeg.ffprobePath() + ": " + e.getMessage(), e);
        }
        CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.kill(process);
                throw invalid(file, "probing took longer than " + timeout.toSeconds() + " s",
                        "探测耗时超过 " + timeout.toSeconds() + " 秒");
            }
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while probing " + file, e);
        }
        if (process.exitValue() != 0) {
            String detail = ToolOutput.scrub(new String(stderr.join(), java.nio.charset.StandardCharsets.UTF_8));
            if (detail.length() > STDERR_KEPT) {
                detail = detail.substring(detail.length() - STDERR_KEPT);
            }
            throw invalid(file, "ffprobe cannot read it (" + detail + ")", "ffprobe 无法读取（" + detail + "）");
        }
        JsonNode root;
        MediaInfo declared;
        try {
            root = JSON.readTree(stdout.join());
            declared = parse(root, absolute);
        } catch (IOException e) {
            throw invalid(file, "ffprobe gave unreadable output", "ffprobe 输出无法解析");
        }
        if (declared.formatName().endsWith("_pipe")) {
            return declared; // a still image: one picture, nothing to count
        }
        long left = timeout.toNanos() - (System.nanoTime() - started);
        Packets packets = countPackets(ffmpeg, file, absolute, videoIndex(root), Duration.ofNanos(Math.max(1, left)), timeout);
        return withPackets(declared, packets);
    }

    /**
     * What the demuxer really delivers: packets of the first video stream, and the time from its first packet's
     * start to its last one's end (over all streams when there is no video).
     */
    record Packets(long videoPackets, double seconds) {
    }

    /**
     * The most packets counted before giving up on counting: past it the file is far over every cap anyway
     * (600 s at 120 fps is 72,000 frames), and what was counted so far already says so.
     */
    static final long PACKET_CEILING = 500_000;

    /**
     * The media as it really is: the headers' duration and frame count can be made up (an MP4 whose headers say
     * 5 s may hold 30 minutes of samples, and FFmpeg renders all of them), so the larger of what the headers
     * declare and what the packets show counts.
     */
    static MediaInfo withPackets(MediaInfo declared, Packets packets) {
        // An honest file's packets end within a frame or an audio priming delay of its declared length: the declared
        // values stand (edit lists and all), and only a file holding clearly more is re-measured.
        double seconds = packets.seconds() > declared.durationSeconds() * (1 + TOLERANCE) + TOLERANCE_SECONDS
                ? packets.seconds() : declared.durationSeconds();
        long frames = packets.videoPackets() > declared.frameCount() * (1 + TOLERANCE) + TOLERANCE_FRAMES
                ? packets.videoPackets() : declared.frameCount();
        return new MediaInfo(declared.formatName(), seconds, declared.sizeBytes(), declared.streamCount(), declared.hasVideo(),
                declared.width(), declared.height(), declared.frameRate(), frames, declared.videoCodec(), declared.hasAudio(),
                declared.audioCodec(), declared.audioChannels());
    }

    /** How far what a file holds may exceed what it declares before the count replaces the declaration. */
    static final double TOLERANCE = 0.05;
    static final double TOLERANCE_SECONDS = 1;
    static final long TOLERANCE_FRAMES = 30;

    private static int videoIndex(JsonNode root) {
        for (JsonNode stream : root.path("streams")) {
            if (stream.path("codec_type").asText().equals("video") && stream.path("disposition").path("attached_pic").asInt(0) != 1) {
                return stream.path("index").asInt(-1);
            }
        }
        return -1;
    }

    /**
     * Demuxes the whole file (no decoding: about as costly as reading it) and counts its packets. Stops, and
     * counts no further, past {@link #PACKET_CEILING}. {@code timeout} is what is left of the probe's whole
     * {@code budget}, which a refusal names (the part left can be well under a second).
     */
    static Packets countPackets(Ffmpeg ffmpeg, Path file, Path absolute, int videoIndex, Duration timeout, Duration budget) {
        List<String> args = new java.util.ArrayList<>(List.of("-v", "error"));
        args.addAll(FfmpegJob.demuxerOptions(absolute));
        args.addAll(List.of("-show_entries", "packet=stream_index,pts_time,dts_time,duration_time", "-of", "csv=p=0",
                "file:" + absolute));
        ProcessBuilder builder = ffmpeg.probeProcessBuilder(args);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + ffmpeg.ffprobePath() + ": " + e.getMessage(), e);
        }
        java.util.concurrent.atomic.AtomicBoolean timedOut = new java.util.concurrent.atomic.AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            if (process.isAlive()) {
                timedOut.set(true);
                ProcessTree.kill(process);
            }
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        long video = 0;
        long all = 0;
        double first = Double.POSITIVE_INFINITY;
        double last = Double.NEGATIVE_INFINITY;
        try (java.io.BufferedReader lines = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))) {
            String line;
            while ((line = lines.readLine()) != null) {
                String[] f = line.split(",", -1);
                if (f.length < 4) {
                    continue;
                }
                if (++all > PACKET_CEILING) {
                    ProcessTree.kill(process);
                    break;
                }
                boolean isVideo = f[0].equals(Integer.toString(videoIndex));
                if (isVideo) {
                    video++;
                } else if (videoIndex >= 0) {
                    continue; // the length is the video's, what the limits are about; audio only counts without video
                }
                double at = number(f[1]);
                if (Double.isNaN(at)) {
                    at = number(f[2]);
                }
                if (!Double.isNaN(at)) {
                    double length = number(f[3]);
                    first = Math.min(first, at);
                    last = Math.max(last, at + (Double.isNaN(length) ? 0 : length));
                }
            }
        } catch (IOException e) {
            // killed by the watchdog or the ceiling: what was counted stands, or the timeout is reported below
        } finally {
            watchdog.cancel(false);
            ProcessTree.kill(process);
        }
        if (timedOut.get()) {
            throw invalid(file, "probing and counting its packets took longer than " + budget.toSeconds() + " s",
                    "探测并统计数据包耗时超过 " + budget.toSeconds() + " 秒");
        }
        return new Packets(video, last > first ? last - first : 0);
    }

    private static double number(String text) {
        try {
            double v = Double.parseDouble(text);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    static MediaInfo parse(JsonNode root, Path file) throws IOException {
        JsonNode streams = root.path("streams");
        if (!streams.isArray() || streams.isEmpty()) {
            throw invalid(file, "it has no audio or video streams", "文件不包含音频或视频流");
        }
        JsonNode video = null;
        JsonNode audio = null;
        for (JsonNode stream : streams) {
            String type = stream.path("codec_type").asText();
            boolean attachedPicture = stream.path("disposition").path("attached_pic").asInt(0) == 1;
            if (type.equals("video") && !attachedPicture && video == null) {
                video = stream;
            } else if (type.equals("audio") && audio == null) {
                audio = stream;
            }
        }
        JsonNode format = root.path("format");
        double duration = positive(format.path("duration").asDouble(0));
        if (duration == 0 && video != null) {
            duration = positive(video.path("duration").asDouble(0));
        }
        if (duration == 0 && audio != null) {
            duration = positive(audio.path("duration").asDouble(0));
        }
        long size = format.path("size").asLong(0);
        if (size == 0) {
            size = Files.size(file);
        }
        int width = video == null ? 0 : video.path("width").asInt(0);
        int height = video == null ? 0 : video.path("height").asInt(0);
        double fps = video == null ? 0 : rate(video.path("avg_frame_rate").asText(""));
        if (fps == 0 && video != null) {
            fps = rate(video.path("r_frame_rate").asText(""));
        }
        long frames = video == null ? 0 : video.path("nb_frames").asLong(0);
        if (frames == 0 && video != null) {
            frames = Math.round(duration * fps);
        }
        return new MediaInfo(
                format.path("format_name").asText(""),
                duration,
                size,
                streams.size(),
                video != null,
                width,
                height,
                fps,
                frames,
                video == null ? null : video.path("codec_name").asText(null),
                audio != null,
                audio == null ? null : audio.path("codec_name").asText(null),
                audio == null ? 0 : audio.path("channels").asInt(0));
    }

    private static double positive(double value) {
        return Double.isFinite(value) && value > 0 ? value : 0;
    }

    /** A rate like {@code 30000/1001}; 0 for {@code 0/0} or anything unreadable. */
    private static double rate(String text) {
        String[] parts = text.split("/");
        try {
            double value = parts.length == 2 ? Double.parseDouble(parts[0]) / Double.parseDouble(parts[1])
                    : Double.parseDouble(text);
            return positive(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static VeditException invalid(Path file, String english, String chinese) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        return VeditException.of(ErrorCode.MEDIA_INVALID, name + ": " + english, name + "：" + chinese);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
