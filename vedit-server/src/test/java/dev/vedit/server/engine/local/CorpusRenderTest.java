package dev.vedit.server.engine.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.TestRun;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.TestMedia;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.ValidatedRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders corpus prompts the engine accepts and checks each output objectively against what its plan claims: the
 * length the time edits add up to, the picture size the geometry edits give, sound there or not, the direction of
 * tone, colour, sharpness and volume changes against the source. A plan whose output contradicts it fails.
 * {@code ./vedit test} renders an even sample of both corpora (every {@value #SAMPLE_STEP}th accepted prompt without
 * reference images); {@code -Dvedit.corpus.render=all} renders all of them (the longer job).
 */
class CorpusRenderTest {
    private static final String MODEL = "kling-video-o3-pro/video-edit";
    private static final int SAMPLE_STEP = 30;
    private static final double SOURCE_SECONDS = 8;
    /** Edits whose output these checks cannot measure apart from its length and size; they must still render. */
    private static final Set<String> LENGTH_ONLY = Set.of("vignette", "grain", "sketch", "cartoon", "posterize", "pixelate",
            "denoise", "stabilize", "encode", "normalize_audio", "denoise_audio", "keep_audio", "fade_in", "fade_out",
            "fade_both", "hue", "zoom", "text", "vintage", "blur_faces");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path sources;
    @TempDir
    Path work;

    private static Path source;
    private static Stats sourceStats;
    private final LocalEngine engine = new LocalEngine(TestMedia.ffmpeg());

    @BeforeAll
    static void makeMedia() throws Exception {
        // colour bars with a moving ball: colour, tone and detail to measure, motion for the time edits
        source = TestMedia.clip(sources, "bars.mp4", "smptebars=size=160x120:rate=25,drawbox=x=t*15:y=50:w=16:h=16:color=white:t=fill",
                true, SOURCE_SECONDS);
        sourceStats = Stats.of(source, 1.0);
    }

    @Test
    void acceptedCorpusPromptsRenderWhatTheirPlansSay() throws Exception {
        boolean all = "all".equals(System.getProperty("vedit.corpus.render"));
        List<String> prompts = new ArrayList<>();
        java.util.Set<String> outside = new java.util.HashSet<>(accepted("/prompt-corpus-outside.jsonl"));
        for (String corpus : List.of("/prompt-corpus.jsonl", "/prompt-corpus-outside.jsonl")) {
            List<String> accepted = accepted(corpus);
            for (int i = 0; i < accepted.size(); i++) {
                if (all || i % SAMPLE_STEP == 0) {
                    prompts.add(accepted.get(i));
                }
            }
        }
        List<String> contradictions = new ArrayList<>();
        int notRendered = 0;
        int partsRendered = 0;
        for (String prompt : prompts) {
            ValidatedRequest request = request(prompt);
            EditPlan plan;
            try {
                plan = engine.plan(request);
            } catch (dev.vedit.wire.VeditException e) {
                if (!outside.contains(prompt)) {
                    throw e;
                }
                notRendered++; // the outside corpus may miss a few (OutsidePromptCorpusTest counts them): nothing to render
                continue;
            }
            if (windowSeconds(plan.operations()) <= 0) {
                notRendered++; // "trim the first ten seconds" keeps nothing of an 8 s source: the engine refuses it (1013)
                continue;
            }
            boolean partial = plan.operations().stream().anyMatch(op -> op.params().containsKey("from")
                    || "end".equals(op.params().get("at")) && Operation.of(op).forAPart());
            Path dir = Files.createTempDirectory(work, "run");
            Path out;
            try {
                out = engine.run(plan, new EngineInputs(request, source, null, List.of()), new TestRun(dir, Duration.ofSeconds(120)))
                        .getFirst().file();
            } catch (EngineFailure e) {
                if (!partial || !e.getMessage().contains("lies outside")) {
                    throw e;
                }
                notRendered++; // "slow down 0:30-0:40" names seconds an 8 s source does not have: refused (2004)
                continue;
            }
            if (partial) {
                // an edit of a part: the checks below measure the whole clip, so only that it renders, with picture
                partsRendered++;
                if (!(TestMedia.probe(out).durationSeconds() > 0)) {
                    contradictions.add(prompt + ": an edit of a part rendered nothing");
                }
                continue;
            }
            contradictions.addAll(check(prompt, plan, out));
        }
        System.out.printf(Locale.ROOT, "corpus renders: %d prompts rendered and checked against their plans (%d of them edits of a part,"
                + " checked only to render), %d contradictions (%d not rendered: refused, parts the source does not reach, or trims that keep"
                + " nothing of the %.0f s source)%n", prompts.size() - notRendered, partsRendered, contradictions.size(), notRendered, SOURCE_SECONDS);
        assertThat(prompts).hasSizeGreaterThanOrEqualTo(all ? 300 : 20);
        assertThat(contradictions).isEmpty();
    }

    /** Prompts both corpora expect a plan for that need no reference image (the source here has none). */
    private static List<String> accepted(String resource) throws Exception {
        List<String> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(CorpusRenderTest.class.getResourceAsStream(resource)), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode c = JSON.readTree(line);
                if (c.has("ops") && c.path("images").asInt(0) == 0) {
                    out.add(c.get("prompt").asText());
                }
            }
        }
        return out;
    }

    private List<String> check(String prompt, EditPlan plan, Path out) throws Exception {
        List<String> problems = new ArrayList<>();
        List<EditOperation> ops = plan.operations();
        MediaInfo info = TestMedia.probe(out);
        double expected = expectedSeconds(ops);
        if (Math.abs(info.durationSeconds() - expected) > 0.2 + expected * 0.03) {
            problems.add(prompt + ": lasts " + info.durationSeconds() + " s, the plan adds up to " + expected + " s");
        }
        if (has(ops, "mute") == info.hasAudio()) {
            problems.add(prompt + ": sound " + (info.hasAudio() ? "kept" : "gone") + " against the plan");
        }
        for (EditOperation op : ops) {
            if (op.op().equals("rotate") && ((Number) op.params().get("degrees")).intValue() % 180 == 90 && only(ops, "rotate")
                    && (info.width() != 120 || info.height() != 160)) {
                problems.add(prompt + ": rotated by 90 but the output is " + info.width() + "x" + info.height());
            }
            if (op.op().equals("scale") && op.params().get("height") instanceof Number h && only(ops, "scale")
                    && info.height() != h.intValue()) {
                problems.add(prompt + ": scaled to " + h + " rows but the output has " + info.height());
            }
            if (op.op().equals("aspect") && op.params().get("ratio") instanceof String ratio && only(ops, "aspect")) {
                String[] p = ratio.split(":");
                double want = Double.parseDouble(p[0]) / Double.parseDouble(p[1]);
                if (Math.abs((double) info.width() / info.height() - want) > 0.03) {
                    problems.add(prompt + ": aspect " + ratio + " but the output is " + info.width() + "x" + info.height());
                }
            }
            if (op.op().equals("fps") && Math.abs(info.frameRate() - ((Number) op.params().get("fps")).doubleValue()) > 0.5) {
                problems.add(prompt + ": " + op.params().get("fps") + " fps planned, " + info.frameRate() + " rendered");
            }
        }
        if (!sameFrameTimes(ops)) {
            return problems; // the pixel checks compare a frame with the source's frame at the same time
        }
        Stats after = Stats.of(out, 1.0);
        for (EditOperation op : ops) {
            String name = op.op();
            boolean alone = toneAlone(ops, name);
            if (name.equals("grayscale") && after.chroma > 3) {
                problems.add(prompt + ": black and white planned, chroma " + after.chroma + " left");
            }
            if (name.equals("brightness") && alone && Math.signum(after.luma - sourceStats.luma) != Math.signum(number(op, "amount"))) {
                problems.add(prompt + ": brightness " + number(op, "amount") + " planned, luma " + sourceStats.luma + " -> " + after.luma);
            }
            if (name.equals("contrast") && alone && Math.signum(after.spread - sourceStats.spread) != Math.signum(number(op, "factor") - 1)) {
                problems.add(prompt + ": contrast " + number(op, "factor") + " planned, spread " + sourceStats.spread + " -> " + after.spread);
            }
            if (name.equals("saturation") && alone && Math.signum(after.chroma - sourceStats.chroma) != Math.signum(number(op, "factor") - 1)) {
                problems.add(prompt + ": saturation " + number(op, "factor") + " planned, chroma " + sourceStats.chroma + " -> " + after.chroma);
            }
            if (name.equals("blur") && alone && after.detail >= sourceStats.detail) {
                problems.add(prompt + ": blur planned, detail " + sourceStats.detail + " -> " + after.detail);
            }
            if (name.equals("sharpen") && alone && after.detail <= sourceStats.detail) {
                problems.add(prompt + ": sharpen planned, detail " + sourceStats.detail + " -> " + after.detail);
            }
            if (name.equals("temperature") && alone) {
                double warmthBefore = sourceStats.red - sourceStats.blue;
                double warmthAfter = after.red - after.blue;
                boolean warm = "warm".equals(op.params().get("tone"));
                if (warm ? warmthAfter <= warmthBefore : warmthAfter >= warmthBefore) {
                    problems.add(prompt + ": " + op.params().get("tone") + " planned, red-blue " + warmthBefore + " -> " + warmthAfter);
                }
            }
            if (name.equals("invert") && alone && Math.abs(after.luma - (255 - sourceStats.luma)) > 12) {
                problems.add(prompt + ": invert planned, luma " + sourceStats.luma + " -> " + after.luma);
            }
            if (name.equals("sepia") && alone && !(after.red > after.green && after.green > after.blue)) {
                problems.add(prompt + ": sepia planned, not warm: " + after.red + "/" + after.green + "/" + after.blue);
            }
            if (name.equals("volume") && !has(ops, "mute")) {
                double ratio = TestMedia.rms(out) / TestMedia.rms(source);
                if (Math.abs(Math.log(ratio / number(op, "factor"))) > 0.2) {
                    problems.add(prompt + ": volume x" + number(op, "factor") + " planned, level x" + ratio);
                }
            }
        }
        return problems;
    }

    /** The length the plan's time edits and cards add up to, on the source (they apply to the whole, windowed video). */
    private static double expectedSeconds(List<EditOperation> ops) {
        double seconds = windowSeconds(ops);
        for (EditOperation op : ops) {
            if (op.op().equals("speed")) {
                seconds /= number(op, "factor");
            }
        }
        for (EditOperation op : ops) {
            switch (op.op()) {
                case "loop" -> seconds *= number(op, "times");
                case "freeze", "freeze_end" -> seconds += number(op, "duration");
                default -> { }
            }
        }
        for (EditOperation op : ops) {
            if (op.op().equals("intro") || op.op().equals("outro")) {
                seconds += number(op, "duration"); // cards come after the timeline's edits: never looped or sped up
            }
        }
        return seconds;
    }

    /** How much of the source the plan's trims and cuts keep (a cut past the source's end removes nothing). */
    private static double windowSeconds(List<EditOperation> ops) {
        double start = 0;
        double end = SOURCE_SECONDS;
        double removed = 0;
        for (EditOperation op : ops) {
            switch (op.op()) {
                case "trim" -> {
                    if (op.params().get("half") instanceof String half) {
                        double middle = start + (end - start) / 2;
                        start = half.equals("first") ? start : middle;
                        end = half.equals("first") ? middle : end;
                        continue;
                    }
                    start = op.params().get("start") instanceof Number s ? s.doubleValue() : 0;
                    end = op.params().get("duration") instanceof Number d ? Math.min(SOURCE_SECONDS, start + d.doubleValue()) : end;
                }
                case "trim_last" -> start = Math.max(0, end - number(op, "duration"));
                case "drop_last" -> end -= number(op, "duration");
                case "cut" -> removed += Math.max(0, Math.min(end, number(op, "end")) - Math.max(start, number(op, "start")));
                default -> { }
            }
        }
        return end - start - removed;
    }

    /** Whether the output's frame at 1 s shows the source's frame at 1 s (no time or geometry edit moved it). */
    private static boolean sameFrameTimes(List<EditOperation> ops) {
        return ops.stream().noneMatch(o -> o.op().matches("trim|trim_last|cut|speed|reverse|loop|freeze|hflip|vflip|rotate"
                + "|aspect|scale|upscale|zoom|fade_in|fade_both|fps"));
    }

    /** Whether {@code op} is the only edit of the picture's tone and colour (so its direction alone moves the measure). */
    private static boolean toneAlone(List<EditOperation> ops, String op) {
        return ops.stream().filter(o -> !LENGTH_ONLY.contains(o.op()) || o.op().matches("vignette|grain|sketch|cartoon|posterize|pixelate|hue|text|vintage|fade_out"))
                .filter(o -> !o.op().matches("mute|volume|normalize_audio|denoise_audio|keep_audio|encode|stabilize|denoise"))
                .allMatch(o -> o.op().equals(op));
    }

    private static boolean only(List<EditOperation> ops, String op) {
        return ops.stream().filter(o -> o.op().matches("rotate|scale|aspect|upscale|zoom")).allMatch(o -> o.op().equals(op));
    }

    private static boolean has(List<EditOperation> ops, String op) {
        return ops.stream().anyMatch(o -> o.op().equals(op));
    }

    private static double number(EditOperation op, String key) {
        return ((Number) op.params().get(key)).doubleValue();
    }

    private static ValidatedRequest request(String prompt) {
        ObjectNode body = JSON.createObjectNode().put("prompt", prompt).put("videoUrl", "https://example.com/source.mp4");
        return RequestValidator.validate(ModelCatalog.standard().byPath(MODEL).orElseThrow(), body);
    }

    /** Mean luma, its spread, mean chroma, mean channels and detail (RMS horizontal gradient) of one frame. */
    private record Stats(double luma, double spread, double chroma, double red, double green, double blue, double detail) {
        static Stats of(Path file, double seconds) throws Exception {
            MediaInfo info = TestMedia.probe(file);
            byte[] rgb = TestMedia.frame(file, seconds, "rgb24");
            int w = info.width();
            int pixels = rgb.length / 3;
            double[] luma = new double[pixels];
            double sum = 0;
            double chroma = 0;
            double[] channels = TestMedia.channelMeans(rgb);
            for (int i = 0; i < pixels; i++) {
                int r = rgb[3 * i] & 0xff;
                int g = rgb[3 * i + 1] & 0xff;
                int b = rgb[3 * i + 2] & 0xff;
                luma[i] = 0.299 * r + 0.587 * g + 0.114 * b;
                sum += luma[i];
                chroma += (Math.abs(r - luma[i]) + Math.abs(g - luma[i]) + Math.abs(b - luma[i])) / 3;
            }
            double mean = sum / pixels;
            double variance = 0;
            double detail = 0;
            for (int i = 0; i < pixels; i++) {
                variance += (luma[i] - mean) * (luma[i] - mean);
                if (i % w != w - 1) {
                    // squared: a blur spreads a step edge without changing its summed gradient, but lowers its energy
                    detail += (luma[i + 1] - luma[i]) * (luma[i + 1] - luma[i]);
                }
            }
            return new Stats(mean, Math.sqrt(variance / pixels), chroma / pixels, channels[0], channels[1], channels[2], Math.sqrt(detail / pixels));
        }
    }

}
