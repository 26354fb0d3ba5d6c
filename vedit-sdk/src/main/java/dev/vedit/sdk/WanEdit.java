package dev.vedit.sdk;

import dev.vedit.wire.ModelSpec;
import java.util.List;

/** A request for {@code alibaba/wan-2.7/video-edit} (alias {@code wan-2.7/video-edit}); see {@link Edits#wan27()}. */
public final class WanEdit extends EditBuilder<WanEdit> {
    WanEdit(ModelSpec model) {
        super(model);
    }

    /** Reference images, Figure 1 first (required: 1 to 3). */
    public WanEdit imageUrls(String... urls) {
        return images("imageUrls", List.of(urls));
    }

    /** Reference images, Figure 1 first. */
    public WanEdit imageUrls(List<String> urls) {
        return images("imageUrls", urls);
    }

    /** What the output should not show (at most 500 characters). */
    public WanEdit negativePrompt(String text) {
        return param("negativePrompt", text);
    }

    /** {@code 720P} (default) or {@code 1080P}, any case. */
    public WanEdit resolution(String resolution) {
        return param("resolution", resolution);
    }

    /** {@code 16:9} (default), {@code 9:16}, {@code 1:1}, {@code 4:3} or {@code 3:4}. */
    public WanEdit aspectRatio(String ratio) {
        return param("aspectRatio", ratio);
    }

    /** 0 keeps the input's length (default); 2 to 10 keeps that many seconds from the start. */
    public WanEdit durationSeconds(int seconds) {
        return param("duration", Integer.toString(seconds));
    }

    /** Whether the service may rewrite the prompt (default true). */
    public WanEdit promptExtend(boolean extend) {
        return param("promptExtend", extend);
    }

    /** A fixed seed, 0 to 2147483647, for repeatable generative results. */
    public WanEdit seed(long seed) {
        return param("seed", seed);
    }
}
