package dev.vedit.server.engine.local.operation;

/**
 * When an operation is performed, in this order. The order is what makes a plan's times mean what the user said:
 * trims pick the part of the source first, per-frame edits see source frames, speed changes the clock once for the
 * whole clip, and edits of the timeline, cards and fades then count in output seconds.
 */
public enum Phase {
    /** OpenCV, frame by frame, before the FFmpeg render; its output is the render's input. */
    VISION,
    /** Which part of the source is read (input seek and length), before any filter. */
    SELECT,
    /** Per-frame picture edits, geometry, overlays, text, audio filters and cut-outs, in plan order. */
    FRAME,
    /** The product of every speed change, applied once, after the per-frame edits. */
    SPEED,
    /** Reverse, loop and freezes, in plan order, in output seconds. */
    TIMELINE,
    /** Intro and outro cards joined to the clip. */
    CARDS,
    /** Fades over the finished length and the output frame rate. */
    FINISH,
    /** Options of the output file itself: which streams, which encoder settings. */
    OUTPUT
}
