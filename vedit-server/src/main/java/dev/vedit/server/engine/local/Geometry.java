package dev.vedit.server.engine.local;

import static dev.vedit.server.engine.local.RenderCommand.number;
import static dev.vedit.server.engine.local.RenderGraph.even;

import dev.vedit.wire.EditOperation;

/** Flips, rotation, crops and pads to a ratio, scaling and zoom: they change the frame size the later edits see. */
final class Geometry {
    private final RenderGraph g;

    Geometry(RenderGraph g) {
        this.g = g;
    }

    void hflip() {
        g.video("hflip");
    }

    void vflip() {
        g.video("vflip");
    }

    void rotate(EditOperation op) {
        int degrees = (int) number(op, "degrees");
        switch (degrees) {
            case 90 -> g.video("transpose=clock");
            case 270 -> g.video("transpose=cclock");
            default -> g.video("hflip", "vflip");
        }
        if (degrees != 180) {
            int w = g.width;
            g.width = g.height;
            g.height = w;
        }
    }

    void aspect(EditOperation op) {
        int tw;
        int th;
        if (op.params().containsKey("width")) { // a model option: exact output size, centre crop
            tw = (int) number(op, "width");
            th = (int) number(op, "height");
            g.video("crop=w='min(iw,ih*" + tw + "/" + th + ")':h='min(ih,iw*" + th + "/" + tw + ")'", "scale=" + tw + ":" + th);
            g.width = tw;
            g.height = th;
            return;
        }
        String[] ratio = String.valueOf(op.params().get("ratio")).split(":");
        double r = Double.parseDouble(ratio[0]) / Double.parseDouble(ratio[1]);
        boolean wider = (double) g.width / g.height > r;
        if ("pad".equals(op.params().get("fit"))) {
            tw = wider ? g.width : even(g.height * r);
            th = wider ? even(g.width / r) : g.height;
            g.video("pad=" + tw + ":" + th + ":(ow-iw)/2:(oh-ih)/2:black");
        } else {
            tw = wider ? even(g.height * r) : g.width;
            th = wider ? g.height : even(g.width / r);
            g.video("crop=" + tw + ":" + th);
        }
        g.width = tw;
        g.height = th;
    }

    void scale(EditOperation op) {
        if (op.params().containsKey("factor")) {
            resize(even(g.width * number(op, "factor")), even(g.height * number(op, "factor")), "bicubic");
        } else if (op.params().containsKey("width") && op.params().containsKey("height")) {
            resize((int) number(op, "width"), (int) number(op, "height"), "bicubic");
        } else if (op.params().containsKey("width")) { // "640 wide": the height follows the shape
            int w = (int) number(op, "width");
            resize(w, even((double) g.height * w / g.width), "bicubic");
        } else {
            int h = (int) number(op, "height");
            resize(even((double) g.width * h / g.height), h, "bicubic");
        }
    }

    void upscale(EditOperation op) {
        if (op.params().containsKey("factor")) {
            resize(even(g.width * number(op, "factor")), even(g.height * number(op, "factor")), "lanczos");
        } else {
            int h = (int) number(op, "height");
            resize(even((double) g.width * h / g.height), h, "lanczos");
        }
        g.video("unsharp=5:5:0.6"); // lanczos alone looks soft at 2x; a light unsharp restores edges
    }

    void zoom(EditOperation op) {
        double f = number(op, "factor");
        g.video("crop=" + even(g.width / f) + ":" + even(g.height / f), "scale=" + g.width + ":" + g.height + ":flags=lanczos");
    }

    private void resize(int w, int h, String flags) {
        g.video("scale=" + w + ":" + h + ":flags=" + flags);
        g.width = w;
        g.height = h;
    }
}
