package dev.vedit.server.engine.local;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.ffmpeg.FfmpegJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The filtergraph a render builds, shared by its phases: the extra inputs, the finished graph lines, the video and
 * audio chains still open, and what the edits so far have made of the frame size and the output length.
 */
final class RenderGraph {
    /**
     * One sample format for every later concat and mix, in the source's own layout: forcing stereo on a mono source
     * made every render 3 dB quieter (a mono channel is spread over two at -3 dB each) and twice as large.
     */
    private static final String AUDIO_FORMAT = "aformat=sample_fmts=fltp:sample_rates=44100:channel_layouts=";

    final MediaInfo info;
    final List<Path> images;
    /** Frames per second of the source, which loops, freezes and cards count in. */
    final double fps;
    final List<String> inputs = new ArrayList<>();
    final List<String> lines = new ArrayList<>();
    private final List<String> videoChain = new ArrayList<>();
    private final List<String> audioChain = new ArrayList<>();
    private String videoLabel = "0:v:0";
    private String audioLabel;
    private int labels;
    /** The timeline-editing option of the filters being added, or null when they apply throughout. */
    private String enable;
    int width;
    int height;
    /** The output length so far. */
    double seconds;

    RenderGraph(MediaInfo info, List<Path> images, boolean withAudio, double seconds) {
        this.info = info;
        this.images = images;
        this.width = info.width();
        this.height = info.height();
        this.seconds = seconds;
        this.fps = info.frameRate() > 0 && info.frameRate() <= 120 ? info.frameRate() : 25;
        this.audioLabel = withAudio ? "0:a:0" : null;
    }

    boolean hasAudio() {
        return audioLabel != null;
    }

    void video(String... filters) {
        videoChain.addAll(timed(filters));
    }

    /**
     * Until {@link #always()}, the filters added apply only from {@code from} to {@code to} seconds of this render's
     * timeline (FFmpeg's timeline editing): an edit of part of the video.
     */
    void onlyBetween(double from, double to) {
        enable = "enable='between(t," + RenderCommand.decimal(from) + "," + RenderCommand.decimal(to) + ")'";
    }

    void always() {
        enable = null;
    }

    /** Filters added by a renderer: {@link #laidOver}'s body. */
    interface Filters {
        void add() throws EngineFailure;
    }

    /**
     * Filters that cannot be switched on and off in time (a scale or crop changes every frame's size, a pixel format
     * cannot change mid-stream) applied from {@code from} to {@code to} seconds only: the part's frames, edited apart,
     * are laid over the others. The filters must keep the frame's size.
     */
    void laidOver(double from, double to, Filters filters) throws EngineFailure {
        String main = flushVideo();
        String whole = label();
        String part = label();
        lines.add("[" + main + "]split[" + whole + "][" + part + "]");
        videoFrom(part);
        // only the part's frames are edited; they keep their times, which the overlay pairs them by
        video("trim=start=" + RenderCommand.decimal(from) + ":end=" + RenderCommand.decimal(to));
        filters.add();
        String edited = flushVideo();
        String out = label();
        lines.add("[" + whole + "][" + edited + "]overlay=eof_action=pass:enable='between(t," + RenderCommand.decimal(from) + ","
                + RenderCommand.decimal(to) + ")'[" + out + "]");
        videoFrom(out);
    }

    /** Whether the filters added now apply to a part only. */
    boolean partial() {
        return enable != null;
    }

    private List<String> timed(String... filters) {
        return enable == null ? List.of(filters)
                : Arrays.stream(filters).map(f -> f + (f.contains("=") ? ":" : "=") + enable).toList();
    }

    /** Whether anything was done to the picture (a render that copies the video must not). */
    boolean videoTouched() {
        return !videoChain.isEmpty() || !videoLabel.equals("0:v:0");
    }

    /** Filters for the sound, dropped when the output has none. */
    void audio(String... filters) {
        if (audioLabel != null) {
            audioChain.addAll(timed(filters));
        }
    }

    /** Mono stays mono; anything else is rendered as stereo, as before. */
    String layout() {
        return info.audioChannels() == 1 ? "mono" : "stereo";
    }

    String audioFormat() {
        return AUDIO_FORMAT + layout();
    }

    /** Closes the open video chain into a labelled line and returns its label. */
    String flushVideo() {
        String out = label();
        lines.add("[" + videoLabel + "]" + (videoChain.isEmpty() ? "null" : String.join(",", videoChain)) + "[" + out + "]");
        videoChain.clear();
        videoLabel = out;
        return out;
    }

    String flushAudio() {
        String out = label();
        lines.add("[" + audioLabel + "]" + (audioChain.isEmpty() ? "anull" : String.join(",", audioChain)) + "[" + out + "]");
        audioChain.clear();
        audioLabel = out;
        return out;
    }

    /** The video continues from {@code label}, a line written by hand. */
    void videoFrom(String label) {
        videoLabel = label;
    }

    void audioFrom(String label) {
        audioLabel = label;
    }

    String label() {
        return "s" + (++labels);
    }

    /** Adds Figure {@code figure} as a looped still input and returns its stream label. */
    String image(int figure) {
        inputs.addAll(List.of("-loop", "1", "-framerate", RenderCommand.decimal(fps)));
        inputs.addAll(FfmpegJob.input(images.get(figure - 1)));
        return (1 + inputs.stream().filter("-i"::equals).count() - 1) + ":v:0";
    }

    static int even(double value) {
        return Math.max(2, (int) Math.round(value / 2) * 2);
    }
}
