package dev.vedit.server.engine.comfyui;

/** One input of one node of a workflow, e.g. node {@code "4"}, input {@code "text"}. */
record NodeInput(String node, String input) {
    @Override
    public String toString() {
        return "node " + node + " input " + input;
    }
}
