package dev.vedit.server.engine;

/** How an engine wants a task's media. */
public enum InputMode {
    /** Fetched to the attempt's work dir and probed against the model's limits first (local, ComfyUI). */
    LOCAL_FILES,
    /** Passed on as URLs; nothing is downloaded or probed on this side (relay: the upstream checks its own limits). */
    URLS
}
