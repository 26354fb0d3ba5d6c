package dev.vedit.server.engine.local;

import dev.vedit.server.engine.NeedsGenerativeEngine;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ValidatedRequest;
import dev.vedit.wire.VeditException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a model's options (resolution, aspect ratio, duration, sound, mode) into plan operations. */
final class ModelOptions {
    static final String WAN = "alibaba/wan-2.7/video-edit";
    static final String GROK = "rhart-video-g-official/edit-video";
    static final String KLING_O1 = "kling-video-o1-std/edit-video";
    /** A trim from a model's duration option: the source must be at least that long. */
    static final String MUST_FIT = "mustFitSource";

    private ModelOptions() {
    }

    /**
     * The operations the options of {@code request} ask for. Wan's {@code negativePrompt}, {@code promptExtend} and
     * {@code seed} steer a generative model; a deterministic engine has nothing for them to change.
     */
    static List<EditOperation> operations(ValidatedRequest request) {
        List<EditOperation> ops = new ArrayList<>();
        request.option("keepOriginalSound").filter("false"::equals)
                .ifPresent(v -> ops.add(Operation.MUTE.with(Map.of(), "keepOriginalSound=false")));
        switch (request.model().endpoint()) {
            case WAN -> wan(request, ops);
            case GROK -> request.option("resolution").ifPresent(r -> ops.add(Operation.SCALE.with(
                    Map.of("height", Integer.parseInt(r.replaceAll("\\D", ""))), "resolution=" + r)));
            case KLING_O1 -> request.option("mode").ifPresent(mode -> ops.add(encode(mode)));
            default -> {
            }
        }
        return ops;
    }

    private static void wan(ValidatedRequest request, List<EditOperation> ops) {
        if (request.videoUrl().isEmpty()) {
            throw new NeedsGenerativeEngine(
                    "the local engine edits a source video and none was given (videoUrl); making a video from images"
                            + " only needs a generative engine (ComfyUI on a GPU)",
                    "本地引擎只能编辑源视频，但未提供 videoUrl；仅凭图片生成视频需要生成式引擎（GPU 上的 ComfyUI）");
        }
        String duration = request.option("duration").orElse("0");
        int seconds = Integer.parseInt(duration);
        if (seconds > 0) {
            ops.add(Operation.TRIM.with(Map.of("start", 0.0, "duration", (double) seconds, MUST_FIT, true),
                    "duration=" + duration));
        }
        String resolution = request.option("resolution").orElse("720P");
        String aspect = request.option("aspectRatio").orElse("16:9");
        int shortSide = Integer.parseInt(resolution.replaceAll("\\D", ""));
        String[] ratio = aspect.split(":");
        int aw = Integer.parseInt(ratio[0]);
        int ah = Integer.parseInt(ratio[1]);
        int width = aw >= ah ? even((double) shortSide * aw / ah) : shortSide;
        int height = aw >= ah ? shortSide : even((double) shortSide * ah / aw);
        ops.add(Operation.FRAME.with(Map.of("aspectRatio", aspect, "width", width, "height", height),
                "resolution=" + resolution + ", aspectRatio=" + aspect));
    }

    private static EditOperation encode(String mode) {
        boolean pro = mode.equals("pro");
        return Operation.ENCODE.with(Map.of("preset", pro ? "medium" : "veryfast", "crf", pro ? 18 : 23),
                "mode=" + mode);
    }

    private static int even(double value) {
        return (int) Math.round(value / 2) * 2;
    }
}
