package dev.vedit.server.engine.local;

import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.server.ffmpeg.MediaInfo;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one ffmpeg command that performs a whole plan: a single filtergraph, a single encode.
 *
 * @param args            the ffmpeg arguments
 * @param expectedSeconds how long the output will be, for progress
 */
record RenderCommand(List<String> args, double expectedSeconds) {
    static final String DEFAULT_PRESET = "veryfast";
    static final int DEFAULT_CRF = 23;
    private static final String SEPIA = "colorchannelmixer=.393:.769:.189:0:.349:.686:.168:0:.272:.534:.131";

    static RenderCommand of(EditPlan plan, Path input, MediaInfo info, Path output) {
        List<EditOperation> ops = plan.operations();
        double keepSeconds = ops.stream().filter(o -> o.op().equals("trim"))
                .mapToDouble(o -> number(o, "duration")).min().orElse(Double.NaN);
        double speed = ops.stream().filter(o -> o.op().equals("speed"))
                .mapToDouble(o -> number(o, "factor")).reduce(1, (a, b) -> a * b);
        boolean withAudio = info.hasAudio() && ops.stream().noneMatch(o -> o.op().equals("mute"));

        List<String> video = new ArrayList<>();
        for (EditOperation op : ops) {
            switch (op.op()) {
                case "grayscale" -> video.addAll(List.of("format=gray", "format=yuv420p"));
                case "sepia" -> video.add(SEPIA);
                case "invert" -> video.add("negate");
                case "brightness" -> video.add("eq=brightness=" + decimal(number(op, "amount")));
                case "hflip" -> video.add("hflip");
                case "vflip" -> video.add("vflip");
                case "rotate" -> video.addAll(switch ((int) number(op, "degrees")) {
                    case 90 -> List.of("transpose=clock");
                    case 270 -> List.of("transpose=cclock");
                    default -> List.of("hflip", "vflip");
                });
                default -> {
                }
            }
        }
        if (speed != 1) {
            video.add("setpts=PTS/" + decimal(speed));
        }
        for (EditOperation op : ops) {
            if (op.op().equals("frame")) {
                int w = (int) number(op, "width");
                int h = (int) number(op, "height");
                video.add("crop=w='min(iw,ih*" + w + "/" + h + ")':h='min(ih,iw*" + h + "/" + w + ")'");
                video.add("scale=" + w + ":" + h);
            } else if (op.op().equals("scale")) {
                video.add("scale=-2:" + (int) number(op, "height"));
            }
        }
        video.addAll(List.of("scale=trunc(iw/2)*2:trunc(ih/2)*2", "setsar=1", "format=yuv420p"));

        String graph = "[0:v:0]" + String.join(",", video) + "[v]";
        if (withAudio) {
            graph += ";[0:a:0]" + String.join(",", tempo(speed)) + "[a]";
        }
        EditOperation encode = ops.stream().filter(o -> o.op().equals("encode")).reduce((a, b) -> b).orElse(null);

        List<String> args = new ArrayList<>();
        if (!Double.isNaN(keepSeconds)) {
            args.addAll(List.of("-t", decimal(keepSeconds)));
        }
        args.addAll(FfmpegJob.input(input));
        args.addAll(List.of("-filter_complex", graph, "-map", "[v]"));
        if (withAudio) {
            args.addAll(List.of("-map", "[a]", "-c:a", "aac", "-b:a", "128k"));
        } else {
            args.add("-an");
        }
        args.addAll(List.of("-c:v", "libx264",
                "-preset", encode == null ? DEFAULT_PRESET : String.valueOf(encode.params().get("preset")),
                "-crf", encode == null ? String.valueOf(DEFAULT_CRF) : String.valueOf(encode.params().get("crf")),
                "-pix_fmt", "yuv420p", "-movflags", "+faststart", "-map_metadata", "-1", "-f", "mp4",
                FfmpegJob.output(output)));

        double sourceSeconds = Double.isNaN(keepSeconds) ? info.durationSeconds() : Math.min(keepSeconds, info.durationSeconds());
        return new RenderCommand(List.copyOf(args), sourceSeconds / speed);
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

    private static double number(EditOperation op, String name) {
        return ((Number) op.params().get(name)).doubleValue();
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.6f", value).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
