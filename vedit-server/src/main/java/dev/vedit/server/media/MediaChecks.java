package dev.vedit.server.media;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.task.InputChecks;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.VeditException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Probes fetched media before any decoding work and enforces the model's limits and the global caps, so a
 * bad or oversized input fails fast with a clear code instead of occupying a worker. It lives with the media
 * (it is FFmpeg's judgement of a file); the task system sees it only as {@link InputChecks}.
 */
public final class MediaChecks implements InputChecks {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    private final Ffmpeg ffmpeg;
    private final MediaCaps caps;

    public MediaChecks(Ffmpeg ffmpeg, MediaCaps caps) {
        this.ffmpeg = ffmpeg;
        this.caps = caps;
    }

    @Override
    public MediaInfo checkVideo(Path file, FieldSpec field, ModelSpec model) throws EngineFailure {
        return checkVideo(probe(file, field.name()), field, model);
    }

    /** The same checks on facts probed before (our own media: {@code media_facts}). */
    MediaInfo checkVideo(MediaInfo info, FieldSpec field, ModelSpec model) throws EngineFailure {
        if (!info.hasVideo()) {
            throw limit(ErrorCode.MEDIA_INVALID, field.name() + " has no video stream (audio-only or not a video)",
                    field.name() + " 中没有视频流（仅音频或不是视频）");
        }
        double seconds = info.durationSeconds();
        if (seconds <= 0) {
            throw limit(ErrorCode.MEDIA_INVALID, field.name() + " has no readable duration (zero-length or truncated)",
                    field.name() + " 无法读取时长（长度为零或文件被截断）");
        }
        double max = model.limits().videoMaxSeconds() > 0 ? model.limits().videoMaxSeconds() : caps.maxDurationSeconds();
        // Allow a few hundredths over the limit: containers round durations up.
        if (seconds > max + 0.05) {
            throw limit(ErrorCode.MEDIA_LIMIT, String.format("%s is %.2f s long; this model accepts at most %s s", field.name(), seconds, fmt(max)),
                    String.format("%s 时长为 %.2f 秒，该模型最多接受 %s 秒", field.name(), seconds, fmt(max)));
        }
        double min = model.limits().videoMinSeconds();
        if (min > 0 && seconds < min - 0.05) {
            throw limit(ErrorCode.MEDIA_LIMIT, String.format("%s is %.2f s long; this model needs at least %s s", field.name(), seconds, fmt(min)),
                    String.format("%s 时长为 %.2f 秒，该模型至少需要 %s 秒", field.name(), seconds, fmt(min)));
        }
        if (info.width() > caps.maxWidth() || info.height() > caps.maxHeight()) {
            throw limit(ErrorCode.MEDIA_LIMIT, field.name() + " is " + info.width() + "x" + info.height() + "; the largest accepted is "
                            + caps.maxWidth() + "x" + caps.maxHeight(),
                    field.name() + " 分辨率为 " + info.width() + "x" + info.height() + "，最大支持 " + caps.maxWidth() + "x" + caps.maxHeight());
        }
        if (info.frameCount() > caps.maxFrames()) {
            throw limit(ErrorCode.MEDIA_LIMIT, field.name() + " has " + info.frameCount() + " frames; the most accepted is " + caps.maxFrames(),
                    field.name() + " 共有 " + info.frameCount() + " 帧，最多接受 " + caps.maxFrames() + " 帧");
        }
        if (info.streamCount() > caps.maxStreams()) {
            throw limit(ErrorCode.MEDIA_LIMIT, field.name() + " has " + info.streamCount() + " streams; the most accepted is " + caps.maxStreams(),
                    field.name() + " 共有 " + info.streamCount() + " 路流，最多接受 " + caps.maxStreams() + " 路");
        }
        return info;
    }

    @Override
    public void checkImage(Path file, FieldSpec field, int index) throws EngineFailure {
        checkImage(probe(file, imageName(field, index)), field, index);
    }

    /** The same checks on facts probed before (our own media: {@code media_facts}). */
    void checkImage(MediaInfo info, FieldSpec field, int index) throws EngineFailure {
        String name = imageName(field, index);
        if (!info.hasVideo() || info.width() <= 0) {
            throw limit(ErrorCode.MEDIA_INVALID, name + " is not a readable image", name + " 不是可读取的图片");
        }
        if (info.width() > caps.maxImageSide() || info.height() > caps.maxImageSide()) {
            throw limit(ErrorCode.MEDIA_LIMIT, name + " is " + info.width() + "x" + info.height() + "; the largest accepted side is "
                    + caps.maxImageSide(), name + " 尺寸为 " + info.width() + "x" + info.height() + "，边长最大为 " + caps.maxImageSide());
        }
    }

    static String imageName(FieldSpec field, int index) {
        return field.name() + "[" + index + "] (Figure " + (index + 1) + ")";
    }

    MediaInfo probe(Path file, String what) throws EngineFailure {
        try {
            return ffmpeg.probe(file, PROBE_TIMEOUT);
        } catch (VeditException e) {
            throw new EngineFailure(e.code(), e.code().message(what + " could not be read as media: " + english(e.getMessage()),
                    what + " 无法作为媒体读取"), false, "probe", e);
        }
    }

    private static String english(String bilingual) {
        int bar = bilingual.indexOf(" | ");
        return bar < 0 ? bilingual : bilingual.substring(0, bar);
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    private static EngineFailure limit(ErrorCode code, String english, String chinese) {
        return new EngineFailure(code, code.message(english, chinese), false, "probe", null);
    }
}
