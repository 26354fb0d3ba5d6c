package dev.vedit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends requests and repeats them where that is safe (see {@link RetryPolicy}). Every reply is decoded by the
 * caller's function, which throws the mapped exception for an error reply; limit and server errors are repeated.
 */
final class Transport {
    /** Whether a call may be sent again after it possibly reached the service. */
    enum Safety {
        /** Reads, cancels, content-addressed uploads: doing them twice is harmless. */
        IDEMPOTENT,
        /** Submits: a second one after a lost reply could create a second task. */
        CREATES
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpClient http;
    private final RetryPolicy retry;
    private final ObjectMapper json;
    private final RequestListener listener;
    /** Set once the service echoed an Idempotency-Key: it honours keys, so a submit with one may be repeated. */
    private final AtomicBoolean keysHonoured = new AtomicBoolean();

    Transport(HttpClient http, RetryPolicy retry, ObjectMapper json, RequestListener listener) {
        this.http = http;
        this.retry = retry;
        this.json = json;
        this.listener = listener;
    }

    boolean keysHonoured() {
        return keysHonoured.get();
    }

    ObjectMapper json() {
        return json;
    }

    /**
     * Sends the request made by {@code request} (called once per attempt, so bodies can be re-opened) and decodes
     * a 200 reply's JSON with {@code decode}.
     *
     * @param repeatable false when the body can be sent only once (an {@code InputStream} upload)
     */
    <T> T json(Supplier<HttpRequest.Builder> request, RequestOptions options, Safety safety, boolean repeatable, Function<JsonNode, T> decode) {
        return send(request, options, HttpResponse.BodyHandlers.ofString(), safety, repeatable, response -> {
            JsonNode body = parse(response.body());
            if (response.statusCode() != 200) {
                throw ErrorMapping.forHttpStatus(response.statusCode(), body, response.body(), retryAfter(response));
            }
            if (body == null) {
                throw new ServerException("", "the service answered 200 with a body that is not JSON: " + abbreviate(response.body()), "", null);
            }
            return decode.apply(body);
        });
    }

    /**
     * Sends with any body handler; {@code decode} turns the response into the result or throws the mapped exception.
     * Every attempt carries the call's {@code X-Request-Id} (the caller's own from {@code options}, else a new one per
     * call) and the per-call headers and timeout; every exception leaves with the request id of its attempt.
     */
    <B, T> T send(Supplier<HttpRequest.Builder> request, RequestOptions options, HttpResponse.BodyHandler<B> handler, Safety safety,
                  boolean repeatable, Function<HttpResponse<B>, T> decode) {
        int attempts = repeatable ? retry.maxAttempts() : 1;
        String requestId = options.requestId().orElseGet(Transport::newRequestId);
        VeditApiException last = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            Duration wait;
            HttpRequest.Builder builder = request.get();
            options.timeout().ifPresent(builder::timeout);
            options.headers().forEach(builder::setHeader);
            HttpRequest sent = builder.setHeader(RequestEvent.REQUEST_ID_HEADER, requestId).build();
            long start = System.nanoTime();
            HttpResponse<B> response;
            try {
                response = http.send(sent, handler);
            } catch (IOException e) {
                tell(sent, attempt, 0, start, requestId, e);
                boolean notSent = neverSent(e);
                last = new ConnectionException(describe(sent, e, notSent), !notSent, e).withRequestId(requestId);
                if (!notSent && safety == Safety.CREATES) {
                    throw last;
                }
                wait = retry.delayAfter(attempt);
                if (pause(attempt, attempts, wait)) {
                    continue;
                }
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectionException("interrupted while calling " + sent.uri() + " | 调用时被中断", true, e).withRequestId(requestId);
            } catch (UnresolvedAddressException e) {
                tell(sent, attempt, 0, start, requestId, e);
                last = new ConnectionException("cannot resolve the host of " + sent.uri() + " | 无法解析主机名", false, e).withRequestId(requestId);
                if (pause(attempt, attempts, retry.delayAfter(attempt))) {
                    continue;
                }
                break;
            }
            String replyId = response.headers().firstValue(RequestEvent.REQUEST_ID_HEADER).orElse(requestId);
            tell(sent, attempt, response.statusCode(), start, replyId, null);
            if (response.headers().firstValue("Idempotency-Key").isPresent()) {
                keysHonoured.set(true);
            }
            try {
                return decode.apply(response);
            } catch (LimitExceededException e) {
                last = e.withRequestId(replyId);
                wait = e.retryAfter() != null && !e.retryAfter().isZero() ? e.retryAfter() : retry.delayAfter(attempt);
            } catch (ServerException e) {
                last = e.withRequestId(replyId);
                wait = retry.delayAfter(attempt);
            } catch (VeditApiException e) {
                throw e.withRequestId(replyId);
            }
            if (!pause(attempt, attempts, wait)) {
                if (last instanceof LimitExceededException limit) {
                    last = limit.withRetryAfter(wait);
                }
                break;
            }
        }
        throw last;
    }

    /** Sleeps before the next attempt; false when this was the last one. */
    private static boolean pause(int attempt, int attempts, Duration wait) {
        if (attempt >= attempts) {
            return false;
        }
        sleep(wait);
        return true;
    }

    private void tell(HttpRequest sent, int attempt, int status, long startNanos, String requestId, Throwable failure) {
        try {
            listener.onRequest(new RequestEvent(sent.method(), sent.uri(), attempt, status, Duration.ofNanos(System.nanoTime() - startNanos),
                    requestId, Optional.ofNullable(failure)));
        } catch (RuntimeException ignored) {
            // A listener is for logging and metrics; its failure must never fail the call.
        }
    }

    /** 16 hex digits after "sdk-": within the service's accepted form (up to 64 of A-Z a-z 0-9 . _ : -). */
    private static String newRequestId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return "sdk-" + HexFormat.of().formatHex(b);
    }

    /** Connect failures happen before a byte of the request is sent, so even a submit may be repeated. */
    private static boolean neverSent(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException || t instanceof UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private static String describe(HttpRequest request, IOException e, boolean notSent) {
        String what = request.method() + " " + request.uri();
        return notSent
                ? "cannot connect to " + request.uri().getHost() + ":" + request.uri().getPort() + " (" + e + "); is the base URL right and the service up? | 无法连接服务，请检查 base URL 与服务状态"
                : what + " got no reply (" + e + "); the service may still have acted on it | 请求已发出但未收到回复，服务端可能已处理";
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return java.util.Optional.of(Duration.ofSeconds(Long.parseLong(v.strip())));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }).orElse(null);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while waiting to retry | 重试等待时被中断", false, e);
        }
    }
}
