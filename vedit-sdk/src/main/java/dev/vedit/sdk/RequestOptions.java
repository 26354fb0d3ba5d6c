package dev.vedit.sdk;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings for one call, beside the client's own: a timeout, extra headers, an {@code Idempotency-Key}. Immutable;
 * each method returns a copy.
 *
 * <pre>{@code
 * client.submit(request, RequestOptions.defaults()
 *         .timeout(Duration.ofSeconds(5))
 *         .header("X-Request-Id", "checkout-42")          // your own id, seen in the service's logs
 *         .idempotencyKey(order.id()));                    // the same order never makes two tasks
 * }</pre>
 */
public final class RequestOptions {
    /** Headers the SDK owns: setting them per call would break authentication or the body's framing. */
    private static final Set<String> RESERVED = Set.of("authorization", "content-type", "content-length", "host", "idempotency-key");
    private static final RequestOptions DEFAULTS = new RequestOptions(null, Map.of(), null);

    private final Duration timeout;
    private final Map<String, String> headers;
    private final String idempotencyKey;

    private RequestOptions(Duration timeout, Map<String, String> headers, String idempotencyKey) {
        this.timeout = timeout;
        this.headers = headers;
        this.idempotencyKey = idempotencyKey;
    }

    /** No per-call settings: the client's timeout, no extra headers, a fresh idempotency key per submit. */
    public static RequestOptions defaults() {
        return DEFAULTS;
    }

    /** How long this call may wait for its reply (instead of the client's request timeout). */
    public RequestOptions timeout(Duration timeout) {
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        return new RequestOptions(timeout, headers, idempotencyKey);
    }

    /**
     * An extra header for this call. {@code X-Request-Id} is allowed and becomes the call's request id (1 to 64 of
     * {@code A-Z a-z 0-9 . _ : -}, or the service makes its own).
     *
     * @throws IllegalArgumentException for a header the SDK sets itself (Authorization, Content-Type, Idempotency-Key, …)
     */
    public RequestOptions header(String name, String value) {
        if (name == null || name.isBlank() || value == null) {
            throw new IllegalArgumentException("a header needs a name and a value");
        }
        if (RESERVED.contains(name.strip().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(name + " is set by the SDK"
                    + (name.equalsIgnoreCase("Idempotency-Key") ? "; use idempotencyKey(...)" : "") + " and cannot be set per call");
        }
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name.strip(), value);
        return new RequestOptions(timeout, Map.copyOf(copy), idempotencyKey);
    }

    /**
     * The {@code Idempotency-Key} of a submit (default: a new random one per {@code submit} call, kept across its
     * retries). Use your own stable id (an order number) to make resubmitting the same work safe across restarts:
     * within 24 h the service answers with the task the first submit created.
     */
    public RequestOptions idempotencyKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("an idempotency key is 1 to 255 visible ASCII characters (e.g. a UUID), got \"" + key + "\"");
        }
        return new RequestOptions(timeout, headers, key);
    }

    Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    Map<String, String> headers() {
        return headers;
    }

    Optional<String> idempotencyKey() {
        return Optional.ofNullable(idempotencyKey);
    }

    Optional<String> requestId() {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(RequestEvent.REQUEST_ID_HEADER)).map(Map.Entry::getValue)
                .findFirst();
    }
}
