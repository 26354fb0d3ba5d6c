package dev.vedit.server.engine.local;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.RunContext;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.server.engine.local.operation.Phase;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.ffmpeg.FfmpegFailure;
import dev.vedit.server.ffmpeg.FfmpegJob;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reverse for clips too long to hold in memory. FFmpeg's {@code reverse} filter buffers every frame of its
 * input, so a long clip would take gigabytes; instead the kept part of the source is cut into chunks small
 * enough to buffer, each chunk is reversed by its own ffmpeg run, and the chunks are joined last-first
 * (stream copy). The main render then reads that file as its source, with the trims already applied and
 * cut ranges mirrored, so it is still one task and one final encode of the user's edits.
 */
final class ChunkedReverse {
    /** Raw frames a single reverse may buffer; also the threshold for reversing inside the main graph. */
    static final long MAX_BUFFER_BYTES = 256L << 20;

    private ChunkedReverse() {
    }

    /** Whether {@code plan} reverses more frames than one buffer holds. */
    static boolean needed(EditPlan plan, MediaInfo info, long bufferBytes) throws EngineFailure {
        if (plan.operations().stream().noneMatch(Operation.REVERSE::is)) {
            return false;
        }
        return Window.of(plan.operations(), info).seconds() * fps(info) * frameBytes(info) > bufferBytes;
    }

    /**
     * Writes the reversed kept part of {@code source} and returns the plan that finishes the edit from it.
     *
     * @param bufferBytes raw frame bytes one chunk may hold
     * @return the source to render and the plan to render it with
     */
    static Prepared prepare(Ffmpeg ffmpeg, EditPlan plan, Path source, MediaInfo info, RunContext context, long bufferBytes)
            throws EngineFailure {
        Window window = Window.of(plan.operations(), info);
        double length = window.seconds();
        double chunk = Math.max(0.5, bufferBytes / (fps(info) * frameBytes(info)));
        boolean audio = info.hasAudio() && plan.operations().stream().noneMatch(Operation.MUTE::is);
        List<Path> chunks = new ArrayList<>();
        try {
            Path dir = Files.createDirectories(context.workDir().resolve("reverse"));
            int count = (int) Math.ceil(length / chunk);
            for (int i = 0; i < count; i++) {
                double start = window.start() + i * chunk;
                double seconds = Math.min(chunk, window.end() - start);
                Path out = dir.resolve("chunk-" + i + ".mkv");
                List<String> args = new ArrayList<>(List.of("-ss", RenderCommand.decimal(start), "-t", RenderCommand.decimal(seconds)));
                args.addAll(FfmpegJob.input(source));
                args.addAll(List.of("-map", "0:v:0", "-vf", "reverse", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "12"));
                if (audio) {
                    args.addAll(List.of("-map", "0:a:0", "-af", "areverse", "-c:a", "pcm_s16le"));
                }
                args.add(FfmpegJob.output(out));
                FfmpegJob job = new FfmpegJob(ffmpeg, args);
                context.onCancel(job::cancel);
                final int done = i;
                job.run(seconds, p -> context.progress(0.5 * (done + p) / count), context.timeLimit());
                chunks.add(out);
            }
            Path list = dir.resolve("chunks.txt");
            StringBuilder lines = new StringBuilder();
            for (int i = chunks.size() - 1; i >= 0; i--) {
                lines.append("file '").append(chunks.get(i).toAbsolutePath()).append("'\n");
            }
            Files.writeString(list, lines);
            Path reversed = dir.resolve("reversed.mkv");
            FfmpegJob join = new FfmpegJob(ffmpeg, List.of("-f", "concat", "-safe", "0", "-protocol_whitelist", "file,pipe",
                    "-i", "file:" + list.toAbsolutePath(), "-c", "copy", FfmpegJob.output(reversed)));
            context.onCancel(join::cancel);
            join.run(length, p -> { }, context.timeLimit());
            return new Prepared(reversed, finishingPlan(plan, length));
        } catch (FfmpegFailure f) {
            throw LocalFailures.of(f);
        } catch (IOException e) {
            throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "cannot write the reversed chunks: " + e.getMessage(), "无法写入倒放的分段文件"), true);
        }
    }

    /** The plan without what the pre-pass did: trims applied, reverse done, cut ranges mirrored onto the reversed clip. */
    private static EditPlan finishingPlan(EditPlan plan, double length) {
        List<EditOperation> ops = new ArrayList<>();
        for (EditOperation op : plan.operations()) {
            Operation operation = Operation.of(op);
            if (operation.phase() == Phase.SELECT || operation == Operation.REVERSE) {
                continue;
            }
            if (operation == Operation.CUT) {
                ops.add(Operation.CUT.with(Map.of(
                        "start", Math.max(0, length - RenderCommand.number(op, "end")),
                        "end", length - RenderCommand.number(op, "start")), op.source()));
            } else {
                ops.add(op);
            }
        }
        return new EditPlan(plan.engine(), ops, plan.ignored());
    }

    private static double fps(MediaInfo info) {
        return info.frameRate() > 0 ? info.frameRate() : 25;
    }

    private static long frameBytes(MediaInfo info) {
        return (long) info.width() * info.height() * 3 / 2;
    }

    /** What the main render reads after the pre-pass. */
    record Prepared(Path source, EditPlan plan) {
    }
}
