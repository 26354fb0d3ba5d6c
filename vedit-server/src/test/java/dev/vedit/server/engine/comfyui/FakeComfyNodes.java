package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.facts.MediaInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the fake's nodes do. Values flow between nodes as small Java records (a file and the FFmpeg filters still to
 * apply to it, a latent's size); the generative nodes are simulated so that SaveVideo writes a real MP4, made by
 * FFmpeg from the uploaded source video, at the size and frame count the workflow asked for.
 */
final class FakeComfyNodes {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Duration FFMPEG_LIMIT = Duration.ofSeconds(120);

    private FakeComfyNodes() {
    }

    /** A node failed the way a Python exception fails a ComfyUI node: its type and message go to execution_error. */
    static final class NodeFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final String exceptionType;

        NodeFailure(String exceptionType, String message) {
            super(message);
            this.exceptionType = exceptionType;
        }
    }

    /** A loaded model, CLIP or VAE: only its file name matters to the simulation. */
    record ModelRef(String kind, String file) {
    }

    record Conditioning(String text) {
    }

    /**
     * Images (one still or a video's frames): how FFmpeg opens the source, the filters still to apply, and what is
     * known of the result. {@code frameLimit} 0 means all frames.
     */
    record Frames(List<String> inputArgs, boolean video, double fps, List<String> filters, Path overlay, int frameLimit,
                  int width, int height) {
        Frames with(String filter, int newWidth, int newHeight) {
            List<String> f = new ArrayList<>(filters);
            f.add(filter);
            return new Frames(inputArgs, video, fps, f, overlay, frameLimit, newWidth, newHeight);
        }
    }

    record Audio(Path source) {
    }

    record Video(Frames frames, Audio audio, double fps) {
    }

    /** A latent video: the size and length WanVaceToVideo was asked for, and what it was conditioned on. */
    record Latent(int width, int height, int length, Frames control, Path reference, int extraFrames) {
    }

    /** What a node needs from its surroundings while it runs. */
    interface Env {
        Path inputDir();

        Path outputDir();

        Ffmpeg ffmpeg();

        /** Sleeps one sampler step, reporting progress; interruptible by a restart. */
        void step(int value, int max) throws InterruptedException;
    }

    /** The node's results (by output index) and, for output nodes, its {@code output} object. */
    record Result(List<Object> values, ObjectNode ui) {
    }

    static Result run(String classType, JsonNode rawInputs, java.util.Map<String, Object> linked, Env env) throws Exception {
        Inputs in = new Inputs(rawInputs, linked);
        return switch (classType) {
            case "UNETLoader" -> values(new ModelRef("MODEL", in.str("unet_name")));
            case "CLIPLoader" -> values(new ModelRef("CLIP", in.str("clip_name")));
            case "VAELoader" -> values(new ModelRef("VAE", in.str("vae_name")));
            case "CLIPTextEncode" -> values(new Conditioning(in.str("text")));
            case "ModelSamplingSD3" -> values(in.get("model"));
            case "LoadImage" -> loadImage(env, in.str("image"));
            case "LoadVideo" -> loadVideo(env, in.str("file"));
            case "GetVideoComponents" -> {
                Video v = (Video) in.get("video");
                yield values(v.frames(), v.audio(), v.fps());
            }
            case "ImageInvert" -> {
                Frames f = (Frames) in.get("image");
                yield values(f.with("negate", f.width(), f.height()));
            }
            case "ImageBlur" -> {
                Frames f = (Frames) in.get("image");
                double sigma = in.num("sigma");
                yield values(f.with(String.format(Locale.ROOT, "gblur=sigma=%.3f", sigma), f.width(), f.height()));
            }
            case "ImageScaleBy" -> {
                Frames f = (Frames) in.get("image");
                double s = in.num("scale_by");
                int w = Math.max(2, (int) Math.round(f.width() * s) / 2 * 2);
                int h = Math.max(2, (int) Math.round(f.height() * s) / 2 * 2);
                yield values(f.with("scale=" + w + ":" + h, w, h));
            }
            case "ImageStitch" -> imageStitch(env, in);
            case "WanVaceToVideo" -> wanVace(env, in);
            case "KSampler" -> {
                int steps = (int) in.num("steps");
                for (int i = 1; i <= steps; i++) {
                    env.step(i, steps);
                }
                yield values(in.get("latent_image"));
            }
            case "TrimVideoLatent" -> {
                Latent l = (Latent) in.get("samples");
                int trim = (int) in.num("trim_amount");
                // One latent frame is four video frames: trimming the reference's latent frame drops its four.
                yield values(new Latent(l.width(), l.height(), l.length(), l.control(), l.reference(),
                        Math.max(0, l.extraFrames() - 4 * trim)));
            }
            case "VAEDecode" -> values(decode((Latent) in.get("samples")));
            case "CreateVideo" -> {
                Frames f = (Frames) in.get("images");
                double fps = in.num("fps");
                yield values(new Video(f, (Audio) in.get("audio"), fps));
            }
            case "SaveVideo" -> saveVideo(env, (Video) in.get("video"), in.str("filename_prefix"));
            case "SaveImage" -> saveImage(env, (Frames) in.get("images"), in.str("filename_prefix"));
            case "SaveAudio" -> saveAudio(env, (Audio) in.get("audio"), in.str("filename_prefix"));
            case "PrimitiveString" -> values(in.str("value"));
            case "PreviewAny" -> {
                ObjectNode ui = JSON.objectNode();
                ui.putArray("text").add(in.str("source"));
                yield new Result(List.of(), ui);
            }
            default -> throw new NodeFailure("NotImplementedError", "the fake ComfyUI cannot run " + classType);
        };
    }

    private static Result values(Object... values) {
        List<Object> list = new ArrayList<>();
        for (Object v : values) {
            list.add(v);
        }
        return new Result(list, null);
    }

    /** A node's inputs: linked values first, then the literal widget values. */
    private record Inputs(JsonNode raw, java.util.Map<String, Object> linked) {
        Object get(String name) {
            JsonNode v = raw.get(name);
            if (v == null || v.isNull()) {
                return null;
            }
            if (FakeComfyCatalog.isLink(v)) {
                return linked.get(name);
            }
            return v.isNumber() ? (Object) v.doubleValue() : v.asText();
        }

        String str(String name) {
            Object v = get(name);
            return v == null ? "" : String.valueOf(v);
        }

        double num(String name) {
            Object v = get(name);
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            return Double.parseDouble(String.valueOf(v));
        }
    }

    private static Result loadImage(Env env, String name) throws NodeFailure {
        Path file = env.inputDir().resolve(name);
        MediaInfo info = probeOrNull(env, file);
        if (info == null || !info.hasVideo() || info.width() <= 0) {
            throw new NodeFailure("PIL.UnidentifiedImageError", "cannot identify image file '" + file.toAbsolutePath() + "'\n");
        }
        Frames f = new Frames(List.of("-i", "file:" + file.toAbsolutePath()), false, 0, List.of(), null, 1,
                info.width(), info.height());
        return values(f, "mask:" + name);
    }

    private static Result loadVideo(Env env, String name) throws NodeFailure {
        Path file = env.inputDir().resolve(name);
        MediaInfo info = probeOrNull(env, file);
        if (info == null || !info.hasVideo()) {
            throw new NodeFailure("av.error.InvalidDataError",
                    "[Errno 1094995529] Invalid data found when processing input: '" + file.toAbsolutePath() + "'");
        }
        double fps = info.frameRate() > 0 ? info.frameRate() : 24;
        Frames f = new Frames(List.of("-i", "file:" + file.toAbsolutePath()), true, fps, List.of(), null, 0,
                info.width(), info.height());
        return values(new Video(f, info.hasAudio() ? new Audio(file) : null, fps));
    }

    private static MediaInfo probeOrNull(Env env, Path file) {
        try {
            return env.ffmpeg().probe(file, Duration.ofSeconds(20));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Result wanVace(Env env, Inputs in) throws Exception {
        int width = (int) in.num("width");
        int height = (int) in.num("height");
        int length = (int) in.num("length");
        Frames control = (Frames) in.get("control_video");
        Frames reference = (Frames) in.get("reference_image");
        Path ref = reference == null ? null : still(env, reference);
        // Wan's VAE packs four frames into one latent frame plus the first: only 4n+1 frames come out.
        int frames = (length - 1) / 4 * 4 + 1;
        // A reference image is an extra latent frame in front, four video frames once decoded, unless trimmed.
        Latent latent = new Latent(width, height, frames, control, ref, ref == null ? 0 : 4);
        return values(in.get("positive"), in.get("negative"), latent, ref == null ? 0 : 1);
    }

    /** The "generated" video: the control video (or the reference, or a test pattern) recoloured at the asked size. */
    private static Frames decode(Latent l) {
        List<String> input;
        double fps;
        List<String> filters = new ArrayList<>();
        if (l.control() != null) {
            input = l.control().inputArgs();
            fps = l.control().video() ? l.control().fps() : 16;
            filters.addAll(l.control().filters());
            if (!l.control().video()) {
                input = prepend(List.of("-loop", "1", "-framerate", "16"), input);
            }
        } else if (l.reference() != null) {
            input = List.of("-loop", "1", "-framerate", "16", "-i", "file:" + l.reference().toAbsolutePath());
            fps = 16;
        } else {
            input = List.of("-f", "lavfi", "-i", "testsrc2=size=" + l.width() + "x" + l.height() + ":rate=16");
            fps = 16;
        }
        int total = l.length() + l.extraFrames();
        // Wan stretches the control video to the latent size (no crop); a short source repeats its last frame.
        filters.add("scale=" + l.width() + ":" + l.height() + ",setsar=1");
        filters.add("tpad=stop_mode=clone:stop=" + total);
        if (l.extraFrames() > 0) {
            filters.add("tpad=start_mode=clone:start=" + l.extraFrames());
        }
        // The visible "edit": colours negated, so a test can tell the output from the source.
        filters.add("negate");
        return new Frames(input, true, fps, filters, l.reference(), total, l.width(), l.height());
    }

    private static List<String> prepend(List<String> a, List<String> b) {
        List<String> r = new ArrayList<>(a);
        r.addAll(b);
        return r;
    }

    private static Result imageStitch(Env env, Inputs in) throws Exception {
        Frames a = (Frames) in.get("image1");
        Frames b = (Frames) in.get("image2");
        if (b == null) {
            return values(a);
        }
        if (a.video() || b.video()) {
            throw new NodeFailure("ValueError", "the fake ComfyUI stitches single images only, not video frames");
        }
        String direction = in.str("direction");
        boolean horizontal = "right".equals(direction) || "left".equals(direction);
        boolean match = !"false".equalsIgnoreCase(in.str("match_image_size"));
        int spacing = (int) in.num("spacing_width");
        String color = in.str("spacing_color");
        Path first = still(env, a);
        Path second = still(env, b);
        int bw = b.width();
        int bh = b.height();
        String scale = "null";
        if (match) {
            if (horizontal) {
                bw = Math.max(2, (int) Math.round((double) b.width() * a.height() / b.height()) / 2 * 2);
                bh = a.height();
            } else {
                bh = Math.max(2, (int) Math.round((double) b.height() * a.width() / b.width()) / 2 * 2);
                bw = a.width();
            }
            scale = "scale=" + bw + ":" + bh;
        }
        boolean secondFirst = "left".equals(direction) || "up".equals(direction);
        int w = horizontal ? a.width() + bw + spacing : Math.max(a.width(), bw);
        int h = horizontal ? Math.max(a.height(), bh) : a.height() + bh + spacing;
        String pad = horizontal ? "pad=iw+" + spacing + ":" + h + ":0:0:" + color : "pad=" + w + ":ih+" + spacing + ":0:0:" + color;
        String other = horizontal ? "pad=iw:" + h + ":0:0:black" : "pad=" + w + ":ih:0:0:black";
        String graph = "[0:v]format=rgb24," + pad + "[a];[1:v]format=rgb24," + scale + "," + other + "[b];"
                + (secondFirst ? "[b][a]" : "[a][b]") + (horizontal ? "hstack" : "vstack") + "=inputs=2[v]";
        Path out = Files.createTempFile(env.outputDir().getParent(), "stitch", ".png");
        ffmpeg(env, List.of("-i", "file:" + first.toAbsolutePath(), "-i", "file:" + second.toAbsolutePath(),
                "-filter_complex", graph, "-map", "[v]", "-frames:v", "1", "-update", "1", "file:" + out.toAbsolutePath()));
        return values(new Frames(List.of("-i", "file:" + out.toAbsolutePath()), false, 0, List.of(), null, 1, w, h));
    }

    /** A single image with its pending filters applied, as a PNG file. */
    private static Path still(Env env, Frames f) throws Exception {
        if (f.filters().isEmpty() && f.overlay() == null && !f.video()) {
            String arg = f.inputArgs().get(f.inputArgs().size() - 1);
            return Path.of(arg.substring("file:".length()));
        }
        Path out = Files.createTempFile(env.outputDir().getParent(), "still", ".png");
        List<String> args = new ArrayList<>(f.inputArgs());
        if (!f.filters().isEmpty()) {
            args.addAll(List.of("-vf", String.join(",", f.filters())));
        }
        args.addAll(List.of("-frames:v", "1", "-update", "1", "file:" + out.toAbsolutePath()));
        ffmpeg(env, args);
        return out;
    }

    /**
     * The FFmpeg inputs and filter graph that turn {@code f} into frames on the output label {@code [v]}: its pending
     * filters, then {@code tail}, then the reference overlay if any. {@code extraInput}, when given, is opened too
     * (inputs must precede the output options); returns its input index.
     */
    private static int graph(Frames f, List<String> tail, Path extraInput, List<String> args) {
        args.addAll(f.inputArgs());
        List<String> chain = new ArrayList<>(f.filters());
        chain.addAll(tail);
        String graph = "[0:v]" + (chain.isEmpty() ? "null" : String.join(",", chain)) + "[main]";
        int inputs = 1;
        if (f.overlay() != null) {
            args.addAll(List.of("-i", "file:" + f.overlay().toAbsolutePath()));
            // The reference image, a quarter of the width, in the top-right corner.
            int rw = Math.max(2, f.width() / 4 / 2 * 2);
            graph += ";[1:v]scale=" + rw + ":-2,format=yuva420p[ref];[main][ref]overlay=W-w-8:8[v]";
            inputs++;
        } else {
            graph += ";[main]null[v]";
        }
        if (extraInput != null) {
            args.addAll(List.of("-i", "file:" + extraInput.toAbsolutePath()));
        }
        args.addAll(List.of("-filter_complex", graph, "-map", "[v]"));
        if (f.frameLimit() > 0) {
            args.addAll(List.of("-frames:v", String.valueOf(f.frameLimit())));
        }
        return inputs;
    }

    private static Result saveVideo(Env env, Video video, String prefix) throws Exception {
        Target t = target(env, prefix, "mp4");
        Frames f = video.frames();
        List<String> args = new ArrayList<>();
        // CreateVideo does not resample: every frame is kept and shown at the given fps.
        String fps = fmt(video.fps());
        Path audio = video.audio() == null ? null : video.audio().source();
        int audioIndex = graph(f, List.of("setpts=N/(" + fps + "*TB)", "format=yuv420p"), audio, args);
        if (audio != null) {
            args.addAll(List.of("-map", audioIndex + ":a:0", "-c:a", "aac"));
            if (f.frameLimit() > 0) {
                args.addAll(List.of("-t", fmt(f.frameLimit() / video.fps())));
            }
        }
        args.addAll(List.of("-r", fps, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-movflags", "+faststart", "file:" + t.file().toAbsolutePath()));
        ffmpeg(env, args);
        ObjectNode ui = JSON.objectNode();
        ui.putArray("images").add(t.entry());
        ui.putArray("animated").add(true);
        return new Result(List.of(), ui);
    }

    /** SaveAudio: the audio as FLAC, listed under {@code audio} as ComfyUI does. */
    private static Result saveAudio(Env env, Audio audio, String prefix) throws Exception {
        if (audio == null) {
            throw new NodeFailure("ValueError", "the video has no audio track");
        }
        Target t = target(env, prefix, "flac");
        ffmpeg(env, List.of("-i", "file:" + audio.source().toAbsolutePath(), "-vn", "-map", "0:a:0", "-c:a", "flac",
                "file:" + t.file().toAbsolutePath()));
        ObjectNode ui = JSON.objectNode();
        ui.putArray("audio").add(t.entry());
        return new Result(List.of(), ui);
    }

    private static Result saveImage(Env env, Frames f, String prefix) throws Exception {
        Target first = target(env, prefix, "png");
        List<String> args = new ArrayList<>();
        graph(f, List.of(), null, args);
        ObjectNode ui = JSON.objectNode();
        ArrayNode images = ui.putArray("images");
        if (!f.video()) {
            args.addAll(List.of("-frames:v", "1", "-update", "1", "file:" + first.file().toAbsolutePath()));
            ffmpeg(env, args);
            images.add(first.entry());
        } else {
            // A batch of frames: one PNG each, numbered on from the first free counter, as ComfyUI does.
            String pattern = first.file().getFileName().toString().replace(String.format("_%05d_", first.counter()), "_%05d_");
            args.addAll(List.of("-start_number", String.valueOf(first.counter()),
                    "file:" + first.file().resolveSibling(pattern).toAbsolutePath()));
            ffmpeg(env, args);
            for (int c = first.counter(); ; c++) {
                String name = pattern.replace("%05d", String.format("%05d", c));
                if (!Files.exists(first.file().resolveSibling(name))) {
                    break;
                }
                images.add(JSON.objectNode().put("filename", name).put("subfolder", first.subfolder()).put("type", "output"));
            }
        }
        return new Result(List.of(), ui);
    }

    private record Target(Path file, String subfolder, int counter) {
        ObjectNode entry() {
            return JSON.objectNode().put("filename", file.getFileName().toString()).put("subfolder", subfolder)
                    .put("type", "output");
        }
    }

    /** ComfyUI's get_save_image_path: the prefix's folder, and one past the highest counter already used there. */
    private static Target target(Env env, String prefix, String extension) throws IOException, NodeFailure {
        String p = prefix.replace('\\', '/');
        int slash = p.lastIndexOf('/');
        String subfolder = slash < 0 ? "" : p.substring(0, slash);
        String base = slash < 0 ? p : p.substring(slash + 1);
        Path dir = env.outputDir().resolve(subfolder).normalize();
        if (!dir.startsWith(env.outputDir().normalize())) {
            throw new NodeFailure("Exception", "**** ERROR: Saving image outside the output folder is not allowed."
                    + "\n full_output_folder: " + dir + "\n         output_dir: " + env.outputDir()
                    + "\n         commonpath: " + env.outputDir().getParent());
        }
        Files.createDirectories(dir);
        Pattern counterPattern = Pattern.compile(Pattern.quote(base) + "_(\\d+)_.*");
        int max = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = counterPattern.matcher(file.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        int counter = max + 1;
        return new Target(dir.resolve(String.format("%s_%05d_.%s", base, counter, extension)), subfolder, counter);
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }

    private static void ffmpeg(Env env, List<String> args) throws Exception {
        List<String> full = new ArrayList<>(List.of("-nostdin", "-y", "-v", "error"));
        full.addAll(args);
        Path log = Files.createTempFile(env.outputDir().getParent(), "ffmpeg", ".log");
        Process p = env.ffmpeg().processBuilder(full).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile()).start();
        try {
            // waitFor, unlike reading the process's pipes, is interruptible: a restart stops the node at once.
            if (!p.waitFor(FFMPEG_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new NodeFailure("RuntimeError", "ffmpeg took longer than " + FFMPEG_LIMIT);
            }
            if (p.exitValue() != 0) {
                throw new NodeFailure("RuntimeError", "ffmpeg failed (" + p.exitValue() + "): "
                        + Files.readString(log, StandardCharsets.UTF_8).strip());
            }
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }
}
