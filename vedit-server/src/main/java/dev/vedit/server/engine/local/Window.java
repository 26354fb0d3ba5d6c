package dev.vedit.server.engine.local;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.server.engine.local.operation.Phase;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.wire.EditOperation;
import java.util.List;
import java.util.Locale;

/**
 * The part of the source a plan keeps, [start, end) in source seconds: the {@link Phase#SELECT} phase, done
 * at the input (seek and length) so nothing outside it is decoded.
 */
record Window(double start, double end) {

    /** From the plan's trims, in plan order. */
    static Window of(List<EditOperation> ops, MediaInfo info) throws EngineFailure {
        double start = 0;
        double end = info.durationSeconds();
        for (EditOperation op : ops) {
            Operation operation = Operation.of(op);
            if (operation.phase() != Phase.SELECT) {
                continue;
            }
            switch (operation) {
                case TRIM -> {
                    if (op.params().get("half") instanceof String half) { // "keep only the second half"
                        double middle = start + (end - start) / 2;
                        start = half.equals("first") ? start : middle;
                        end = half.equals("first") ? middle : end;
                        continue;
                    }
                    start += op.params().containsKey("start") ? RenderCommand.number(op, "start") : 0;
                    if (op.params().containsKey("duration")) {
                        end = Math.min(end, start + RenderCommand.number(op, "duration"));
                    }
                }
                case TRIM_LAST -> start = Math.max(start, end - RenderCommand.number(op, "duration"));
                case DROP_LAST -> end -= RenderCommand.number(op, "duration");
                default -> throw new IllegalStateException(operation + " is in the select phase without a rule here");
            }
        }
        if (end - start < 0.04) {
            throw RenderCommand.limit(String.format(Locale.ROOT, "the trims keep nothing of a %.2f s source", info.durationSeconds()),
                    String.format(Locale.ROOT, "截取后没有剩余内容（源视频 %.2f 秒）", info.durationSeconds()));
        }
        return new Window(start, end);
    }

    double seconds() {
        return end - start;
    }

    /** Whether the window is the whole source. */
    boolean whole(MediaInfo info) {
        return start <= 0 && end >= info.durationSeconds();
    }
}
