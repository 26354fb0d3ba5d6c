package dev.vedit.sdk;

/**
 * Told of every HTTP attempt (see {@link RequestEvent}), e.g. to log calls or measure them. It runs on the calling
 * thread, so it should be quick; what it throws is ignored, so logging can never break a call.
 *
 * <pre>{@code
 * VeditClient.builder().requestListener(e -> log.debug("{} {} -> {} in {} ms (request {})",
 *         e.method(), e.uri().getPath(), e.statusCode(), e.elapsed().toMillis(), e.requestId()))
 * }</pre>
 */
@FunctionalInterface
public interface RequestListener {
    /** Listens to nothing. */
    RequestListener NONE = event -> { };

    void onRequest(RequestEvent event);
}
