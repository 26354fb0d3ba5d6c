package dev.vedit.server.engine.local;

import dev.vedit.server.engine.local.operation.Operation;
import dev.vedit.wire.EditOperation;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a complaint is about, and so which requests answer it another way: "the audio is way too loud, just mute it"
 * (a mute answers loudness), "太模糊了，超分到4K" (an upscale answers blur), "文件太大了，分辨率改成720p".
 */
enum Concern {
    SOUND(EnumSet.of(Operation.VOLUME, Operation.MUTE, Operation.KEEP_AUDIO, Operation.DENOISE_AUDIO, Operation.NORMALIZE_AUDIO)),
    LIGHT(EnumSet.of(Operation.BRIGHTNESS, Operation.CONTRAST)),
    COLOUR(EnumSet.of(Operation.SATURATION, Operation.TEMPERATURE, Operation.HUE, Operation.GRAYSCALE, Operation.SEPIA, Operation.VINTAGE)),
    CLARITY(EnumSet.of(Operation.SHARPEN, Operation.UPSCALE, Operation.DENOISE, Operation.SCALE)),
    SIZE(EnumSet.of(Operation.ENCODE, Operation.SCALE, Operation.FPS)),
    STEADINESS(EnumSet.of(Operation.STABILIZE)),
    PACE(EnumSet.of(Operation.SPEED)),
    ORIENTATION(EnumSet.of(Operation.ROTATE, Operation.HFLIP, Operation.VFLIP));

    private final Set<Operation> answers;

    Concern(Set<Operation> answers) {
        this.answers = answers;
    }

    /** Whether {@code request} answers the complaint that {@code complaint} stands for: both are of one concern. */
    static boolean answers(EditOperation request, EditOperation complaint) {
        Operation asked = Operation.of(request);
        Operation complained = Operation.of(complaint);
        return Arrays.stream(values()).anyMatch(c -> c.answers.contains(asked) && c.answers.contains(complained));
    }
}
