package dev.vedit.sdk;

import dev.vedit.wire.ModelSpec;
import java.util.List;

/** A request for {@code kling-video-o3-pro/video-edit} or {@code kling-video-o3-std/video-edit}; see {@link Edits}. */
public final class KlingO3Edit extends EditBuilder<KlingO3Edit> {
    KlingO3Edit(ModelSpec model) {
        super(model);
    }

    /** Reference images, Figure 1 first (at most 4, JPG or PNG). */
    public KlingO3Edit imageUrls(String... urls) {
        return images("imageUrls", List.of(urls));
    }

    /** Reference images, Figure 1 first. */
    public KlingO3Edit imageUrls(List<String> urls) {
        return images("imageUrls", urls);
    }

    /** Whether the output keeps the source's audio (default true). */
    public KlingO3Edit keepOriginalSound(boolean keep) {
        return param("keepOriginalSound", keep);
    }
}
