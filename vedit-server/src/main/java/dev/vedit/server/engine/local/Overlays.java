package dev.vedit.server.engine.local;

import static dev.vedit.server.engine.local.RenderCommand.decimal;
import static dev.vedit.server.engine.local.RenderCommand.number;
import static dev.vedit.server.engine.local.RenderGraph.even;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** What is drawn from outside the clip: reference images (logo, picture in picture, key background, cards) and text. */
final class Overlays {
    private final RenderGraph g;
    private final Path font;
    /** Text is handed to drawtext in files beside the output, so no text needs escaping for the filter syntax. */
    private final Path output;
    private int textFiles;

    /**
     * @param font   a CJK-capable font, needed only for text and text cards
     * @param output the output file, beside which the text files go
     */
    Overlays(RenderGraph g, Path font, Path output) {
        this.g = g;
        this.font = font;
        this.output = output;
    }

    /** How wide a logo or a picture in picture is drawn when the prompt says nothing of its size: a share of the frame's width. */
    static double defaultWidth(Operation operation) {
        return operation == Operation.PICTURE_IN_PICTURE ? 0.3 : 0.2;
    }

    /**
     * A logo or a picture in picture: Figure N scaled to its {@code width} (a share of the frame's width, else
     * {@link #defaultWidth}), as opaque as its {@code opacity} (1 unless said), at a corner or the centre.
     */
    void overlay(EditOperation op) {
        String in = g.image((int) number(op, "image"));
        String logo = g.label();
        double share = op.params().get("width") instanceof Number width ? width.doubleValue() : defaultWidth(Operation.of(op));
        int w = Math.max(2, even(g.width * share));
        String opacity = op.params().get("opacity") instanceof Number o && o.doubleValue() < 1 ? ",colorchannelmixer=aa=" + decimal(o.doubleValue()) : "";
        g.lines.add("[" + in + "]scale=" + w + ":-2,format=rgba" + opacity + "[" + logo + "]");
        String main = g.flushVideo();
        int margin = even(Math.min(g.width, g.height) * 0.04);
        String position = String.valueOf(op.params().get("position"));
        String x = position.endsWith("left") ? String.valueOf(margin) : position.endsWith("right") ? "W-w-" + margin : "(W-w)/2";
        String y = position.startsWith("top") ? String.valueOf(margin) : position.startsWith("bottom") ? "H-h-" + margin : "(H-h)/2";
        String out = g.label();
        g.lines.add("[" + main + "][" + logo + "]overlay=x=" + x + ":y=" + y + ":shortest=1[" + out + "]");
        g.videoFrom(out);
    }

    void chromaKey(EditOperation op) {
        String in = g.image((int) number(op, "image"));
        String background = g.label();
        g.lines.add("[" + in + "]scale=" + g.width + ":" + g.height + ",setsar=1,format=yuv420p[" + background + "]");
        String key = "blue".equals(op.params().get("colour")) ? "0x0000FF" : "0x00FF00";
        g.video("chromakey=" + key + ":0.25:0.08");
        String subject = g.flushVideo();
        String out = g.label();
        g.lines.add("[" + background + "][" + subject + "]overlay=shortest=1[" + out + "]");
        g.videoFrom(out);
    }

    void text(EditOperation op) throws EngineFailure {
        String drawtext = drawtext(op);
        if (op.params().containsKey("duration")) {
            double duration = number(op, "duration");
            double start = "end".equals(op.params().get("at")) ? Math.max(0, g.seconds - duration) : number(op, "start");
            drawtext += ":enable='between(t," + decimal(start) + "," + decimal(start + duration) + ")'";
        } else if (op.params().containsKey("start")) {
            drawtext += ":enable='gte(t," + decimal(number(op, "start")) + ")'"; // from then to the end
        }
        g.video(drawtext);
    }

    /** The colours a text may be drawn in (the text operation's {@code colour}); white when none is said. */
    static final Map<String, String> TEXT_COLOURS = Map.ofEntries(Map.entry("white", "0xFFFFFF"), Map.entry("black", "0x000000"),
            Map.entry("red", "0xE53935"), Map.entry("yellow", "0xFFEB3B"), Map.entry("green", "0x43A047"), Map.entry("blue", "0x1E88E5"),
            Map.entry("orange", "0xFB8C00"), Map.entry("pink", "0xEC407A"), Map.entry("purple", "0x8E24AA"), Map.entry("gold", "0xFFC107"),
            Map.entry("gray", "0x9E9E9E"), Map.entry("cyan", "0x00BCD4"));

    /** The drawtext filter of a text operation's (or a text card's) text, style, colour and position. */
    private String drawtext(EditOperation op) throws EngineFailure {
        Path file = output.resolveSibling("text-" + (++textFiles) + ".txt");
        try {
            Files.writeString(file, String.valueOf(op.params().get("text")), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "cannot write the text to draw: " + e.getMessage(), "无法写入要绘制的文字"), true);
        }
        boolean title = !Operation.TEXT.is(op) || "title".equals(op.params().get("style"));
        String position = Operation.TEXT.is(op) ? String.valueOf(op.params().get("position")) : "center";
        int size = Math.max(12, g.height / (title ? 9 : 16));
        String colour = TEXT_COLOURS.getOrDefault(String.valueOf(op.params().get("colour")), "0xFFFFFF");
        String x = position.endsWith("left") ? "w*0.05" : position.endsWith("right") ? "w-tw-w*0.05" : "(w-tw)/2";
        String y = position.startsWith("top") ? "h*0.06" : position.startsWith("bottom") ? "h-th-h*0.08" : "(h-th)/2";
        return "drawtext=fontfile='" + escape(font) + "':textfile='" + escape(file) + "':expansion=none"
                // a dark text gets a light outline, so that it reads on a dark picture too
                + ":fontsize=" + size + ":fontcolor=" + colour + ":borderw=" + Math.max(1, size / 14) + ":bordercolor=" + ("0x000000".equals(colour) ? "white" : "black")
                + ":x=" + x + ":y=" + y;
    }

    /**
     * Intro and outro cards: the image fitted to the frame, or the text centred on black, with silence beside it,
     * concatenated in one graph.
     */
    void card(EditOperation op) throws EngineFailure {
        double d = number(op, "duration");
        String still = g.label();
        if (op.params().containsKey("text")) {
            g.lines.add("color=c=black:s=" + g.width + "x" + g.height + ":r=" + decimal(g.fps) + ":d=" + decimal(d) + "," + drawtext(op)
                    + ",setsar=1,format=yuv420p[" + still + "]");
        } else {
            String in = g.image((int) number(op, "image"));
            g.lines.add("[" + in + "]scale=" + g.width + ":" + g.height + ":force_original_aspect_ratio=decrease,pad=" + g.width + ":" + g.height
                    + ":(ow-iw)/2:(oh-ih)/2:black,setsar=1,format=yuv420p,fps=" + decimal(g.fps) + ",trim=duration=" + decimal(d)
                    + ",setpts=PTS-STARTPTS[" + still + "]");
        }
        g.video("fps=" + decimal(g.fps), "format=yuv420p", "setsar=1");
        String main = g.flushVideo();
        boolean intro = Operation.INTRO.is(op);
        String v = g.label();
        if (!g.hasAudio()) {
            g.lines.add((intro ? "[" + still + "][" + main + "]" : "[" + main + "][" + still + "]") + "concat=n=2:v=1:a=0[" + v + "]");
        } else {
            String mainAudio = g.flushAudio();
            String silence = g.label();
            g.lines.add("anullsrc=r=44100:cl=" + g.layout() + ",atrim=duration=" + decimal(d) + "," + g.audioFormat() + "[" + silence + "]");
            String a = g.label();
            g.lines.add((intro ? "[" + still + "][" + silence + "][" + main + "][" + mainAudio + "]"
                    : "[" + main + "][" + mainAudio + "][" + still + "][" + silence + "]") + "concat=n=2:v=1:a=1[" + v + "][" + a + "]");
            g.audioFrom(a);
        }
        g.videoFrom(v);
        g.seconds += d;
    }

    /** A path inside a quoted filter option: backslashes and quotes escaped, colons taken literally. */
    private static String escape(Path path) {
        return path.toAbsolutePath().toString().replace("\\", "\\\\\\\\").replace("'", "'\\\\\\''").replace(":", "\\\\:");
    }
}
