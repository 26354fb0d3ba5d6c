package dev.vedit.sdk;

import dev.vedit.wire.ModelSpec;

/**
 * A request for {@code rhart-video-g-official/edit-video} (alias {@code xai/grok-imagine/edit-video-official-stable});
 * see {@link Edits#grokImagine()}.
 */
public final class GrokEdit extends EditBuilder<GrokEdit> {
    GrokEdit(ModelSpec model) {
        super(model);
    }

    /** {@code 480p} (default) or {@code 720p}. */
    public GrokEdit resolution(String resolution) {
        return param("resolution", resolution);
    }
}
