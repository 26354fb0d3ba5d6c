package dev.vedit.server.engine.comfyui;

import java.util.Arrays;
import java.util.Optional;

/** What a template binding can feed into a workflow: the request's text, media and options, and what they imply. */
enum Slot {
    PROMPT("prompt"),
    NEGATIVE_PROMPT("negativePrompt"),
    VIDEO("video"),
    SEED("seed"),
    FRAMES("frames"),
    WIDTH("width"),
    HEIGHT("height"),
    FPS("fps"),
    DURATION("duration"),
    ASPECT_RATIO("aspectRatio"),
    RESOLUTION("resolution"),
    FILENAME_PREFIX("filenamePrefix");

    /** The key in a template's {@code bind} object. */
    final String key;

    Slot(String key) {
        this.key = key;
    }

    static Optional<Slot> byKey(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
    }
}
