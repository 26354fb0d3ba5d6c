package dev.vedit.server.engine.local;

import static dev.vedit.server.engine.local.RenderCommand.decimal;
import static dev.vedit.server.engine.local.RenderCommand.limit;

import dev.vedit.server.engine.EngineFailure;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Edits of time, picture and sound together so they stay in step: cut-outs, speed, reverse, loops, freezes, fades and
 * the output frame rate. Each keeps {@link RenderGraph#seconds} true for the edits after it.
 */
final class Timeline {
    /** A loop holds its whole segment in memory; beyond this many bytes of raw frames it is refused. */
    static final long MAX_LOOP_BYTES = 1L << 30;

    private final RenderGraph g;
    /** The cuts made so far, each [start, end) in the timeline as it was when it was cut. */
    private final List<double[]> cuts = new ArrayList<>();

    Timeline(RenderGraph g) {
        this.g = g;
    }

    /**
     * Takes out parts of the timeline, each [start, end) in its seconds as they are now: one selection for all of them,
     * since a second selection after the first would read its times in the shortened timeline ("remove 0:05-0:08 and
     * 0:20-0:25" would have taken out 0:23-0:28).
     */
    void cut(List<double[]> parts) {
        List<double[]> sorted = parts.stream().sorted(Comparator.comparingDouble(p -> p[0])).toList();
        List<double[]> merged = new ArrayList<>();
        for (double[] part : sorted) {
            double[] last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && part[0] <= last[1]) {
                last[1] = Math.max(last[1], part[1]);
            } else {
                merged.add(new double[] {part[0], part[1]});
            }
        }
        if (merged.isEmpty()) {
            return;
        }
        String inside = merged.stream().map(p -> "between(t," + decimal(p[0]) + "," + decimal(p[1]) + ")").collect(Collectors.joining("+"));
        String keep = "not(" + inside + ")";
        g.video("select='" + keep + "'", "setpts=N/FRAME_RATE/TB");
        g.audio("aselect='" + keep + "'", "asetpts=N/SR/TB");
        double removed = 0;
        double seconds = g.seconds;
        for (double[] part : merged) {
            double taken = Math.max(0, Math.min(part[1], seconds) - part[0]);
            // kept as if cut one after another, each in the timeline the ones before it left
            cuts.add(new double[] {part[0] - removed, part[1] - removed});
            removed += taken;
        }
        g.seconds -= removed;
    }

    /** Where a moment of the timeline before the cuts lies after them (a moment cut out: where the cut was). */
    double afterCuts(double t) {
        for (double[] cut : cuts) {
            t = t <= cut[0] ? t : t >= cut[1] ? t - (cut[1] - cut[0]) : cut[0];
        }
        return t;
    }

    /** A part played at another speed: from and to in this render's timeline, factor as {@code speed}'s. */
    record SpeedPart(double from, double to, double factor) {
    }

    /**
     * Parts played faster or slower, the rest as it was: the picture's times are remapped by one expression (each
     * part's frames closer together or further apart, then resampled to the source rate like {@link #speed}); the
     * sound, whose tempo filter cannot be switched on and off, is split at the parts and joined again.
     */
    void speedParts(List<SpeedPart> parts) throws EngineFailure {
        if (parts.isEmpty()) {
            return;
        }
        List<SpeedPart> sorted = parts.stream().sorted(Comparator.comparingDouble(SpeedPart::from)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).from() < sorted.get(i - 1).to()) {
                throw limit(String.format(Locale.ROOT, "two speed changes overlap (%s to %s s and %s to %s s); give each part one speed",
                                decimal(sorted.get(i - 1).from()), decimal(sorted.get(i - 1).to()), decimal(sorted.get(i).from()), decimal(sorted.get(i).to())),
                        String.format(Locale.ROOT, "两处变速重叠（%s 到 %s 秒和 %s 到 %s 秒）；每一段只能有一个速度",
                                decimal(sorted.get(i - 1).from()), decimal(sorted.get(i - 1).to()), decimal(sorted.get(i).from()), decimal(sorted.get(i).to())));
            }
        }
        StringBuilder shift = new StringBuilder();
        double saved = 0;
        for (SpeedPart p : sorted) {
            // the seconds of the part already played by T, each taking 1/factor of its time
            shift.append("-(min(max(T,").append(decimal(p.from())).append("),").append(decimal(p.to())).append(")-")
                    .append(decimal(p.from())).append(")*").append(decimal(1 - 1 / p.factor()));
            saved += (p.to() - p.from()) * (1 - 1 / p.factor());
        }
        g.video("setpts='(T" + shift + ")/TB'", "fps=" + decimal(g.fps));
        if (g.hasAudio()) {
            List<String> pieces = new ArrayList<>();
            double at = 0;
            for (SpeedPart p : sorted) {
                if (p.from() > at) {
                    pieces.add("atrim=start=" + decimal(at) + ":end=" + decimal(p.from()) + ",asetpts=PTS-STARTPTS");
                }
                pieces.add("atrim=start=" + decimal(p.from()) + ":end=" + decimal(p.to()) + ",asetpts=PTS-STARTPTS,"
                        + String.join(",", tempo(p.factor())));
                at = p.to();
            }
            if (at < g.seconds) {
                pieces.add("atrim=start=" + decimal(at) + ",asetpts=PTS-STARTPTS");
            }
            String in = g.flushAudio();
            List<String> labels = pieces.stream().map(piece -> g.label()).toList();
            g.lines.add("[" + in + "]asplit=" + pieces.size() + labels.stream().map(l -> "[" + l + "]").collect(Collectors.joining()));
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < pieces.size(); i++) {
                String piece = g.label();
                g.lines.add("[" + labels.get(i) + "]" + pieces.get(i) + "[" + piece + "]");
                joined.append('[').append(piece).append(']');
            }
            String out = g.label();
            g.lines.add(joined + "concat=n=" + pieces.size() + ":v=0:a=1[" + out + "]");
            g.audioFrom(out);
        }
        g.seconds -= saved;
    }

    /** The product of the plan's speed changes; pitch is kept (atempo). */
    void speed(double speed) {
        if (speed != 1) {
            // back to the source rate: later loops, freezes and cards count frames at that rate
            g.video("setpts=PTS/" + decimal(speed), "fps=" + decimal(g.fps));
            tempo(speed).forEach(g::audio);
            g.seconds /= speed;
        }
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

    void reverse() {
        g.video("reverse");
        g.audio("areverse");
    }

    void loop(int times) throws EngineFailure {
        long frames = Math.round(g.seconds * g.fps) + 1;
        if (frames * g.width * g.height * 3 / 2 > MAX_LOOP_BYTES) {
            throw limit(String.format(Locale.ROOT, "looping %.1f s of %dx%d video needs more memory than a worker allows;"
                            + " trim it first (e.g. \"keep the first 5 seconds\") or scale it down", g.seconds, g.width, g.height),
                    String.format(Locale.ROOT, "循环播放 %.1f 秒的 %dx%d 视频所需内存超出限制；请先截取（如“只保留前5秒”）或缩小分辨率",
                            g.seconds, g.width, g.height));
        }
        g.video("loop=loop=" + (times - 1) + ":size=" + frames, "setpts=N/FRAME_RATE/TB");
        g.audio("aloop=loop=" + (times - 1) + ":size=" + Math.round(g.seconds * 44100 + 44100), "asetpts=N/SR/TB");
        g.audio("atrim=duration=" + decimal(g.seconds * times));
        g.seconds *= times;
    }

    void freeze(double at, double duration) {
        long frame = Math.round(Math.min(at, g.seconds) * g.fps);
        g.video("loop=loop=" + Math.round(duration * g.fps) + ":size=1:start=" + frame, "setpts=N/FRAME_RATE/TB");
        if (g.hasAudio()) {
            String in = g.flushAudio();
            String before = g.label();
            String after = g.label();
            String padded = g.label();
            String rest = g.label();
            String out = g.label();
            g.lines.add("[" + in + "]asplit[" + before + "][" + after + "]");
            g.lines.add("[" + before + "]atrim=end=" + decimal(at) + ",apad=pad_dur=" + decimal(duration) + "[" + padded + "]");
            g.lines.add("[" + after + "]atrim=start=" + decimal(at) + ",asetpts=PTS-STARTPTS[" + rest + "]");
            g.lines.add("[" + padded + "][" + rest + "]concat=n=2:v=0:a=1[" + out + "]");
            g.audioFrom(out);
        }
        g.seconds += duration;
    }

    void freezeEnd(double duration) {
        g.video("tpad=stop_mode=clone:stop_duration=" + decimal(duration));
        g.audio("apad=pad_dur=" + decimal(duration));
        g.seconds += duration;
    }

    void fadeIn(double d) {
        g.video("fade=t=in:st=0:d=" + decimal(d));
        g.audio("afade=t=in:st=0:d=" + decimal(d));
    }

    void fadeOut(double d) {
        double start = Math.max(0, g.seconds - d);
        g.video("fade=t=out:st=" + decimal(start) + ":d=" + decimal(d));
        g.audio("afade=t=out:st=" + decimal(start) + ":d=" + decimal(d));
    }

    void fps(double fps) {
        g.video("fps=" + decimal(fps));
    }
}
