package dev.vedit.server.engine.local.vision;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_core.countNonZero;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.RunContext;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.server.engine.local.operation.Phase;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.ffmpeg.FfmpegFailure;
import dev.vedit.server.ffmpeg.FrameReader;
import dev.vedit.server.ffmpeg.FrameWriter;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleConsumer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plan's vision operations ({@code replace_background}, {@code blur_faces}), run frame by frame with OpenCV
 * on the source video before the FFmpeg render: ffmpeg decodes to RGB frames on a pipe, the operations edit each
 * frame in plan order, and ffmpeg encodes a near-lossless intermediate that carries the original audio, on
 * which the usual render then runs.
 *
 * <p>How {@code replace_background} finds the foreground: {@code "method": "person"} uses MediaPipe selfie
 * segmentation and {@code "method": "motion"} MOG2 background subtraction. Without a method the pass samples up
 * to {@value #SAMPLES} frames from the first {@value #SAMPLE_SECONDS} seconds: if selfie segmentation sees a
 * person (at least {@value #PERSON_SHARE} of the frame) in at least half of them, people are the foreground;
 * otherwise the camera is taken to be static and whatever moves is. If MOG2, trained on those samples, still
 * calls more than {@value #MOVING_CAMERA_SHARE} of the frame foreground, the camera moves and there is no
 * person to keep: the run fails with {@code EDIT_NOT_SUPPORTED} rather than produce garbage.
 */
public final class VisionPass {
    private static final Logger LOG = LoggerFactory.getLogger(VisionPass.class);
    private static final String NODE = "vision";
    private static final double DEFAULT_FRAME_RATE = 25;
    static final int SAMPLES = 20;
    static final double SAMPLE_SECONDS = 10;
    static final double PERSON_SHARE = 0.08;
    static final double MOVING_CAMERA_SHARE = 0.4;
    /** Faces stay hidden this long after the detector last saw them. */
    private static final double FACE_HOLD_SECONDS = 0.3;

    private final Ffmpeg ffmpeg;

    public VisionPass(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
    }

    /** Whether {@code plan} has anything for this pass to do. */
    public static boolean appliesTo(EditPlan plan) {
        return plan.operations().stream().anyMatch(op -> Operation.of(op).phase() == Phase.VISION);
    }

    /**
     * Runs the plan's vision operations over {@code video}, writing the intermediate to {@code output}
     * (Matroska: video near-lossless, audio copied). Honours a {@code trim} in the plan by processing only as
     * much as will be kept.
     *
     * @param images   the task's reference images: Figure 1 is index 0
     * @param progress receives fractions 0.0 to 1.0 of this pass
     */
    public VisionRun run(EditPlan plan, Path video, MediaInfo info, List<Path> images, Path output, RunContext context,
                         DoubleConsumer progress) throws EngineFailure {
        long started = System.nanoTime();
        double frameRate = info.frameRate() > 0 ? info.frameRate() : DEFAULT_FRAME_RATE;
        double maxSeconds = plan.operations().stream().filter(Operation.TRIM::is)
                .mapToDouble(op -> number(op, "duration")).min().orElse(Double.POSITIVE_INFINITY);
        double seconds = Math.min(maxSeconds, info.durationSeconds());
        double expectedFrames = Math.max(1, seconds * frameRate);
        List<FrameFilter> filters = new ArrayList<>();
        String background = null;
        try (FrameReader reader = FrameReader.open(ffmpeg, video, frameRate, maxSeconds)) {
            context.onCancel(reader::kill);
            byte[] pixels = reader.next();
            if (pixels == null) {
                throw failure(ErrorCode.MEDIA_INVALID, "the source video has no frames to process", "源视频没有可处理的帧");
            }
            int width = reader.width();
            int height = reader.height();
            for (EditOperation op : plan.operations()) {
                switch (Operation.of(op)) {
                    case REPLACE_BACKGROUND -> {
                        try (Mat image = figure(op, images)) {
                            ForegroundMask mask = foreground(op, video, frameRate, context);
                            background = mask instanceof PersonSegmenter ? "person" : "motion";
                            filters.add(new BackgroundReplacement(mask, image, new Size(width, height)));
                        }
                    }
                    case BLUR_FACES -> filters.add(new FaceBlur(style(op),
                            (int) Math.ceil(FACE_HOLD_SECONDS * frameRate)));
                    default -> {
                        // the other phases are the FFmpeg render's
                    }
                }
            }
            try (FrameWriter writer = FrameWriter.open(ffmpeg, width, height, frameRate, video, maxSeconds, output);
                 Mat frame = new Mat(height, width, CV_8UC3)) {
                context.onCancel(writer::kill);
                long deadline = started + context.timeLimit().toNanos();
                BytePointer data = frame.data();
                do {
                    checkStillWanted(context, deadline);
                    if (reader.width() != width || reader.height() != height) {
                        throw failure(ErrorCode.MEDIA_INVALID, "the video changes size mid-stream (" + width + "x" + height
                                + " to " + reader.width() + "x" + reader.height() + ")", "视频中途改变了画面尺寸");
                    }
                    data.put(pixels, 0, pixels.length);
                    for (FrameFilter filter : filters) {
                        filter.apply(frame);
                    }
                    data.get(pixels, 0, pixels.length);
                    writer.write(pixels);
                    progress.accept(Math.min(1.0, reader.frames() / expectedFrames));
                    pixels = reader.next();
                } while (pixels != null);
                checkStillWanted(context, deadline);
                writer.finish();
            }
            progress.accept(1.0);
            long frames = reader.frames();
            VisionRun done = new VisionRun(frames, frames / frameRate, (System.nanoTime() - started) / 1e9, background);
            LOG.info("vision pass {}: {} frames ({} s of video) in {} s, {}x real time", plan.operations().stream()
                    .map(EditOperation::op).filter(op -> Operation.fromWire(op).phase() == Phase.VISION).distinct().sorted().toList(), frames,
                    String.format(Locale.ROOT, "%.1f", done.videoSeconds()), String.format(Locale.ROOT, "%.1f", done.wallSeconds()),
                    String.format(Locale.ROOT, "%.2f", done.realtimeFactor()));
            return done;
        } catch (EngineFailure e) {
            if (context.cancelled()) {
                throw failure(ErrorCode.TASK_CANCELLED, null, null);
            }
            throw e;
        } catch (FfmpegFailure f) {
            if (context.cancelled()) {
                throw failure(ErrorCode.TASK_CANCELLED, null, null);
            }
            throw translated(f);
        } catch (RuntimeException e) {
            // OpenCV reports its errors as RuntimeExceptions carrying the C++ message.
            throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "the vision pass failed: " + e.getMessage(), "视觉处理失败，详情见英文部分"), false, NODE, e);
        } finally {
            filters.forEach(FrameFilter::close);
        }
    }

    /** Decides (and prepares) how the foreground is found; see the class comment for the rule. */
    private ForegroundMask foreground(EditOperation op, Path video, double frameRate, RunContext context) throws EngineFailure {
        Object method = op.params().get("method");
        if ("person".equals(method)) {
            return new PersonSegmenter();
        }
        if (method != null && !"motion".equals(method)) {
            throw failure(ErrorCode.INVALID_PARAMETERS, "replace_background method must be person or motion, not " + method,
                    "replace_background 的 method 只能是 person 或 motion，而不是 " + method);
        }
        List<Mat> samples = sample(video, frameRate, context);
        try {
            if (method == null) {
                PersonSegmenter person = new PersonSegmenter();
                if (seesPerson(person, samples)) {
                    return person;
                }
                person.close();
            }
            MotionSegmenter motion = new MotionSegmenter();
            samples.forEach(motion::learn);
            double moving = samples.stream().skip(samples.size() / 2).mapToDouble(motion::foregroundShare).max().orElse(0);
            if (method == null && moving > MOVING_CAMERA_SHARE) {
                motion.close();
                throw failure(ErrorCode.EDIT_NOT_SUPPORTED, String.format(Locale.ROOT, "no person is in view and %.0f%% of"
                        + " the picture moves, so the background cannot be told apart; replace_background needs a person"
                        + " in frame or a static camera", moving * 100),
                        "画面中没有人物，且画面大部分在运动，无法区分背景；替换背景需要画面中有人或摄像机固定");
            }
            return motion;
        } finally {
            samples.forEach(Mat::close);
        }
    }

    private static boolean seesPerson(PersonSegmenter person, List<Mat> samples) {
        int withPerson = 0;
        for (Mat sample : samples) {
            try (PointerScope scope = new PointerScope()) {
                Mat mask = new Mat();
                threshold(person.probability(sample), mask, 0.5, 1, THRESH_BINARY);
                if (countNonZero(mask) >= PERSON_SHARE * mask.total()) {
                    withPerson++;
                }
            }
        }
        return withPerson * 2 >= samples.size() && withPerson > 0;
    }

    /** Up to {@value #SAMPLES} frames spread over the opening of the video. */
    private List<Mat> sample(Path video, double frameRate, RunContext context) throws EngineFailure {
        // Beyond a trim too: the more the walkers have moved between samples, the cleaner the learnt background.
        double span = SAMPLE_SECONDS;
        double rate = Math.min(frameRate, SAMPLES / span);
        List<Mat> samples = new ArrayList<>();
        try (FrameReader reader = FrameReader.open(ffmpeg, video, rate, span)) {
            context.onCancel(reader::kill);
            byte[] pixels;
            while (samples.size() < SAMPLES && (pixels = reader.next()) != null) {
                Mat frame = new Mat(reader.height(), reader.width(), CV_8UC3);
                frame.data().put(pixels, 0, pixels.length);
                samples.add(frame);
            }
        } catch (FfmpegFailure f) {
            throw translated(f);
        }
        return samples;
    }

    /** Figure N of the operation, decoded by ffmpeg (any image format it reads). */
    private Mat figure(EditOperation op, List<Path> images) throws EngineFailure {
        Object n = op.params().get("image");
        int index = n instanceof Number number ? number.intValue() : 0;
        if (index < 1 || index > images.size()) {
            throw failure(ErrorCode.INVALID_PARAMETERS, "the new background is Figure " + n + " but the task has "
                    + images.size() + " reference image(s)", "新背景为图" + n + "，但任务只有 " + images.size() + " 张参考图");
        }
        try (FrameReader reader = FrameReader.open(ffmpeg, images.get(index - 1), 1, Double.POSITIVE_INFINITY)) {
            byte[] pixels = reader.next();
            if (pixels == null) {
                throw failure(ErrorCode.MEDIA_INVALID, "Figure " + index + " has no picture", "图" + index + " 中没有图像");
            }
            Mat image = new Mat(reader.height(), reader.width(), CV_8UC3);
            image.data().put(pixels, 0, pixels.length);
            return image;
        } catch (FfmpegFailure f) {
            throw translated(f);
        }
    }

    /** FFmpeg's failure as the engine reports it: same code, message and retry advice. */
    private static EngineFailure translated(FfmpegFailure f) {
        return new EngineFailure(f.code(), f.getMessage(), f.transientFailure(), f.step(), f.getCause());
    }

    private static FaceBlur.Style style(EditOperation op) throws EngineFailure {
        Object style = op.params().getOrDefault("style", "blur");
        return switch (String.valueOf(style)) {
            case "blur" -> FaceBlur.Style.BLUR;
            case "pixelate" -> FaceBlur.Style.PIXELATE;
            default -> throw failure(ErrorCode.INVALID_PARAMETERS, "blur_faces style must be blur or pixelate, not " + style,
                    "blur_faces 的 style 只能是 blur 或 pixelate，而不是 " + style);
        };
    }

    private static void checkStillWanted(RunContext context, long deadline) throws EngineFailure {
        if (context.cancelled()) {
            throw failure(ErrorCode.TASK_CANCELLED, null, null);
        }
        if (System.nanoTime() > deadline) {
            long limit = context.timeLimit().toSeconds();
            throw failure(ErrorCode.TASK_TIMEOUT, "the vision pass ran longer than " + limit + " s and was stopped",
                    "视觉处理运行超过 " + limit + " 秒，已被终止");
        }
    }

    private static EngineFailure failure(ErrorCode code, String english, String chinese) {
        String message = english == null ? code.message() : code.message(english, chinese);
        return new EngineFailure(code, message, false, NODE, null);
    }

    private static double number(EditOperation op, String name) {
        return ((Number) op.params().get(name)).doubleValue();
    }
}
