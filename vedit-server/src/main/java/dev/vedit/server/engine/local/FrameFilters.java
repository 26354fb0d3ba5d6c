package dev.vedit.server.engine.local;

import static dev.vedit.server.engine.local.RenderCommand.decimal;
import static dev.vedit.server.engine.local.RenderCommand.number;

import dev.vedit.wire.EditOperation;

/** Per-frame colour and style edits: one filter chain each, frame size unchanged. */
final class FrameFilters {
    /**
     * A warm, faded film look. Not ffmpeg's "vintage" curves preset: it lifts red and blue, not green, in the shadows,
     * so grey footage (black and white first) came out purple-grey and dark footage magenta. These curves keep red over
     * green over blue at every level (warm, never magenta), lift the blacks a little and soften the highlights.
     */
    private static final String VINTAGE = "curves=r='0/0.06 0.5/0.54 1/0.96':g='0/0.04 0.5/0.5 1/0.93':b='0/0.02 0.5/0.42 1/0.82'";
    private static final String SEPIA = "colorchannelmixer=.393:.769:.189:0:.349:.686:.168:0:.272:.534:.131";

    private final RenderGraph g;

    FrameFilters(RenderGraph g) {
        this.g = g;
    }

    void grayscale() {
        if (g.partial()) {
            g.video("hue=s=0"); // a pixel format cannot change in mid-stream; no saturation is grey too
        } else {
            g.video("format=gray", "format=yuv420p");
        }
    }

    void sepia() {
        g.video(SEPIA);
    }

    void vintage() {
        g.video(VINTAGE, "noise=alls=10:allf=t", "vignette=angle=PI/5");
    }

    void grain(EditOperation op) {
        // luma only: film grain is grain of light, and a black-and-white picture must stay without colour under it
        g.video("noise=c0s=" + Math.round(12 * number(op, "strength")) + ":c0f=t");
    }

    void invert() {
        g.video("negate");
    }

    void brightness(EditOperation op) {
        g.video("eq=brightness=" + decimal(number(op, "amount")));
    }

    void contrast(EditOperation op) {
        g.video("eq=contrast=" + decimal(number(op, "factor")));
    }

    void saturation(EditOperation op) {
        g.video("eq=saturation=" + decimal(number(op, "factor")));
    }

    void hue(EditOperation op) {
        g.video("hue=h=" + decimal(number(op, "degrees")));
    }

    void temperature(EditOperation op) {
        g.video("colortemperature=temperature=" + Math.round("warm".equals(op.params().get("tone"))
                ? 6500 - 2000 * number(op, "strength") : 6500 + 2500 * number(op, "strength")));
    }

    void sketch() {
        g.video("format=gray", "edgedetect=low=0.08:high=0.2", "negate", "format=yuv420p");
    }

    void cartoon() {
        g.video("smartblur=lr=3:ls=0.8", "edgedetect=mode=colormix:low=0.1:high=0.3", posterize(6));
    }

    void posterize(EditOperation op) {
        g.video(posterize((int) number(op, "levels")));
    }

    /**
     * The whole frame in square blocks of one colour: averaged down to one pixel a block, blown back up without
     * interpolation, the spill past the frame cropped off; blocks are 1/48 of the longer side, at least 8 pixels.
     */
    void pixelate() {
        int block = Math.max(8, RenderGraph.even(Math.max(g.width, g.height) / 48.0));
        int across = (g.width + block - 1) / block;
        int down = (g.height + block - 1) / block;
        g.video("scale=" + across + ":" + down + ":flags=area", "scale=" + across * block + ":" + down * block + ":flags=neighbor",
                "crop=" + g.width + ":" + g.height + ":0:0");
    }

    void vignette(EditOperation op) {
        g.video("vignette=angle=" + decimal(Math.min(Math.PI / 2, Math.PI / 5 * number(op, "strength"))));
    }

    void blur(EditOperation op) {
        g.video("gblur=sigma=" + decimal(4 * number(op, "strength")));
    }

    void sharpen(EditOperation op) {
        g.video("unsharp=5:5:" + decimal(1.2 * number(op, "strength")));
    }

    void denoise() {
        g.video("hqdn3d=6:5:9:7");
    }

    void stabilize() {
        g.video("deshake");
    }

    private static String posterize(int levels) {
        int step = 256 / levels;
        String lut = "trunc(val/" + step + ")*" + step + "+" + step / 2;
        return "lutrgb=r='" + lut + "':g='" + lut + "':b='" + lut + "'";
    }
}
