package dev.vedit.server.ffmpeg;

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

/** Runs ffprobe on one file and reads its JSON into a {@link MediaInfo}. */
final class MediaProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_KEPT = 2000;

    private MediaProbe() {
    }

    static MediaInfo probe(Ffmpeg ffmpeg, Path file, Duration timeout) {
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
            String detail = new String(stderr.join(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (detail.length() > STDERR_KEPT) {
                detail = detail.substring(detail.length() - STDERR_KEPT);
            }
            throw invalid(file, "ffprobe cannot read it (" + detail + ")", "ffprobe 无法读取（" + detail + "）");
        }
        try {
            return parse(JSON.readTree(stdout.join()), absolute);
        } catch (IOException e) {
            throw invalid(file, "ffprobe gave unreadable output", "ffprobe 输出无法解析");
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
