package dev.vedit.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.RunContext;
import dev.vedit.server.engine.local.LocalEngine;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.ffmpeg.MediaInfo;
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
 * all) against plain ffmpeg running the very same arguments, alternately, on a generated clip. The real-time
 * factor is wall time over the clip's length (below 1 is faster than real time); the ratio is the engine's
 * wall time over plain ffmpeg's. Classes the engine refuses today are listed as such, so they show up as
 * soon as the engine learns them.
 */
final class EngineBench implements Bench.Suite {
    private static final String KLING = "kling-video-o3-pro/video-edit";

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
            new EditClass("mute", KLING, "mute it"),
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
        Path clip = Media.clip(ffmpeg, workDir.resolve("source.mp4"), sizes.engineHeight(), sizes.engineSeconds(), true);
        MediaInfo info = ffmpeg.probe(clip, Duration.ofSeconds(30));
        Path logo = workDir.resolve("figure1.png");
        new dev.vedit.server.ffmpeg.FfmpegJob(ffmpeg, List.of("-f", "lavfi", "-i", "testsrc2=size=128x128", "-frames:v", "1",
                dev.vedit.server.ffmpeg.FfmpegJob.output(logo))).run(0, p -> { }, Duration.ofMinutes(1));
        LocalEngine engine = new LocalEngine(ffmpeg);
        String clipName = String.format(Locale.ROOT, "%.0fs %dp", sizes.engineSeconds(), sizes.engineHeight());
        double logRatioSum = 0;
        int measured = 0;
        for (EditClass c : CLASSES) {
            EditPlan plan;
            ValidatedRequest request;
            try {
                ModelSpec model = ModelCatalog.standard().byPath(c.model()).orElseThrow();
                ObjectNode body = JsonNodeFactory.instance.objectNode().put("prompt", c.prompt())
                        .put("videoUrl", "https://media.example.com/source.mp4");
                if (c.prompt().contains("Figure 1")) {
                    body.put("imageUrls", "https://media.example.com/logo.png");
                }
                request = RequestValidator.validate(model, body);
                plan = engine.plan(request);
            } catch (VeditException e) {
                report.accept(Figure.unavailable("engine." + c.name() + ".rtf", "refused by the local engine: " + e.code().code()));
                continue;
            }
            if (!engine.rendersInOneRun(plan, info)) {
                // An OpenCV pass or a chunked reverse before the render: plain ffmpeg has no single-run equivalent, so
                // the engine's time stands alone.
                Latencies runs = new Latencies();
                for (int i = 0; i < sizes.engineRepeats(); i++) {
                    runs.add(runEngine(engine, plan, new EngineInputs(request, clip, info,
                            c.prompt().contains("Figure 1") ? List.of(logo) : List.of()), workDir.resolve(c.name() + "-v" + i)));
                }
                report.accept(Figure.of("engine." + c.name() + ".rtf", runs.percentileMillis(50) / 1000 / sizes.engineSeconds(),
                        "x (" + clipName + ", several passes; no single plain-ffmpeg equivalent)"));
                continue;
            }
            List<Path> images = c.prompt().contains("Figure 1") ? List.of(logo) : List.of();
            Latencies engineRuns = new Latencies();
            Latencies plainRuns = new Latencies();
            for (int i = 0; i < sizes.engineRepeats(); i++) {
                engineRuns.add(runEngine(engine, plan, new EngineInputs(request, clip, info, images), workDir.resolve(c.name() + "-e" + i)));
                plainRuns.add(runPlain(ffmpeg, engine.renderArguments(plan, clip, info, images, workDir.resolve(c.name() + "-p" + i + ".mp4"))));
                Files.deleteIfExists(workDir.resolve(c.name() + "-p" + i + ".mp4"));
            }
            double engineSeconds = engineRuns.percentileMillis(50) / 1000;
            double plainSeconds = plainRuns.percentileMillis(50) / 1000;
            report.accept(Figure.of("engine." + c.name() + ".rtf", engineSeconds / sizes.engineSeconds(), "x (" + clipName + ")")
                    .against(plainSeconds / sizes.engineSeconds(), "plain ffmpeg, same filtergraph"));
            logRatioSum += Math.log(engineSeconds / plainSeconds);
            measured++;
        }
        if (measured > 0) {
            report.accept(Figure.of("engine.overhead.geomean", Math.exp(logRatioSum / measured), "x engine/plain over " + measured + " classes"));
        }
    }

    private static long runEngine(LocalEngine engine, EditPlan plan, EngineInputs inputs, Path dir) throws Exception {
        Files.createDirectories(dir);
        RunContext context = new RunContext() {
            @Override
            public Path workDir() {
                return dir;
            }

            @Override
            public void progress(double fraction) {
            }

            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void onCancel(Runnable action) {
            }

            @Override
            public Duration timeLimit() {
                return Duration.ofMinutes(10);
            }

            @Override
            public String taskId() {
                return "bench";
            }

            @Override
            public int attempt() {
                return 1;
            }

            @Override
            public boolean stopRemoteJob() {
                return false;
            }

            // The local engine keeps no remote job, so there is never a state to resume or save.
            @Override
            public java.util.Optional<String> engineState() {
                return java.util.Optional.empty();
            }

            @Override
            public void saveEngineState(String state) {
            }
        };
        long t = System.nanoTime();
        try {
            engine.run(plan, inputs, context);
        } catch (EngineFailure f) {
            throw new IllegalStateException("the engine failed on " + plan + ": " + f.getMessage(), f);
        }
        long took = System.nanoTime() - t;
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        return took;
    }

    private static long runPlain(Ffmpeg ffmpeg, List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("-nostdin", "-hide_banner", "-y", "-loglevel", "error"));
        command.addAll(args);
        long t = System.nanoTime();
        Process p = ffmpeg.processBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String errors = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int exit = p.waitFor();
        long took = System.nanoTime() - t;
        if (exit != 0) {
            throw new IllegalStateException("plain ffmpeg failed (" + exit + "): " + errors);
        }
        return took;
    }
}
