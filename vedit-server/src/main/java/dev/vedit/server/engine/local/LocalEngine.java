package dev.vedit.server.engine.local;

import dev.vedit.server.engine.Engine;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.engine.RunContext;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.server.engine.local.operation.Phase;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.ffmpeg.FfmpegFailure;
import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.server.engine.local.vision.VisionPass;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ValidatedRequest;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleConsumer;

/**
 * The engine that needs no GPU: colour and style, time, geometry, reference-image, text and sound edits, read
 * from the prompt and model options and performed by one FFmpeg filtergraph. Refuses anything it cannot do at
 * plan time.
 */
public final class LocalEngine implements Engine {
    /** The engine name in plans. */
    public static final String NAME = "local";
    private static final String NODE = "local";
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(30);
    /** Container durations are rounded; a source this much shorter than a required length still counts. */
    private static final double LENGTH_TOLERANCE_SECONDS = 0.05;
    /** The share of progress the vision pass reports, when the plan has one (it is the slower step). */
    private static final double VISION_SHARE = 0.8;

    private final Ffmpeg ffmpeg;
    /**
     * Its patterns, rules and lexicon are about a sixth of the service's start-up work: built on a thread of its own,
     * begun by {@link #prepare} (the server calls it once it listens, so that on a small machine the build does not
     * take the cores the start needs: {@code /healthz} needs no interpreter) or else by the first plan, which waits
     * for it.
     */
    private final InterpreterBuild interpreter;
    /** Whether a plan that leaves the picture alone copies the video stream (see {@link VideoCopy}). */
    private final boolean streamCopy;

    public LocalEngine(Ffmpeg ffmpeg) {
        this(ffmpeg, true, new InterpreterBuild());
    }

    private LocalEngine(Ffmpeg ffmpeg, boolean streamCopy, InterpreterBuild interpreter) {
        this.ffmpeg = ffmpeg;
        this.streamCopy = streamCopy;
        this.interpreter = interpreter;
    }

    /** Begins building the prompt interpreter on its own thread, unless begun; the first plan begins it too and waits for it. */
    public void prepare() {
        interpreter.begin();
    }

    /** The prompt interpreter, built once on its own thread and shared by this engine and its {@link #withoutStreamCopy} copy. */
    private static final class InterpreterBuild {
        private final CompletableFuture<PromptInterpreter> built = new CompletableFuture<>();
        private final AtomicBoolean begun = new AtomicBoolean();

        void begin() {
            if (begun.compareAndSet(false, true)) {
                Thread.ofVirtual().name("vedit-interpreter").start(() -> {
                    try {
                        built.complete(new PromptInterpreter());
                    } catch (Throwable e) {
                        built.completeExceptionally(e);
                    }
                });
            }
        }

        PromptInterpreter get() {
            begin();
            return built.join();
        }
    }

    /**
     * This engine as it was before stream copy: every plan encodes the video again. The baseline a benchmark sets
     * the copying engine against; not for serving.
     */
    public LocalEngine withoutStreamCopy() {
        return new LocalEngine(ffmpeg, false, interpreter);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EditPlan plan(ValidatedRequest request) {
        List<EditOperation> options = ModelOptions.operations(request);
        PromptInterpreter.Reading reading = interpreter.get().read(request.prompt(), request.imageUrls().size());
        List<EditOperation> ops = new ArrayList<>(reading.operations());
        ops.addAll(options);
        double speed = ops.stream().filter(Operation.SPEED::is)
                .mapToDouble(o -> ((Number) o.params().get("factor")).doubleValue()).reduce(1, (a, b) -> a * b);
        if (speed < PromptInterpreter.MIN_SPEED || speed > PromptInterpreter.MAX_SPEED) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS,
                    "the speed changes combine to " + speed + "x, outside " + Rule.written(PromptInterpreter.MIN_SPEED) + "x to "
                            + Rule.written(PromptInterpreter.MAX_SPEED) + "x",
                    "多个速度调整合计为 " + speed + " 倍，超出 " + Rule.written(PromptInterpreter.MIN_SPEED) + " 到 "
                            + Rule.written(PromptInterpreter.MAX_SPEED) + " 倍的范围");
        }
        return new EditPlan(NAME, ops, reading.ignored());
    }

    @Override
    public List<EngineOutput> run(EditPlan plan, EngineInputs inputs, RunContext context) throws EngineFailure {
        if (inputs.video() == null) {
            throw new EngineFailure(ErrorCode.EDIT_NOT_SUPPORTED, ErrorCode.EDIT_NOT_SUPPORTED.message(
                    "the local engine needs a source video", "本地引擎需要源视频"), false);
        }
        MediaInfo info = inputs.videoInfo() != null ? inputs.videoInfo() : probe(inputs.video());
        if (!info.hasVideo()) {
            throw new EngineFailure(ErrorCode.MEDIA_INVALID, ErrorCode.MEDIA_INVALID.message(
                    "the source has no video stream", "源文件不包含视频流"), false);
        }
        checkRequiredLength(plan, info);
        Path output = context.workDir().resolve("output.mp4");
        Path source = inputs.video();
        EditPlan render = plan;
        DoubleConsumer renderProgress = context::progress;
        Duration renderLimit = context.timeLimit();
        if (VisionPass.appliesTo(plan)) {
            // OpenCV edits first, into an intermediate carrying the original audio; the render then runs on it.
            source = context.workDir().resolve("vision.mkv");
            double visionSeconds = new VisionPass(ffmpeg).run(visionPlan(plan, info), inputs.video(), info, inputs.images(),
                    source, context, p -> context.progress(p * VISION_SHARE)).wallSeconds();
            renderProgress = p -> context.progress(VISION_SHARE + p * (1 - VISION_SHARE));
            renderLimit = renderLimit.minusMillis((long) (visionSeconds * 1000));
        }
        if (ChunkedReverse.needed(plan, info, ChunkedReverse.MAX_BUFFER_BYTES)) {
            ChunkedReverse.Prepared prepared = ChunkedReverse.prepare(ffmpeg, plan, source, info, context,
                    ChunkedReverse.MAX_BUFFER_BYTES);
            source = prepared.source();
            render = prepared.plan();
            info = probe(source);
            DoubleConsumer afterReverse = renderProgress;
            renderProgress = p -> afterReverse.accept(0.5 + 0.5 * p);
        }
        boolean text = render.operations().stream().anyMatch(op -> Operation.TEXT.is(op) || op.params().containsKey("text"));
        // Only a plan run on the source itself: a vision pass or a chunked reverse changed the picture already.
        VideoCopy copy = streamCopy && source.equals(inputs.video()) ? VideoCopy.of(ffmpeg, render, source, info).orElse(null) : null;
        RenderCommand command = RenderCommand.of(render, source, info, inputs.images(), text ? Fonts.cjk() : null, output,
                Encoder.of(render), copy);
        // Bounded by the accepted input: no more output than its probed length allows, whatever its samples hold.
        FfmpegJob job = new FfmpegJob(ffmpeg, command.args()).boundedTo(command.expectedSeconds());
        context.onCancel(job::cancel);
        try {
            job.run(command.expectedSeconds(), renderProgress, renderLimit);
        } catch (FfmpegFailure f) {
            throw LocalFailures.of(f);
        }
        try {
            if (!Files.isRegularFile(output) || Files.size(output) == 0) {
                throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                        "ffmpeg finished without writing an output", "ffmpeg 结束但未生成输出文件"), false);
            }
        } catch (IOException e) {
            throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "cannot read the output: " + e.getMessage(), "无法读取输出文件"), true, NODE, e);
        }
        return List.of(new EngineOutput(output, "mp4", NODE));
    }

    /**
     * Whether {@link #run} performs this plan as one ffmpeg run on the source, with no OpenCV pass and no chunked
     * reverse before it; only then is one bare encode ({@link #transcodeArguments}) a like-for-like floor (benchmarks).
     */
    public boolean rendersInOneRun(EditPlan plan, MediaInfo info) throws EngineFailure {
        return !VisionPass.appliesTo(plan) && !ChunkedReverse.needed(plan, info, ChunkedReverse.MAX_BUFFER_BYTES);
    }

    /** Whether {@link #run} would copy {@code video}'s video stream for {@code plan} rather than encode it (benchmarks). */
    public boolean copiesVideo(EditPlan plan, Path video, MediaInfo info) throws EngineFailure {
        return streamCopy && VideoCopy.of(ffmpeg, plan, video, info).isPresent();
    }

    /** The video encoder settings {@link #run} uses for {@code plan} when it encodes, e.g. {@code libx264 veryfast crf 23 yuv420p}. */
    public String encoderSettings(EditPlan plan) {
        return Encoder.of(plan).toString();
    }

    /**
     * The floor a render that encodes is measured against (benchmarks): a bare decode and encode of {@code video} with
     * the encoder settings {@link #run} would use for {@code plan}, no filters, the first video and audio streams.
     */
    public List<String> transcodeArguments(EditPlan plan, Path video, Path output) {
        List<String> args = new ArrayList<>(FfmpegJob.input(video));
        args.addAll(List.of("-map", "0:v:0", "-map", "0:a:0?"));
        args.addAll(Encoder.of(plan).videoArguments());
        args.addAll(Encoder.AUDIO);
        args.addAll(List.of("-movflags", "+faststart", "-map_metadata", "-1", "-f", "mp4", FfmpegJob.output(output)));
        return args;
    }

    /**
     * The plan the vision pass runs. It honours a trim only as a length from the start, so it gets one trim that
     * keeps everything up to the end of the kept window; the render then cuts the window out of the intermediate,
     * which starts where the source does.
     */
    private static EditPlan visionPlan(EditPlan plan, MediaInfo info) throws EngineFailure {
        double end = Window.of(plan.operations(), info).end();
        List<EditOperation> ops = new ArrayList<>(plan.operations().stream()
                .filter(o -> Operation.of(o).phase() != Phase.SELECT).toList());
        ops.add(Operation.TRIM.with(Map.of("start", 0.0, "duration", end), "the kept window"));
        return new EditPlan(plan.engine(), ops, plan.ignored());
    }

    private MediaInfo probe(Path video) throws EngineFailure {
        try {
            return ffmpeg.probe(video, PROBE_TIMEOUT);
        } catch (VeditException e) {
            throw new EngineFailure(e.code(), e.getMessage(), false, NODE, e);
        }
    }

    private static void checkRequiredLength(EditPlan plan, MediaInfo info) throws EngineFailure {
        for (EditOperation op : plan.operations()) {
            if (Operation.TRIM.is(op) && Boolean.TRUE.equals(op.params().get(ModelOptions.MUST_FIT))) {
                double wanted = ((Number) op.params().get("duration")).doubleValue();
                if (info.durationSeconds() + LENGTH_TOLERANCE_SECONDS < wanted) {
                    String have = String.format(java.util.Locale.ROOT, "%.2f", info.durationSeconds());
                    throw new EngineFailure(ErrorCode.MEDIA_LIMIT, ErrorCode.MEDIA_LIMIT.message(
                            "the requested duration is " + (int) wanted + " s but the source video is only " + have + " s",
                            "请求时长为 " + (int) wanted + " 秒，但源视频只有 " + have + " 秒"), false);
                }
            }
        }
    }
}
