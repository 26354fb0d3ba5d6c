package dev.vedit.server.engine.local.operation;

import dev.vedit.wire.EditOperation;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every edit the local engine performs. The wire keeps the name as a string ({@link EditOperation#op()}, e.g.
 * {@code "fade_in"}); inside the engine it is this type, so a renderer switches over it exhaustively and an
 * operation without one does not compile.
 */
public enum Operation {
    GRAYSCALE("grayscale", Phase.FRAME, true),
    SEPIA("sepia", Phase.FRAME, true),
    VINTAGE("vintage", Phase.FRAME, true),
    GRAIN("grain", Phase.FRAME, true),
    INVERT("invert", Phase.FRAME, true),
    BRIGHTNESS("brightness", Phase.FRAME, true),
    CONTRAST("contrast", Phase.FRAME, true),
    SATURATION("saturation", Phase.FRAME, true),
    HUE("hue", Phase.FRAME, true),
    TEMPERATURE("temperature", Phase.FRAME, true),
    SKETCH("sketch", Phase.FRAME, true),
    CARTOON("cartoon", Phase.FRAME, true),
    POSTERIZE("posterize", Phase.FRAME, true),
    PIXELATE("pixelate", Phase.FRAME, true),
    VIGNETTE("vignette", Phase.FRAME, true),
    BLUR("blur", Phase.FRAME, true),
    SHARPEN("sharpen", Phase.FRAME, true),
    DENOISE("denoise", Phase.FRAME, true),
    STABILIZE("stabilize", Phase.FRAME, true),
    HFLIP("hflip", Phase.FRAME, true),
    VFLIP("vflip", Phase.FRAME, true),
    ROTATE("rotate", Phase.FRAME, true),
    ASPECT("aspect", Phase.FRAME, true),
    /** A model option's exact output size (centre crop and scale), rendered like {@link #ASPECT}. */
    FRAME("frame", Phase.FRAME, true),
    SCALE("scale", Phase.FRAME, true),
    UPSCALE("upscale", Phase.FRAME, true),
    ZOOM("zoom", Phase.FRAME, true),
    CUT("cut", Phase.FRAME, true),
    WATERMARK("watermark", Phase.FRAME, true),
    PICTURE_IN_PICTURE("picture_in_picture", Phase.FRAME, true),
    CHROMA_KEY("chroma_key", Phase.FRAME, true),
    TEXT("text", Phase.FRAME, true),
    VOLUME("volume", Phase.FRAME, false),
    DENOISE_AUDIO("denoise_audio", Phase.FRAME, false),
    NORMALIZE_AUDIO("normalize_audio", Phase.FRAME, false),
    /** Trims choose frames without changing them: see {@link #changesPicture()}. */
    TRIM("trim", Phase.SELECT, false),
    TRIM_LAST("trim_last", Phase.SELECT, false),
    DROP_LAST("drop_last", Phase.SELECT, false),
    SPEED("speed", Phase.SPEED, true),
    REVERSE("reverse", Phase.TIMELINE, true),
    LOOP("loop", Phase.TIMELINE, true),
    FREEZE("freeze", Phase.TIMELINE, true),
    FREEZE_END("freeze_end", Phase.TIMELINE, true),
    INTRO("intro", Phase.CARDS, true),
    OUTRO("outro", Phase.CARDS, true),
    FADE_IN("fade_in", Phase.FINISH, true),
    FADE_OUT("fade_out", Phase.FINISH, true),
    FADE_BOTH("fade_both", Phase.FINISH, true),
    FPS("fps", Phase.FINISH, true),
    MUTE("mute", Phase.OUTPUT, false),
    KEEP_AUDIO("keep_audio", Phase.OUTPUT, false),
    /** Asks for a smaller file (or the model's quality): the picture is encoded again with its settings. */
    ENCODE("encode", Phase.OUTPUT, true),
    REPLACE_BACKGROUND("replace_background", Phase.VISION, true),
    BLUR_FACES("blur_faces", Phase.VISION, true);

    private static final Map<String, Operation> BY_WIRE = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Operation::wire, Function.identity()));

    private final String wire;
    private final Phase phase;
    private final boolean changesPicture;

    Operation(String wire, Phase phase, boolean changesPicture) {
        this.wire = wire;
        this.phase = phase;
        this.changesPicture = changesPicture;
    }

    /** The name on the wire ({@code EditOperation.op}), unchanged since the first plans. */
    public String wire() {
        return wire;
    }

    public Phase phase() {
        return phase;
    }

    /**
     * Whether the operation changes decoded frames, so the video must be encoded again. Sound edits and output
     * options do not; trims do not change frames either, but a cut between keyframes still needs an encode.
     */
    public boolean changesPicture() {
        return changesPicture;
    }

    /**
     * Whether the operation may apply to a span of the timeline only: {@code "from"}/{@code "to"} in source seconds,
     * {@code "at": "end"} with a {@code "duration"}, the last seconds of what is kept, or {@code "half": "first"} or
     * {@code "second"}, a half of what is kept. The colour, style and sound edits
     * whose FFmpeg filters can be switched on and off in time (timeline editing), a zoom, a sketch, a pixelation, a
     * mirror, a logo, a picture in picture and a green-screen key (the part's frames edited apart and laid over the
     * rest) and a speed change (the part's times remapped). Edits that change the frame's size, reorder time or change
     * the streams cannot.
     */
    public boolean forAPart() {
        return switch (this) {
            case GRAYSCALE, SEPIA, VINTAGE, GRAIN, INVERT, BRIGHTNESS, CONTRAST, SATURATION, HUE, TEMPERATURE, CARTOON,
                 POSTERIZE, VIGNETTE, BLUR, SHARPEN, DENOISE, VOLUME, ZOOM, SKETCH, PIXELATE, HFLIP, VFLIP, SPEED,
                 WATERMARK, PICTURE_IN_PICTURE, CHROMA_KEY -> true;
            default -> false;
        };
    }

    /** Whether {@code op} is this operation. */
    public boolean is(EditOperation op) {
        return wire.equals(op.op());
    }

    /** An operation of the wire with this name, with its parameters. */
    public EditOperation with(Map<String, Object> params, String source) {
        return new EditOperation(wire, params, source);
    }

    /**
     * The operation a plan names.
     *
     * @throws IllegalArgumentException for a name the local engine does not know (a plan made by another engine)
     */
    public static Operation of(EditOperation op) {
        return fromWire(op.op());
    }

    /** @throws IllegalArgumentException for a name the local engine does not know */
    public static Operation fromWire(String wire) {
        Operation operation = BY_WIRE.get(wire);
        if (operation == null) {
            throw new IllegalArgumentException("\"" + wire + "\" is not an operation of the local engine; known: "
                    + Arrays.stream(values()).map(Operation::wire).sorted().toList());
        }
        return operation;
    }
}
