package dev.vedit.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.RunContext;
import dev.vedit.server.engine.TestRun;
import dev.vedit.server.engine.local.LocalEngine;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.ValidatedRequest;
import dev.vedit.wire.VeditException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Each edit class through the local engine ({@code Engine.plan} then {@code Engine.run}, progress parsing and
 * all), alternately with its baseline, on a generated clip:
 * <ul>
 *   <li>a plan that leaves the picture alone (sound, mute, keyframe-aligned trims) copies the video stream; its
 *       baseline is the same plan through the same engine forced to encode the video, as every plan was before
 *       (goal: at least 10x faster, ratio at most 0.10);</li>
 *   <li>a plan that encodes is set against the floor: a bare decode and encode of the same clip with the same
 *       encoder settings and no filter, which no edit can beat (goal: within 1.05x, for the edits whose filters cost
 *       little; a blur or a stabiliser costs what it costs);</li>
 *   <li>a plan with an OpenCV pass or a chunked reverse before the render is timed alone.</li>
 * </ul>
 * {@code engine.passthrough} is an edit that changes nothing visible (a volume change) forced to encode: its time
 * against the floor is what the render's own arguments add, and its SSIM against the source what the encoder
 * settings lose. The real-time factor is wall time over the clip's length (below 1 is faster than real time).
 * Classes the engine refuses today are listed as such, so they show up as soon as the engine learns them.
 */
final class EngineBench implements Bench.Suite {
    private static final String KLING = "kling-video-o3-pro/video-edit";
    /** A keyframe every second, as phones and most encoders for sharing write them: trims on whole seconds can copy. */
    private static final int KEYFRAME_SECONDS = 1;

    /** An edit class: the model and prompt that ask for it. */
    record EditClass(String name, String model, String prompt) {
    }

    static final List<EditClass> CLASSES = List.of(
            new EditClass("colour", KLING, "make it black and white"),
            new EditClass("sepia", KLING, "give it a sepia tone"),
            new EditClass("invert", KLING, "invert the colours"),
            new EditClass("brightness", KLING, "make it brighter"),
            new EditClass("mirror", KLING, "mirror the video"),
            new EditClass("rotate", KLING, "rotate 90 degrees clockwise"),
            new EditClass("speed", KLING, "speed it up 2x"),
            new EditClass("slow", KLING, "slow it down to half speed"),
            new EditClass("trim", KLING, "keep only the first 5 seconds"),
            new EditClass("trim_between_keyframes", KLING, "cut off the first 1.5 seconds"),
            new EditClass("mute", KLING, "mute it"),
            new EditClass("keep_sound", KLING, "keep the original audio"),
            new EditClass("normalise", KLING, "normalize the audio"),
            new EditClass("scale", "rhart-video-g-official/edit-video", "make it darker"),
            new EditClass("blur", KLING, "blur the video"),
            new EditClass("reverse", KLING, "play it in reverse"),
            new EditClass("crop", KLING, "crop it to a square"),
            new EditClass("overlay", KLING, "put Figure 1 as a logo in the top right corner"),
            new EditClass("text", KLING, "add the caption \"hello\" at the bottom"),
            new EditClass("fade", KLING, "fade in from black"),
            new EditClass("audio", KLING, "make the sound louder"),
            new EditClass("denoise", KLING, "denoise it"),
            new EditClass("stabilise", KLING, "stabilise the shaky footage"),
            new EditClass("combined", KLING, "make it black and white, mirror it and speed it up 2x"));

    @Override
    public void run(Sizes sizes, Path workDir, Consumer<Figure> report) throws Exception {
        Ffmpeg ffmpeg = Media.ffmpeg(Bench.cacheDir(workDir));
        Path clip = Media.clip(ffmpeg, workDir.resolve("source.mp4"), sizes.engineHeight(), sizes.engineSeconds(), true, KEYFRAME_SECONDS);
        MediaInfo info = ffmpeg.probe(clip, Duration.ofSeconds(30));
        Path logo = workDir.resolve("figure1.png");
        new dev.vedit.server.ffmpeg.FfmpegJob(ffmpeg, List.of("-f", "lavfi", "-i", "testsrc2=size=128x128", "-frames:v", "1",
                dev.vedit.server.ffmpeg.FfmpegJob.output(logo))).run(0, p -> { }, Duration.ofMinutes(1));
        LocalEngine engine = new LocalEngine(ffmpeg);
        LocalEngine encoding = engine.withoutStreamCopy();
        String clipName = String.format(Locale.ROOT, "%.0fs %dp", sizes.engineSeconds(), sizes.engineHeight());
        double logRatioSum = 0;
        int measured = 0;
        for (EditClass c : CLASSES) {
            EditPlan plan;
            ValidatedRequest request;
            try {
                request = request(c);
                plan = engine.plan(request);
            } catch (VeditException e) {
                report.accept(Figure.unavailable("engine." + c.name() + ".rtf", "refused by the local engine: " + e.code().code()));
                continue;
            }
            List<Path> images = c.prompt().contains("Figure 1") ? List.of(logo) : List.of();
            EngineInputs inputs = new EngineInputs(request, clip, info, images);
            String name = "engine." + c.name() + ".rtf";
            if (engine.copiesVideo(plan, clip, info)) {
                Latencies copied = new Latencies();
                Latencies encoded = new Latencies();
                Latencies copiedCpu = new Latencies();
                Latencies encodedCpu = new Latencies();
                for (int i = 0; i < sizes.engineRepeats(); i++) {
                    copied.add(runEngine(engine, plan, inputs, workDir.resolve(c.name() + "-c" + i), copiedCpu));
                    encoded.add(runEngine(encoding, plan, inputs, workDir.resolve(c.name() + "-e" + i), encodedCpu));
                }
                report.accept(Figure.of(name, copied.percentileMillis(50) / 1000 / sizes.engineSeconds(), "x (" + clipName + ")")
                        .against(encoded.percentileMillis(50) / 1000 / sizes.engineSeconds(), "the same plan encoding the video"));
                if (ChildCpu.available()) {
                    report.accept(Figure.of("engine." + c.name() + ".cpu", copiedCpu.percentileMillis(50) / 1000, "s CPU (FFmpeg processes)")
                            .against(encodedCpu.percentileMillis(50) / 1000, "the same plan encoding the video"));
                }
                continue;
            }
            if (!engine.rendersInOneRun(plan, info)) {
                // An OpenCV pass or a chunked reverse before the render: no single encode to set it against.
                Latencies runs = new Latencies();
                for (int i = 0; i < sizes.engineRepeats(); i++) {
                    runs.add(runEngine(engine, plan, inputs, workDir.resolve(c.name() + "-v" + i), new Latencies()));
                }
                report.accept(Figure.of(name, runs.percentileMillis(50) / 1000 / sizes.engineSeconds(),
                        "x (" + clipName + ", several passes; no single-encode floor)"));
                continue;
            }
            double[] pair = againstFloor(engine, plan, inputs, clip, sizes.engineRepeats(), workDir.resolve(c.name()));
            report.accept(Figure.of(name, pair[0] / sizes.engineSeconds(), "x (" + clipName + ")")
                    .against(pair[1] / sizes.engineSeconds(), "floor: bare decode+encode, same encoder settings"));
            logRatioSum += Math.log(pair[0] / pair[1]);
            measured++;
        }
        if (measured > 0) {
            report.accept(Figure.of("engine.overhead.geomean", Math.exp(logRatioSum / measured), "x engine/floor over " + measured + " encoding classes"));
        }
        passthrough(engine, encoding, clip, info, sizes, workDir, clipName, report);
    }

    /**
     * An edit that changes nothing visible, forced to encode: its time against the floor (the render's own cost) and
     * its picture against the source (what the encoder settings lose).
     */
    private static void passthrough(LocalEngine engine, LocalEngine encoding, Path clip, MediaInfo info, Sizes sizes, Path workDir,
                                    String clipName, Consumer<Figure> report) throws Exception {
        ValidatedRequest request = request(new EditClass("passthrough", KLING, "make the sound louder"));
        EditPlan plan = engine.plan(request);
        EngineInputs inputs = new EngineInputs(request, clip, info, List.of());
        // More runs than a class gets: this ratio is read to a few per cent.
        double[] pair = againstFloor(encoding, plan, inputs, clip, sizes.passthroughRepeats(), workDir.resolve("passthrough"));
        report.accept(Figure.of("engine.passthrough.rtf", pair[0] / sizes.engineSeconds(), "x (" + clipName + ", "
                        + sizes.passthroughRepeats() + " runs a side)")
                .against(pair[1] / sizes.engineSeconds(), "floor: bare decode+encode, same encoder settings"));
        if (ChildCpu.available()) {
            report.accept(Figure.of("engine.passthrough.cpu", pair[2], "s CPU (FFmpeg processes, " + sizes.passthroughRepeats() + " runs a side)")
                    .against(pair[3], "floor: bare decode+encode, same encoder settings"));
        }
        Path dir = Files.createDirectories(workDir.resolve("passthrough-ssim"));
        Path out = encoding.run(plan, inputs, new TestRun(dir, Duration.ofMinutes(10))).getFirst().file();
        report.accept(Figure.of("engine.passthrough.ssim", ssim(Media.ffmpeg(Bench.cacheDir(workDir)), out, clip),
                "SSIM against the source (" + engine.encoderSettings(plan) + ")"));
    }

    /**
     * Median seconds of the engine and of the floor, run alternately {@code repeats} times each: wall time, then the
     * CPU time of their FFmpeg processes ({@link ChildCpu}; NaN without {@code /proc}).
     */
    private static double[] againstFloor(LocalEngine engine, EditPlan plan, EngineInputs inputs, Path clip, int repeats, Path dir)
            throws Exception {
        Ffmpeg ffmpeg = Media.ffmpeg(Bench.cacheDir(dir.getParent()));
        Latencies engineRuns = new Latencies();
        Latencies floorRuns = new Latencies();
        Latencies engineCpu = new Latencies();
        Latencies floorCpu = new Latencies();
        for (int i = 0; i < repeats; i++) {
            engineRuns.add(runEngine(engine, plan, inputs, dir.resolveSibling(dir.getFileName() + "-e" + i), engineCpu));
            Path floorOut = dir.resolveSibling(dir.getFileName() + "-f" + i + ".mp4");
            floorRuns.add(runPlain(ffmpeg, engine.transcodeArguments(plan, clip, floorOut), floorCpu));
            Files.deleteIfExists(floorOut);
        }
        return new double[] {engineRuns.percentileMillis(50) / 1000, floorRuns.percentileMillis(50) / 1000,
                engineCpu.percentileMillis(50) / 1000, floorCpu.percentileMillis(50) / 1000};
    }

    private static ValidatedRequest request(EditClass c) {
        ModelSpec model = ModelCatalog.standard().byPath(c.model()).orElseThrow();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("prompt", c.prompt())
                .put("videoUrl", "https://media.example.com/source.mp4");
        if (c.prompt().contains("Figure 1")) {
            body.putArray("imageUrls").add("https://media.example.com/logo.png"); // a list field: an array on the wire
        }
        return RequestValidator.validate(model, body);
    }

    /** FFmpeg's SSIM (all planes) of {@code edited} against {@code source}, frame by frame. */
    static double ssim(Ffmpeg ffmpeg, Path edited, Path source) throws Exception {
        Process p = ffmpeg.processBuilder(List.of("-nostdin", "-hide_banner", "-i", "file:" + edited.toAbsolutePath(),
                        "-i", "file:" + source.toAbsolutePath(), "-lavfi", "[0:v][1:v]ssim", "-f", "null", "-"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String errors = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("ffmpeg's ssim failed: " + errors);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("All:([0-9.]+)").matcher(errors);
        if (!m.find()) {
            throw new IllegalStateException("no SSIM in ffmpeg's output: " + errors);
        }
        return Double.parseDouble(m.group(1));
    }

    /** Wall nanoseconds of one engine run; its FFmpeg processes' CPU time goes to {@code cpu}. */
    private static long runEngine(LocalEngine engine, EditPlan plan, EngineInputs inputs, Path dir, Latencies cpu) throws Exception {
        Files.createDirectories(dir);
        RunContext context = new TestRun(dir, Duration.ofMinutes(10));
        double cpuBefore = ChildCpu.seconds();
        long t = System.nanoTime();
        try {
            engine.run(plan, inputs, context);
        } catch (EngineFailure f) {
            throw new IllegalStateException("the engine failed on " + plan + ": " + f.getMessage(), f);
        }
        long took = System.nanoTime() - t;
        cpu.add((long) ((ChildCpu.seconds() - cpuBefore) * 1e9));
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return took;
    }

    private static long runPlain(Ffmpeg ffmpeg, List<String> args, Latencies cpu) throws Exception {
        List<String> command = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-y", "-loglevel", "error"));
        command.addAll(args);
        double cpuBefore = ChildCpu.seconds();
        long t = System.nanoTime();
        Process p = ffmpeg.processBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String errors = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        long took = System.nanoTime() - t;
        cpu.add((long) ((ChildCpu.seconds() - cpuBefore) * 1e9));
        if (exit != 0) {
            throw new IllegalStateException("plain ffmpeg failed (" + exit + "): " + errors);
        }
        return took;
    }
}
