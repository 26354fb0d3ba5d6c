package dev.vedit.server.engine.local;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.server.engine.local.operation.Phase;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.ffmpeg.FfmpegFailure;
import dev.vedit.server.ffmpeg.VideoStream;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A render that copies the source's video stream instead of encoding it again: for a plan that leaves every frame as
 * it is (sound edits, mute, keep the sound, trims), an encode would cost the whole decode and encode and lose a
 * generation of quality for nothing. The output must still be what every render gives, an H.264 yuv420p MP4 with
 * square pixels and an upright picture, so a source that is anything else is encoded as before. A trim copies only
 * when both its cut points fall on keyframes (a copy can only start at one, and can only stop cleanly before one);
 * elsewhere it is encoded, so trims stay frame-accurate.
 *
 * @param start   where the copy starts, seconds from the container's start (a keyframe); 0 for the beginning
 * @param frames  how many video packets to copy, or -1 for all to the end
 * @param seconds how long the output is
 */
record VideoCopy(double start, long frames, double seconds) {
    private static final Logger LOG = LoggerFactory.getLogger(VideoCopy.class);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    /** Containers whose H.264 the MP4 muxer takes as it is. */
    private static final Set<String> CONTAINERS = Set.of("mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm");

    /** Whether no operation of {@code plan} changes a frame, so that copying the video could perform it. */
    static boolean leavesPictureAlone(EditPlan plan) {
        return plan.operations().stream().map(Operation::of).noneMatch(Operation::changesPicture);
    }

    /**
     * How to copy {@code source}'s video for {@code plan}, or empty when it must be encoded: the plan changes frames,
     * the stream is not H.264 yuv420p with square pixels and even sides, or a trim cuts between keyframes.
     */
    static Optional<VideoCopy> of(Ffmpeg ffmpeg, EditPlan plan, Path source, MediaInfo info) throws EngineFailure {
        if (!leavesPictureAlone(plan) || !info.hasVideo() || !"h264".equals(info.videoCodec())) {
            return Optional.empty();
        }
        Window window = Window.of(plan.operations(), info);
        boolean whole = window.whole(info);
        VideoStream stream;
        try {
            stream = VideoStream.probe(ffmpeg, source, !whole, PROBE_TIMEOUT);
        } catch (FfmpegFailure f) {
            LOG.info("video stream not copied, it could not be read ({}): encoding it", f.getMessage());
            return Optional.empty();
        }
        String refused = refusal(stream);
        if (refused != null) {
            LOG.debug("video stream not copied: {}", refused);
            return Optional.empty();
        }
        if (whole) {
            return Optional.of(new VideoCopy(0, -1, info.durationSeconds()));
        }
        double fps = info.frameRate() > 0 ? info.frameRate() : 25;
        double halfFrame = 0.5 / fps;
        double start = window.start() <= 0 ? 0 : stream.keyframeNear(window.start(), halfFrame);
        boolean toEnd = window.end() >= info.durationSeconds();
        double end = toEnd ? info.durationSeconds() : stream.keyframeNear(window.end(), halfFrame);
        if (Double.isNaN(start) || Double.isNaN(end)) {
            return Optional.empty(); // a cut between keyframes: encoded, frame-accurate
        }
        return Optional.of(new VideoCopy(start, toEnd ? -1 : stream.packetsBetween(start, end), end - start));
    }

    /** Why the stream cannot go into the output as it is, or null when it can. */
    private static String refusal(VideoStream stream) {
        if (!CONTAINERS.contains(stream.formatName())) {
            return "container " + stream.formatName();
        }
        if (!stream.codec().equals("h264") || !stream.pixelFormat().equals("yuv420p")) {
            return stream.codec() + " " + stream.pixelFormat() + ", not h264 yuv420p";
        }
        if (stream.width() % 2 != 0 || stream.height() % 2 != 0) {
            return "odd size " + stream.width() + "x" + stream.height(); // every render's output has even sides
        }
        String sar = stream.sampleAspectRatio();
        if (!sar.isEmpty() && !sar.equals("1:1") && !sar.equals("0:1") && !sar.equals("N/A")) {
            return "non-square pixels " + sar; // every render's output has square pixels
        }
        if (stream.rotated()) {
            return "rotated by its display matrix"; // a render turns the frames upright
        }
        return null;
    }

    /**
     * Whether the sound can be copied too: the whole clip, no sound edit, and AAC, which MP4 carries as it is (a
     * container-only plan such as "keep the original sound" then does no decoding at all). A trim encodes the sound,
     * whose packets do not end where the video's keyframes are.
     */
    boolean copiesSound(List<EditOperation> ops, MediaInfo info) {
        return start <= 0 && frames < 0 && "aac".equals(info.audioCodec())
                && ops.stream().map(Operation::of).noneMatch(o -> o.phase() == Phase.FRAME);
    }

    /** The input options: a seek to the first keyframe kept (a microsecond past its rounded time, so never the one before). */
    List<String> input() {
        return start > 0 ? List.of("-ss", RenderCommand.decimal(start + 1e-6)) : List.of();
    }

    List<String> videoArguments() {
        return frames >= 0 ? List.of("-c:v", "copy", "-frames:v", String.valueOf(frames)) : List.of("-c:v", "copy");
    }
}
