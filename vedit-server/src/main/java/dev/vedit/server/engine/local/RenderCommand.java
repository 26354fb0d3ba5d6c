package dev.vedit.server.engine.local;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one ffmpeg command that performs a whole plan: a single filtergraph, a single encode, audio kept in
 * step with the video through every time edit.
 *
 * @param args            the ffmpeg arguments
 * @param expectedSeconds how long the output will be, for progress
 */
record RenderCommand(List<String> args, double expectedSeconds) {
    static final String DEFAULT_PRESET = "veryfast";
    static final int DEFAULT_CRF = 23;
    /** Largest output side; bigger plans (upscale, pad) fail before running. */
    static final int MAX_SIDE = FrameRules.MAX_SIDE;
    /** A loop holds its whole segment in memory; beyond this many bytes of raw frames it is refused. */
    static final long MAX_LOOP_BYTES = 1L << 30;
    /**
     * A warm, faded film look. Not ffmpeg's "vintage" curves preset: it lifts red and blue, not green, in the shadows,
     * so grey footage (black and white first) came out purple-grey and dark footage magenta. These curves keep red over
     * green over blue at every level (warm, never magenta), lift the blacks a little and soften the highlights.
     */
    private static final String VINTAGE = "curves=r='0/0.06 0.5/0.54 1/0.96':g='0/0.04 0.5/0.5 1/0.93':b='0/0.02 0.5/0.42 1/0.82'";
    private static final String SEPIA = "colorchannelmixer=.393:.769:.189:0:.349:.686:.168:0:.272:.534:.131";
    /**
     * One sample format for every later concat and mix, in the source's own layout: forcing stereo on a mono source
     * made every render 3 dB quieter (a mono channel is spread over two at -3 dB each) and twice as large.
     */
    private static final String AUDIO_FORMAT = "aformat=sample_fmts=fltp:sample_rates=44100:channel_layouts=";

    /**
     * @param video  the source (after any pre-pass), input 0
     * @param images reference images in order: Figure 1 is index 0
     * @param font   a CJK-capable font for text
     */
    static RenderCommand of(EditPlan plan, Path video, MediaInfo info, List<Path> images, Path font, Path output) throws EngineFailure {
        return new Builder(plan.operations(), info, images, font, output).build(video);
    }

    /** atempo takes 0.5 to 2.0 per instance, so larger changes are chained. */
    static List<String> tempo(double speed) {
        List<String> filters = new ArrayList<>();
        double rest = speed;
        while (rest > 2.0) {
            filters.add("atempo=2.0");
            rest /= 2.0;
        }
        while (rest < 0.5) {
            filters.add("atempo=0.5");
            rest /= 0.5;
        }
        if (Math.abs(rest - 1.0) > 1e-9 || filters.isEmpty()) {
            filters.add(Math.abs(rest - 1.0) > 1e-9 ? "atempo=" + decimal(rest) : "anull");
        }
        return filters;
    }

    static double number(EditOperation op, String name) {
        return ((Number) op.params().get(name)).doubleValue();
    }

    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** The part of the source a plan keeps, [start, end) in source seconds, from trims in plan order. */
    static double[] window(List<EditOperation> ops, MediaInfo info) throws EngineFailure {
        double start = 0;
        double end = info.durationSeconds();
        for (EditOperation op : ops) {
            switch (op.op()) {
                case "trim" -> {
                    start += op.params().containsKey("start") ? number(op, "start") : 0;
                    if (op.params().containsKey("duration")) {
                        end = Math.min(end, start + number(op, "duration"));
                    }
                }
                case "trim_last" -> start = Math.max(start, end - number(op, "duration"));
                case "drop_last" -> end -= number(op, "duration");
                default -> {
                }
            }
        }
        if (end - start < 0.04) {
            throw limit(String.format(Locale.ROOT, "the trims keep nothing of a %.2f s source", info.durationSeconds()),
                    String.format(Locale.ROOT, "截取后没有剩余内容（源视频 %.2f 秒）", info.durationSeconds()));
        }
        return new double[] {start, end};
    }

    static EngineFailure limit(String english, String chinese) {
        return new EngineFailure(ErrorCode.MEDIA_LIMIT, ErrorCode.MEDIA_LIMIT.message(english, chinese), false);
    }

    /** Builds the graph while tracking the frame size and the output length as each operation applies. */
    private static final class Builder {
        private final List<EditOperation> ops;
        private final MediaInfo info;
        private final List<Path> images;
        private final Path font;
        private final Path output;
        private final List<String> inputs = new ArrayList<>();
        private final List<String> graph = new ArrayList<>();
        private final List<String> videoChain = new ArrayList<>();
        private final List<String> audioChain = new ArrayList<>();
        private final double fps;
        private String videoLabel = "0:v:0";
        private String audioLabel;
        private int labels;
        private int width;
        private int height;
        private double seconds;
        private int textFiles;

        Builder(List<EditOperation> ops, MediaInfo info, List<Path> images, Path font, Path output) {
            this.ops = ops;
            this.info = info;
            this.images = images;
            this.font = font;
            this.output = output;
            this.width = info.width();
            this.height = info.height();
            this.fps = info.frameRate() > 0 && info.frameRate() <= 120 ? info.frameRate() : 25;
            boolean withAudio = info.hasAudio() && ops.stream().noneMatch(o -> o.op().equals("mute"));
            this.audioLabel = withAudio ? "0:a:0" : null;
        }

        RenderCommand build(Path video) throws EngineFailure {
            double[] window = window();
            seconds = window[1] - window[0];
            List<String> args = new ArrayList<>();
            if (window[0] > 0) {
                args.addAll(List.of("-ss", decimal(window[0])));
            }
            if (window[1] < info.durationSeconds() || window[0] > 0) {
                args.addAll(List.of("-t", decimal(seconds)));
            }
            args.addAll(FfmpegJob.input(video));
            if (audioLabel != null) {
                audio(audioFormat()); // one sample format for every later concat and mix
            }
            for (EditOperation op : ops) {
                apply(op);
            }
            double speed = ops.stream().filter(o -> o.op().equals("speed")).mapToDouble(o -> number(o, "factor")).reduce(1, (a, b) -> a * b);
            if (speed != 1) {
                // back to the source rate: later loops, freezes and cards count frames at that rate
                video("setpts=PTS/" + decimal(speed), "fps=" + decimal(fps));
                tempo(speed).forEach(this::audio);
                seconds /= speed;
            }
            structural();
            video("scale=trunc(iw/2)*2:trunc(ih/2)*2");
            video("setsar=1");
            video("format=yuv420p");
            String v = flushVideo();
            String a = audioLabel == null ? null : flushAudio();
            if (width > MAX_SIDE || height > MAX_SIDE) {
                throw limit("the edited video would be " + width + "x" + height + "; the largest output side is " + MAX_SIDE,
                        "编辑后的视频将为 " + width + "x" + height + "，输出每边最大为 " + MAX_SIDE);
            }
            args.addAll(inputs);
            args.addAll(List.of("-filter_complex", String.join(";", graph), "-map", "[" + v + "]"));
            if (a != null) {
                args.addAll(List.of("-map", "[" + a + "]", "-c:a", "aac", "-b:a", "128k"));
            } else {
                args.add("-an");
            }
            EditOperation encode = ops.stream().filter(o -> o.op().equals("encode")).reduce((x, y) -> y).orElse(null);
            args.addAll(List.of("-c:v", "libx264",
                    "-preset", encode == null ? DEFAULT_PRESET : String.valueOf(encode.params().get("preset")),
                    "-crf", encode == null ? String.valueOf(DEFAULT_CRF) : String.valueOf(encode.params().get("crf")),
                    "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-map_metadata", "-1", "-f", "mp4",
                    FfmpegJob.output(output)));
            return new RenderCommand(List.copyOf(args), seconds);
        }

        private double[] window() throws EngineFailure {
            return RenderCommand.window(ops, info);
        }

        private void apply(EditOperation op) throws EngineFailure {
            switch (op.op()) {
                case "grayscale" -> video("format=gray", "format=yuv420p");
                case "sepia" -> video(SEPIA);
                case "vintage" -> video(VINTAGE, "noise=alls=10:allf=t", "vignette=angle=PI/5");
                case "grain" -> video("noise=alls=" + Math.round(12 * number(op, "strength")) + ":allf=t");
                case "invert" -> video("negate");
                case "brightness" -> video("eq=brightness=" + decimal(number(op, "amount")));
                case "contrast" -> video("eq=contrast=" + decimal(number(op, "factor")));
                case "saturation" -> video("eq=saturation=" + decimal(number(op, "factor")));
                case "hue" -> video("hue=h=" + decimal(number(op, "degrees")));
                case "temperature" -> video("colortemperature=temperature=" + Math.round("warm".equals(op.params().get("tone"))
                        ? 6500 - 2000 * number(op, "strength") : 6500 + 2500 * number(op, "strength")));
                case "sketch" -> video("format=gray", "edgedetect=low=0.08:high=0.2", "negate", "format=yuv420p");
                case "cartoon" -> video("smartblur=lr=3:ls=0.8", "edgedetect=mode=colormix:low=0.1:high=0.3", posterize(6));
                case "posterize" -> video(posterize((int) number(op, "levels")));
                case "pixelate" -> pixelate();
                case "vignette" -> video("vignette=angle=" + decimal(Math.min(Math.PI / 2, Math.PI / 5 * number(op, "strength"))));
                case "blur" -> video("gblur=sigma=" + decimal(4 * number(op, "strength")));
                case "sharpen" -> video("unsharp=5:5:" + decimal(1.2 * number(op, "strength")));
                case "denoise" -> video("hqdn3d=6:5:9:7");
                case "stabilize" -> video("deshake");
                case "hflip" -> video("hflip");
                case "vflip" -> video("vflip");
                case "rotate" -> rotate((int) number(op, "degrees"));
                case "aspect", "frame" -> aspect(op);
                case "scale" -> scale(op);
                case "upscale" -> upscale(op);
                case "zoom" -> {
                    double f = number(op, "factor");
                    video("crop=" + even(width / f) + ":" + even(height / f), "scale=" + width + ":" + height + ":flags=lanczos");
                }
                case "cut" -> cut(number(op, "start"), number(op, "end"));
                case "volume" -> audio("volume=" + decimal(number(op, "factor")));
                case "denoise_audio" -> audio("afftdn=nf=-25");
                // loudnorm resamples to 192 kHz internally; back to the rate every later step expects
                case "normalize_audio" -> audio("loudnorm=I=-16:TP=-1.5:LRA=11", "aresample=44100", audioFormat());
                case "watermark" -> overlay(op, 0.2);
                case "picture_in_picture" -> overlay(op, 0.3);
                case "chroma_key" -> chromaKey(op);
                case "text" -> text(op);
                case "trim", "trim_last", "drop_last", "speed", "mute", "keep_audio", "encode", "reverse", "loop", "freeze",
                     "freeze_end", "intro", "outro", "fade_in", "fade_out", "fade_both", "fps" -> {
                    // time selection is done at the input; the rest are applied after speed, in structural()
                }
                case "replace_background", "blur_faces" -> {
                    // done by the vision pass, whose output is this render's input
                }
                default -> throw new IllegalStateException("no renderer for operation " + op.op()
                        + " (the planner must refuse it first)");
            }
        }

        /** Edits of the timeline itself, after per-frame edits and speed: their times are output times. */
        private void structural() throws EngineFailure {
            for (EditOperation op : ops) {
                switch (op.op()) {
                    case "reverse" -> {
                        video("reverse");
                        audio("areverse");
                    }
                    case "loop" -> loop((int) number(op, "times"));
                    case "freeze" -> freeze(number(op, "at"), number(op, "duration"));
                    case "freeze_end" -> {
                        video("tpad=stop_mode=clone:stop_duration=" + decimal(number(op, "duration")));
                        audio("apad=pad_dur=" + decimal(number(op, "duration")));
                        seconds += number(op, "duration");
                    }
                    default -> {
                    }
                }
            }
            for (EditOperation op : ops) {
                if (op.op().equals("intro") || op.op().equals("outro")) {
                    card(op);
                }
            }
            for (EditOperation op : ops) {
                switch (op.op()) {
                    case "fade_in" -> fadeIn(number(op, "duration"));
                    case "fade_out" -> fadeOut(number(op, "duration"));
                    case "fade_both" -> {
                        fadeIn(number(op, "duration"));
                        fadeOut(number(op, "duration"));
                    }
                    case "fps" -> video("fps=" + decimal(number(op, "fps")));
                    default -> {
                    }
                }
            }
        }

        // ---- geometry ----

        private void rotate(int degrees) {
            switch (degrees) {
                case 90 -> video("transpose=clock");
                case 270 -> video("transpose=cclock");
                default -> video("hflip", "vflip");
            }
            if (degrees != 180) {
                int w = width;
                width = height;
                height = w;
            }
        }

        private void aspect(EditOperation op) {
            int tw;
            int th;
            if (op.params().containsKey("width")) { // a model option: exact output size, centre crop
                tw = (int) number(op, "width");
                th = (int) number(op, "height");
                video("crop=w='min(iw,ih*" + tw + "/" + th + ")':h='min(ih,iw*" + th + "/" + tw + ")'", "scale=" + tw + ":" + th);
                width = tw;
                height = th;
                return;
            }
            String[] ratio = String.valueOf(op.params().get("ratio")).split(":");
            double r = Double.parseDouble(ratio[0]) / Double.parseDouble(ratio[1]);
            boolean wider = (double) width / height > r;
            if ("pad".equals(op.params().get("fit"))) {
                tw = wider ? width : even(height * r);
                th = wider ? even(width / r) : height;
                video("pad=" + tw + ":" + th + ":(ow-iw)/2:(oh-ih)/2:black");
            } else {
                tw = wider ? even(height * r) : width;
                th = wider ? height : even(width / r);
                video("crop=" + tw + ":" + th);
            }
            width = tw;
            height = th;
        }

        private void scale(EditOperation op) {
            if (op.params().containsKey("factor")) {
                resize(even(width * number(op, "factor")), even(height * number(op, "factor")), "bicubic");
            } else if (op.params().containsKey("width")) {
                resize((int) number(op, "width"), (int) number(op, "height"), "bicubic");
            } else {
                int h = (int) number(op, "height");
                resize(even((double) width * h / height), h, "bicubic");
            }
        }

        private void upscale(EditOperation op) {
            if (op.params().containsKey("factor")) {
                resize(even(width * number(op, "factor")), even(height * number(op, "factor")), "lanczos");
            } else {
                int h = (int) number(op, "height");
                resize(even((double) width * h / height), h, "lanczos");
            }
            video("unsharp=5:5:0.6"); // lanczos alone looks soft at 2x; a light unsharp restores edges
        }

        private void resize(int w, int h, String flags) {
            video("scale=" + w + ":" + h + ":flags=" + flags);
            width = w;
            height = h;
        }

        // ---- reference images and text ----

        private String image(EditOperation op) {
            int figure = (int) number(op, "image");
            inputs.addAll(List.of("-loop", "1", "-framerate", decimal(fps)));
            inputs.addAll(FfmpegJob.input(images.get(figure - 1)));
            return (1 + inputs.stream().filter("-i"::equals).count() - 1) + ":v:0";
        }

        private void overlay(EditOperation op, double share) {
            String in = image(op);
            String logo = label();
            int w = even(width * share);
            graph.add("[" + in + "]scale=" + w + ":-2,format=rgba[" + logo + "]");
            String main = flushVideo();
            int margin = even(Math.min(width, height) * 0.04);
            String position = String.valueOf(op.params().get("position"));
            String x = position.endsWith("left") ? String.valueOf(margin) : position.endsWith("right") ? "W-w-" + margin : "(W-w)/2";
            String y = position.startsWith("top") ? String.valueOf(margin) : position.startsWith("bottom") ? "H-h-" + margin : "(H-h)/2";
            String out = label();
            graph.add("[" + main + "][" + logo + "]overlay=x=" + x + ":y=" + y + ":shortest=1[" + out + "]");
            videoLabel = out;
        }

        private void chromaKey(EditOperation op) {
            String in = image(op);
            String background = label();
            graph.add("[" + in + "]scale=" + width + ":" + height + ",setsar=1,format=yuv420p[" + background + "]");
            String key = "blue".equals(op.params().get("colour")) ? "0x0000FF" : "0x00FF00";
            video("chromakey=" + key + ":0.25:0.08");
            String subject = flushVideo();
            String out = label();
            graph.add("[" + background + "][" + subject + "]overlay=shortest=1[" + out + "]");
            videoLabel = out;
        }

        private void text(EditOperation op) throws EngineFailure {
            Path file = output.resolveSibling("text-" + (++textFiles) + ".txt");
            try {
                Files.writeString(file, String.valueOf(op.params().get("text")), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                        "cannot write the text to draw: " + e.getMessage(), "无法写入要绘制的文字"), true);
            }
            boolean title = "title".equals(op.params().get("style"));
            String position = String.valueOf(op.params().get("position"));
            int size = Math.max(12, height / (title ? 9 : 16));
            String x = position.endsWith("left") ? "w*0.05" : position.endsWith("right") ? "w-tw-w*0.05" : "(w-tw)/2";
            String y = position.startsWith("top") ? "h*0.06" : position.startsWith("bottom") ? "h-th-h*0.08" : "(h-th)/2";
            String drawtext = "drawtext=fontfile='" + escape(font) + "':textfile='" + escape(file) + "':expansion=none"
                    + ":fontsize=" + size + ":fontcolor=white:borderw=" + Math.max(1, size / 14) + ":bordercolor=black"
                    + ":x=" + x + ":y=" + y;
            if (op.params().containsKey("duration")) {
                drawtext += ":enable='between(t," + decimal(number(op, "start")) + "," + decimal(number(op, "start") + number(op, "duration")) + ")'";
            }
            video(drawtext);
        }

        /** Intro and outro cards: the image fitted to the frame, with silence beside it, concatenated in one graph. */
        private void card(EditOperation op) {
            String in = image(op);
            double d = number(op, "duration");
            String still = label();
            graph.add("[" + in + "]scale=" + width + ":" + height + ":force_original_aspect_ratio=decrease,pad=" + width + ":" + height
                    + ":(ow-iw)/2:(oh-ih)/2:black,setsar=1,format=yuv420p,fps=" + decimal(fps) + ",trim=duration=" + decimal(d)
                    + ",setpts=PTS-STARTPTS[" + still + "]");
            video("fps=" + decimal(fps), "format=yuv420p", "setsar=1");
            String main = flushVideo();
            boolean intro = op.op().equals("intro");
            String v = label();
            if (audioLabel == null) {
                graph.add((intro ? "[" + still + "][" + main + "]" : "[" + main + "][" + still + "]") + "concat=n=2:v=1:a=0[" + v + "]");
            } else {
                String mainAudio = flushAudio();
                String silence = label();
                graph.add("anullsrc=r=44100:cl=" + layout() + ",atrim=duration=" + decimal(d) + "," + audioFormat() + "[" + silence + "]");
                String a = label();
                graph.add((intro ? "[" + still + "][" + silence + "][" + main + "][" + mainAudio + "]"
                        : "[" + main + "][" + mainAudio + "][" + still + "][" + silence + "]") + "concat=n=2:v=1:a=1[" + v + "][" + a + "]");
                audioLabel = a;
            }
            videoLabel = v;
            seconds += d;
        }

        // ---- time ----

        private void cut(double start, double end) {
            String keep = "not(between(t," + decimal(start) + "," + decimal(end) + "))";
            video("select='" + keep + "'", "setpts=N/FRAME_RATE/TB");
            audio("aselect='" + keep + "'", "asetpts=N/SR/TB");
            seconds -= Math.max(0, Math.min(end, seconds) - start);
        }

        private void loop(int times) throws EngineFailure {
            long frames = Math.round(seconds * fps) + 1;
            if (frames * width * height * 3 / 2 > MAX_LOOP_BYTES) {
                throw limit(String.format(Locale.ROOT, "looping %.1f s of %dx%d video needs more memory than a worker allows;"
                                + " trim it first (e.g. \"keep the first 5 seconds\") or scale it down", seconds, width, height),
                        String.format(Locale.ROOT, "循环播放 %.1f 秒的 %dx%d 视频所需内存超出限制；请先截取（如“只保留前5秒”）或缩小分辨率", seconds, width, height));
            }
            video("loop=loop=" + (times - 1) + ":size=" + frames, "setpts=N/FRAME_RATE/TB");
            audio("aloop=loop=" + (times - 1) + ":size=" + Math.round(seconds * 44100 + 44100), "asetpts=N/SR/TB");
            audio("atrim=duration=" + decimal(seconds * times));
            seconds *= times;
        }

        private void freeze(double at, double duration) {
            long frame = Math.round(Math.min(at, seconds) * fps);
            video("loop=loop=" + Math.round(duration * fps) + ":size=1:start=" + frame, "setpts=N/FRAME_RATE/TB");
            if (audioLabel != null) {
                String in = flushAudio();
                String before = label();
                String after = label();
                String padded = label();
                String rest = label();
                String out = label();
                graph.add("[" + in + "]asplit[" + before + "][" + after + "]");
                graph.add("[" + before + "]atrim=end=" + decimal(at) + ",apad=pad_dur=" + decimal(duration) + "[" + padded + "]");
                graph.add("[" + after + "]atrim=start=" + decimal(at) + ",asetpts=PTS-STARTPTS[" + rest + "]");
                graph.add("[" + padded + "][" + rest + "]concat=n=2:v=0:a=1[" + out + "]");
                audioLabel = out;
            }
            seconds += duration;
        }

        private void fadeIn(double d) {
            video("fade=t=in:st=0:d=" + decimal(d));
            audio("afade=t=in:st=0:d=" + decimal(d));
        }

        private void fadeOut(double d) {
            double start = Math.max(0, seconds - d);
            video("fade=t=out:st=" + decimal(start) + ":d=" + decimal(d));
            audio("afade=t=out:st=" + decimal(start) + ":d=" + decimal(d));
        }

        // ---- graph plumbing ----

        private void video(String... filters) {
            videoChain.addAll(List.of(filters));
        }

        /** Mono stays mono; anything else is rendered as stereo, as before. */
        private String layout() {
            return info.audioChannels() == 1 ? "mono" : "stereo";
        }

        private String audioFormat() {
            return AUDIO_FORMAT + layout();
        }

        private void audio(String... filters) {
            if (audioLabel != null) {
                audioChain.addAll(List.of(filters));
            }
        }

        private String flushVideo() {
            String out = label();
            graph.add("[" + videoLabel + "]" + (videoChain.isEmpty() ? "null" : String.join(",", videoChain)) + "[" + out + "]");
            videoChain.clear();
            videoLabel = out;
            return out;
        }

        private String flushAudio() {
            String out = label();
            graph.add("[" + audioLabel + "]" + (audioChain.isEmpty() ? "anull" : String.join(",", audioChain)) + "[" + out + "]");
            audioChain.clear();
            audioLabel = out;
            return out;
        }

        private String label() {
            return "s" + (++labels);
        }

        /**
         * The whole frame in square blocks of one colour: averaged down to one pixel a block, blown back up without
         * interpolation, the spill past the frame cropped off; blocks are 1/48 of the longer side, at least 8 pixels.
         */
        private void pixelate() {
            int block = Math.max(8, even(Math.max(width, height) / 48.0));
            int across = (width + block - 1) / block;
            int down = (height + block - 1) / block;
            video("scale=" + across + ":" + down + ":flags=area", "scale=" + across * block + ":" + down * block + ":flags=neighbor",
                    "crop=" + width + ":" + height + ":0:0");
        }

        private static String posterize(int levels) {
            int step = 256 / levels;
            String lut = "trunc(val/" + step + ")*" + step + "+" + step / 2;
            return "lutrgb=r='" + lut + "':g='" + lut + "':b='" + lut + "'";
        }

        private static int even(double value) {
            return Math.max(2, (int) Math.round(value / 2) * 2);
        }

        /** A path inside a quoted filter option: backslashes and quotes escaped, colons taken literally. */
        private static String escape(Path path) {
            return path.toAbsolutePath().toString().replace("\\", "\\\\\\\\").replace("'", "'\\\\\\''").replace(":", "\\\\:");
        }
    }
}
