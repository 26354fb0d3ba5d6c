package dev.vedit.server.engine.local;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.server.engine.local.operation.Phase;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one ffmpeg command that performs a whole plan: a single filtergraph, a single encode, audio kept in
 * step with the video through every time edit. The plan is rendered phase by phase ({@link Phase}); within a phase,
 * in plan order. {@link #render} names a renderer for every {@link Operation}, without a default, so a new
 * operation without one does not compile.
 *
 * @param args            the ffmpeg arguments
 * @param expectedSeconds how long the output will be, for progress
 */
record RenderCommand(List<String> args, double expectedSeconds) {
    /** Largest output side; bigger plans (upscale, pad) fail before running. */
    static final int MAX_SIDE = FrameRules.MAX_SIDE;
    /** The phases this command renders as filters, in order; the others are done at the input, output or before. */
    private static final List<Phase> FILTER_PHASES = List.of(Phase.FRAME, Phase.SPEED, Phase.TIMELINE, Phase.CARDS, Phase.FINISH);

    /**
     * @param video  the source (after any pre-pass), input 0
     * @param images reference images in order: Figure 1 is index 0
     * @param font   a CJK-capable font for text
     */
    static RenderCommand of(EditPlan plan, Path video, MediaInfo info, List<Path> images, Path font, Path output) throws EngineFailure {
        return of(plan, video, info, images, font, output, Encoder.of(plan), null);
    }

    /**
     * As {@link #of(EditPlan, Path, MediaInfo, List, Path, Path)}, with the video encoded by {@code encoder}, or copied
     * as {@code copy} says when that is not null (a plan that leaves the picture alone, see {@link VideoCopy}).
     */
    static RenderCommand of(EditPlan plan, Path video, MediaInfo info, List<Path> images, Path font, Path output, Encoder encoder,
                            VideoCopy copy) throws EngineFailure {
        List<EditOperation> ops = plan.operations();
        Window window = Window.of(ops, info);
        boolean withAudio = info.hasAudio() && ops.stream().noneMatch(Operation.MUTE::is);
        boolean soundCopied = withAudio && copy != null && copy.copiesSound(ops, info);
        RenderGraph g = new RenderGraph(info, images, withAudio && !soundCopied, copy == null ? window.seconds() : copy.seconds());
        List<String> args = new ArrayList<>(copy == null ? input(window, info) : copy.input());
        args.addAll(FfmpegJob.input(video));
        if (g.hasAudio()) {
            g.audio(g.audioFormat()); // one sample format for every later concat and mix
            if (copy != null && copy.frames() >= 0) {
                g.audio("atrim=duration=" + decimal(copy.seconds())); // the video stops by packet count, the sound here
            }
        }
        Phases phases = new Phases(g, font, output, window);
        for (Phase phase : FILTER_PHASES) {
            for (EditOperation op : ops) {
                Operation operation = Operation.of(op);
                if (operation.phase() == phase && operation != Operation.CUT) {
                    phases.render(operation, op);
                }
            }
            if (phase == Phase.FRAME) {
                // cuts last: the parts and times the other edits name are the source's, before anything is cut out
                phases.timeline.cut(ops.stream().filter(Operation.CUT::is)
                        .map(op -> new double[] {number(op, "start"), number(op, "end")}).toList());
            }
            if (phase == Phase.SPEED) {
                phases.timeline.speedParts(phases.speedParts);
                phases.timeline.speed(phases.speed);
            }
        }
        if (copy != null && g.videoTouched()) {
            throw new IllegalStateException("a plan that changes the picture cannot copy the video: " + ops);
        }
        String v = null;
        if (copy == null) {
            g.video("scale=trunc(iw/2)*2:trunc(ih/2)*2");
            g.video("setsar=1");
            g.video("format=yuv420p");
            v = g.flushVideo();
        }
        String a = g.hasAudio() ? g.flushAudio() : null;
        if (g.width > MAX_SIDE || g.height > MAX_SIDE) {
            throw limit("the edited video would be " + g.width + "x" + g.height + "; the largest output side is " + MAX_SIDE,
                    "编辑后的视频将为 " + g.width + "x" + g.height + "，输出每边最大为 " + MAX_SIDE);
        }
        args.addAll(g.inputs);
        if (!g.lines.isEmpty()) {
            args.addAll(List.of("-filter_complex", String.join(";", g.lines)));
        }
        args.addAll(List.of("-map", copy == null ? "[" + v + "]" : "0:v:0"));
        if (a != null) {
            args.addAll(List.of("-map", "[" + a + "]"));
            args.addAll(Encoder.AUDIO);
        } else if (soundCopied) {
            args.addAll(List.of("-map", "0:a:0", "-c:a", "copy"));
        } else {
            args.add("-an");
        }
        args.addAll(copy == null ? encoder.videoArguments(g.seconds, a != null || soundCopied) : copy.videoArguments());
        args.addAll(List.of("-movflags", "+faststart", "-map_metadata", "-1", "-f", "mp4", FfmpegJob.output(output)));
        return new RenderCommand(List.copyOf(args), g.seconds);
    }

    /** The input options that read only the window: a seek before the input, and a length when not to the end. */
    static List<String> input(Window window, MediaInfo info) {
        List<String> args = new ArrayList<>();
        if (window.start() > 0) {
            args.addAll(List.of("-ss", decimal(window.start())));
        }
        if (window.end() < info.durationSeconds() || window.start() > 0) {
            args.addAll(List.of("-t", decimal(window.seconds())));
        }
        return args;
    }

    /** The renderers of one render, and the one place that says which performs each operation. */
    private static final class Phases {
        final FrameFilters filters;
        final Geometry geometry;
        final Overlays overlays;
        final Timeline timeline;
        final RenderGraph g;
        /** The part of the source kept: a part an edit names is in source seconds, the filters count from its start. */
        final Window window;
        double speed = 1;
        /** Speed changes of a part, applied before the whole plan's {@link #speed}. */
        final List<Timeline.SpeedPart> speedParts = new ArrayList<>();

        Phases(RenderGraph g, Path font, Path output, Window window) {
            this.g = g;
            this.window = window;
            this.filters = new FrameFilters(g);
            this.geometry = new Geometry(g);
            this.overlays = new Overlays(g, font, output);
            this.timeline = new Timeline(g);
        }

        void render(Operation operation, EditOperation op) throws EngineFailure {
            boolean atEnd = operation.forAPart() && "end".equals(op.params().get("at"));
            String half = operation.forAPart() && op.params().get("half") instanceof String h ? h : null;
            if (!op.params().containsKey("from") && !atEnd && half == null) {
                renderWhole(operation, op);
                return;
            }
            if (!operation.forAPart()) {
                throw new IllegalStateException(op.op() + " cannot apply to part of the video, yet its plan names one: " + op);
            }
            double from;
            double to;
            if (atEnd) { // the last seconds of what is kept: known only now
                to = window.seconds();
                from = Math.max(0, to - number(op, "duration"));
            } else if (half != null) { // a half of what is kept, as well
                from = half.equals("first") ? 0 : window.seconds() / 2;
                to = half.equals("first") ? window.seconds() / 2 : window.seconds();
            } else {
                boolean toTheEnd = !op.params().containsKey("to"); // "from 10s to the end"
                from = number(op, "from") - window.start();
                to = toTheEnd ? window.seconds() : number(op, "to") - window.start();
                if (to <= 0 || from >= window.seconds()) {
                    String said = toTheEnd ? "the end" : decimal(number(op, "to")) + " s";
                    throw limit(String.format(Locale.ROOT, "the part %s s to %s of \"%s\" lies outside the %.2f s kept of the video",
                                    decimal(number(op, "from")), said, op.op(), window.seconds()),
                            String.format(Locale.ROOT, "“%s”的时段 %s 秒到%s不在保留的 %.2f 秒视频之内",
                                    op.op(), decimal(number(op, "from")), toTheEnd ? "结尾" : " " + decimal(number(op, "to")) + " 秒", window.seconds()));
                }
                from = Math.max(0, from);
                to = Math.min(to, window.seconds());
            }
            switch (operation) {
                // the speed phase comes after the frame phase's cuts: the part is where they left it
                case SPEED -> speedParts.add(new Timeline.SpeedPart(timeline.afterCuts(from), timeline.afterCuts(to), number(op, "factor")));
                case ZOOM, PIXELATE, SKETCH, HFLIP, VFLIP, WATERMARK, PICTURE_IN_PICTURE, CHROMA_KEY -> {
                    double start = from;
                    double end = to;
                    g.laidOver(start, end, () -> renderWhole(operation, op));
                }
                default -> {
                    g.onlyBetween(from, to);
                    try {
                        renderWhole(operation, op);
                    } finally {
                        g.always();
                    }
                }
            }
        }

        private void renderWhole(Operation operation, EditOperation op) throws EngineFailure {
            switch (operation) {
                case GRAYSCALE -> filters.grayscale();
                case SEPIA -> filters.sepia();
                case VINTAGE -> filters.vintage();
                case GRAIN -> filters.grain(op);
                case INVERT -> filters.invert();
                case BRIGHTNESS -> filters.brightness(op);
                case CONTRAST -> filters.contrast(op);
                case SATURATION -> filters.saturation(op);
                case HUE -> filters.hue(op);
                case TEMPERATURE -> filters.temperature(op);
                case SKETCH -> filters.sketch();
                case CARTOON -> filters.cartoon();
                case POSTERIZE -> filters.posterize(op);
                case PIXELATE -> filters.pixelate();
                case VIGNETTE -> filters.vignette(op);
                case BLUR -> filters.blur(op);
                case SHARPEN -> filters.sharpen(op);
                case DENOISE -> filters.denoise();
                case STABILIZE -> filters.stabilize();
                case HFLIP -> geometry.hflip();
                case VFLIP -> geometry.vflip();
                case ROTATE -> geometry.rotate(op);
                case ASPECT, FRAME -> geometry.aspect(op);
                case SCALE -> geometry.scale(op);
                case UPSCALE -> geometry.upscale(op);
                case ZOOM -> geometry.zoom(op);
                case CUT -> throw new IllegalStateException("cuts are rendered together, after the frame phase");
                case WATERMARK, PICTURE_IN_PICTURE -> overlays.overlay(op);
                case CHROMA_KEY -> overlays.chromaKey(op);
                case TEXT -> overlays.text(op);
                case VOLUME -> g.audio("volume=" + decimal(number(op, "factor")));
                case DENOISE_AUDIO -> g.audio("afftdn=nf=-25");
                // loudnorm resamples to 192 kHz internally; back to the rate every later step expects
                case NORMALIZE_AUDIO -> g.audio("loudnorm=I=-16:TP=-1.5:LRA=11", "aresample=44100", g.audioFormat());
                case SPEED -> speed *= number(op, "factor"); // applied once, after the phase
                case REVERSE -> timeline.reverse();
                case LOOP -> timeline.loop((int) number(op, "times"));
                case FREEZE -> timeline.freeze(number(op, "at"), number(op, "duration"));
                case FREEZE_END -> timeline.freezeEnd(number(op, "duration"));
                case INTRO, OUTRO -> overlays.card(op);
                case FADE_IN -> timeline.fadeIn(number(op, "duration"));
                case FADE_OUT -> timeline.fadeOut(number(op, "duration"));
                case FADE_BOTH -> {
                    timeline.fadeIn(number(op, "duration"));
                    timeline.fadeOut(number(op, "duration"));
                }
                case FPS -> timeline.fps(number(op, "fps"));
                case TRIM, TRIM_LAST, DROP_LAST -> {
                    // the select phase: done at the input (Window)
                }
                case MUTE, KEEP_AUDIO, ENCODE -> {
                    // the output phase: which streams are mapped and the encoder's settings (Encoder)
                }
                case REPLACE_BACKGROUND, BLUR_FACES -> {
                    // the vision phase: done by the OpenCV pass, whose output is this render's input
                }
            }
        }
    }

    static double number(EditOperation op, String name) {
        return ((Number) op.params().get(name)).doubleValue();
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static EngineFailure limit(String english, String chinese) {
        return new EngineFailure(ErrorCode.MEDIA_LIMIT, ErrorCode.MEDIA_LIMIT.message(english, chinese), false);
    }
}
