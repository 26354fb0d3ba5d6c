package dev.vedit.sdk;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;

/**
 * Request builders for the five video-edit models. Each checks its body with the model facts of the shared
 * catalog ({@link ModelCatalog#standard()}), the same facts the server validates with.
 *
 * <pre>{@code
 * EditRequest request = Edits.klingO3Pro()
 *         .prompt("make it black and white")
 *         .videoUrl(uploaded.downloadUrl())
 *         .keepOriginalSound(false)
 *         .build();
 * }</pre>
 */
public final class Edits {
    private Edits() {
    }

    /** {@code kling-video-o3-pro/video-edit}. */
    public static KlingO3Edit klingO3Pro() {
        return new KlingO3Edit(model("kling-video-o3-pro/video-edit"));
    }

    /** {@code kling-video-o3-std/video-edit}. */
    public static KlingO3Edit klingO3Std() {
        return new KlingO3Edit(model("kling-video-o3-std/video-edit"));
    }

    /** {@code kling-video-o1-std/edit-video}. */
    public static KlingO1Edit klingO1Std() {
        return new KlingO1Edit(model("kling-video-o1-std/edit-video"));
    }

    /** {@code alibaba/wan-2.7/video-edit}. */
    public static WanEdit wan27() {
        return new WanEdit(model("alibaba/wan-2.7/video-edit"));
    }

    /** {@code rhart-video-g-official/edit-video} (Grok Imagine). */
    public static GrokEdit grokImagine() {
        return new GrokEdit(model("rhart-video-g-official/edit-video"));
    }

    /**
     * Any catalog model by its endpoint or alias.
     *
     * @throws InvalidRequestException when no model is served there, listing the ones that are
     */
    public static GenericEdit forEndpoint(String endpoint) {
        return new GenericEdit(ModelCatalog.standard().byPath(endpoint).orElseThrow(() -> new InvalidRequestException(
                ErrorCode.INVALID_PARAMETERS.code(), ErrorCode.INVALID_PARAMETERS.message(
                        "model " + endpoint + " is not a video-edit model; choose one of " + String.join(", ", ModelCatalog.standard().paths()),
                        "模型 " + endpoint + " 不是视频编辑模型；可选 " + String.join("、", ModelCatalog.standard().paths())), "", null)));
    }

    private static ModelSpec model(String endpoint) {
        return ModelCatalog.standard().byPath(endpoint).orElseThrow(() -> new IllegalStateException("catalog lacks " + endpoint));
    }
}
