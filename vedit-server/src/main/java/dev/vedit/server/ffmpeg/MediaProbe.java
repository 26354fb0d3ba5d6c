package dev.vedit.server.ffmpeg;

import dev.vedit.server.facts.MediaInfo;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs ffprobe once on a file: it demuxes the whole file, listing its packets, then prints its streams and format
 * as JSON. The declared facts become a {@link MediaInfo} whose duration and frames are the larger of the declared and
 * the counted (see {@link #withPackets}). One process, not a probe and then a count: each run of the bundled FFmpeg
 * pays for loading its libraries, which was most of what a probe cost.
 */
final class MediaProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STDERR_KEPT = 2000;

    private MediaProbe() {
    }

    /** ffprobe's arguments for probing {@code file} (an absolute path). */
    static List<String> arguments(Path file) {
        List<String> args = new ArrayList<>(List.of("-v", "error"));
        args.addAll(FfmpegJob.demuxerOptions(file));
        // ffprobe stops demuxing after PACKET_CEILING packets and still prints the streams and the format.
        args.addAll(List.of("-read_intervals", "%+#" + PACKET_CEILING,
                "-show_entries", "packet=stream_index,pts_time,dts_time,duration_time",
                "-show_streams", "-show_format", "-print_format", "json=compact=1", "file:" + file));
        return args;
    }

    static MediaInfo probe(Ffmpeg ffmpeg, Path file, Duration timeout) {
        Path absolute = file.toAbsolutePath();
        if (!Files.isRegularFile(absolute) || !Files.isReadable(absolute)) {
            throw invalid(file, "the file does not exist or cannot be read", "文件不存在或无法读取");
        }
        ProcessBuilder builder = ffmpeg.probeProcessBuilder(arguments(absolute));
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot run " + ffmpeg.ffprobePath() + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicBoolean timedOut = new AtomicBoolean();
        // Packets stream out as the file is demuxed: read as they come (a long file lists hundreds of thousands), so a
        // watchdog, not a wait, ends a run that takes too long.
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            if (process.isAlive()) {
                timedOut.set(true);
                ProcessTree.kill(process);
            }
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        CompletableFuture<String> stderr = new CompletableFuture<>();
        Thread.ofVirtual().name("ffprobe-stderr").start(() -> stderr.complete(tail(process.getErrorStream())));
        Output output = null;
        IOException unreadable = null;
        try (InputStream in = process.getInputStream()) {
            output = read(in);
        } catch (IOException e) {
            unreadable = e;
        } finally {
            watchdog.cancel(false);
        }
        try {
            long left = deadline - System.nanoTime();
            if (!timedOut.get() && !process.waitFor(Math.max(0, left), TimeUnit.NANOSECONDS)) {
                timedOut.set(true);
            }
        } catch (InterruptedException e) {
            ProcessTree.kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while probing " + file, e);
        }
        if (timedOut.get()) {
            ProcessTree.kill(process);
            throw invalid(file, "probing and counting its packets took longer than " + timeout.toSeconds() + " s",
                    "探测并统计数据包耗时超过 " + timeout.toSeconds() + " 秒");
        }
        if (process.exitValue() != 0) {
            String detail = ToolOutput.scrub(stderr.join());
            if (detail.length() > STDERR_KEPT) {
                detail = detail.substring(detail.length() - STDERR_KEPT);
            }
            throw invalid(file, "ffprobe cannot read it (" + detail + ")", "ffprobe 无法读取（" + detail + "）");
        }
        MediaInfo declared;
        try {
            if (unreadable != null) {
                throw unreadable;
            }
            declared = parse(output.declared(), absolute);
        } catch (IOException e) {
            throw invalid(file, "ffprobe gave unreadable output", "ffprobe 输出无法解析");
        }
        if (declared.formatName().endsWith("_pipe")) {
            return declared; // a still image: one picture, its one packet says nothing more
        }
        return withPackets(declared, output.packets().of(videoIndex(output.declared())));
    }

    /**
     * What the demuxer really delivers: packets of the first video stream, and the time from its first packet's
     * start to its last one's end (over all streams when there is no video).
     */
    record Packets(long videoPackets, double seconds) {
    }

    /**
     * The most packets listed before ffprobe stops demuxing: past it the file is far over every cap anyway
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

    /** ffprobe's answer: the streams and format as a tree, the packets (listed first) only as counts and spans. */
    private record Output(JsonNode declared, PacketSpans packets) {
    }

    /**
     * Reads ffprobe's JSON as it streams: the packets list is folded into {@link PacketSpans} one packet at a time
     * (never held), everything else kept as a tree for {@link #parse}.
     */
    private static Output read(InputStream in) throws IOException {
        ObjectNode declared = JSON.createObjectNode();
        PacketSpans packets = new PacketSpans();
        try (JsonParser parser = JSON.getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                if (field.equals("packets") && parser.currentToken() == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        readPacket(parser, packets);
                    }
                } else {
                    declared.set(field, parser.readValueAsTree());
                }
            }
        }
        return new Output(declared, packets);
    }

    private static void readPacket(JsonParser parser, PacketSpans packets) throws IOException {
        int stream = -1;
        double pts = Double.NaN;
        double dts = Double.NaN;
        double length = Double.NaN;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "stream_index" -> stream = parser.getValueAsInt(-1);
                case "pts_time" -> pts = number(parser.getValueAsString());
                case "dts_time" -> dts = number(parser.getValueAsString());
                case "duration_time" -> length = number(parser.getValueAsString());
                default -> parser.skipChildren(); // side data and the like
            }
        }
        packets.add(stream, Double.isNaN(pts) ? dts : pts, length);
    }

    /**
     * Packet counts and time spans per stream. The packets come before the streams in ffprobe's answer, so which
     * stream is the video is known only at the end: each stream is tallied until then.
     */
    private static final class PacketSpans {
        private final Map<Integer, long[]> counts = new HashMap<>();
        private final Map<Integer, double[]> spans = new HashMap<>();
        private double allFirst = Double.POSITIVE_INFINITY;
        private double allLast = Double.NEGATIVE_INFINITY;

        void add(int stream, double at, double length) {
            counts.computeIfAbsent(stream, s -> new long[1])[0]++;
            if (Double.isNaN(at)) {
                return;
            }
            double end = at + (Double.isNaN(length) ? 0 : length);
            double[] span = spans.computeIfAbsent(stream, s -> new double[] {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
            span[0] = Math.min(span[0], at);
            span[1] = Math.max(span[1], end);
            allFirst = Math.min(allFirst, at);
            allLast = Math.max(allLast, end);
        }

        /** The length is the video's, what the limits are about; every stream counts only when there is no video. */
        Packets of(int videoIndex) {
            if (videoIndex < 0) {
                return new Packets(0, allLast > allFirst ? allLast - allFirst : 0);
            }
            long video = counts.getOrDefault(videoIndex, new long[1])[0];
            double[] span = spans.get(videoIndex);
            return new Packets(video, span != null && span[1] > span[0] ? span[1] - span[0] : 0);
        }
    }

    private static double number(String text) {
        if (text == null) {
            return Double.NaN;
        }
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

    /** The last {@link #STDERR_KEPT} characters of a stream, read to its end (an error message, not a log). */
    private static String tail(InputStream in) {
        StringBuilder kept = new StringBuilder();
        try (var reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
            char[] chunk = new char[4096];
            int n;
            while ((n = reader.read(chunk)) >= 0) {
                kept.append(chunk, 0, n);
                if (kept.length() > 2 * STDERR_KEPT) {
                    kept.delete(0, kept.length() - STDERR_KEPT);
                }
            }
        } catch (IOException e) {
            // the process was killed: what was read stands
        }
        return kept.toString();
    }
}
