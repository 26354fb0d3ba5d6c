package dev.vedit.server.engine;

/**
 * Whether one remote route of an engine can take work now: a model endpoint on one server (or upstream).
 *
 * @param endpoint the model endpoint, e.g. {@code kling-video-o3-pro/video-edit}
 * @param server   the server or upstream that would run it
 * @param ready    whether a task sent there would run
 * @param problem  why not, empty when ready
 */
public record RouteHealth(String endpoint, String server, boolean ready, String problem) {
}
