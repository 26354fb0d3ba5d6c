package dev.vedit.server.engine.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The upstream RunningHub-compatible API as the relay uses it: upload, submit, query, the task list (a vedit
 * extension, absent on the hosted service), v1 cancel, and result downloads. Each call either returns or throws a
 * {@link CallFailed} whose {@link Outcome} tells the engine what the upstream may have done: nothing (try again),
 * possibly something (look before submitting again), or a definite refusal.
 *
 * <p>The address is the operator's own configuration (often loopback or private), so this is a plain client rather
 * than the SSRF-checked one for strangers' URLs; redirects are never followed (a redirect of a POST would drop the
 * body, and one to elsewhere would carry the key).
 */
final class Upstream {
    /** What a failed call tells about the upstream's state. */
    enum Outcome {
        /** Nothing reached the upstream (connection refused, connect timeout, unknown host): safe to repeat anything. */
        NOT_SENT,
        /** The request may have been acted on but no usable answer came (timeout, dropped connection, 5xx, garbage). */
        NO_ANSWER,
        /** The upstream refused for load (HTTP 429, {@code 421}, {@code 1003}, {@code 1011}, {@code 1010}): nothing was created. */
        BUSY,
        /** A definite answer that repeating will not change (bad parameters, bad key, unknown task). */
        REFUSED
    }

    /** A call that did not succeed. */
    static final class CallFailed extends Exception {
        final Outcome outcome;
        /** The upstream's error code ({@code errorCode} or v1 {@code code}), empty when it gave none. */
        final String code;
        /** The upstream's own message, or what went wrong on the way. */
        final String detail;
        /** How long the upstream asked us to wait ({@code Retry-After}), or {@code null}. */
        final Duration retryAfter;

        CallFailed(Outcome outcome, String code, String detail, Duration retryAfter, Throwable cause) {
            super(detail, cause);
            this.outcome = outcome;
            this.code = code == null ? "" : code;
            this.detail = detail;
            this.retryAfter = retryAfter;
        }

        boolean transientFailure() {
            return outcome != Outcome.REFUSED;
        }
    }

    /** v2 error codes that mean "not now" and that created nothing. */
    private static final Set<String> BUSY_CODES = Set.of("421", "1003", "1011", "1010");
    /** Envelope codes that mean the key was refused: v1's 802, the upload's 401, v2's 1002. */
    private static final Set<String> KEY_REFUSED_CODES = Set.of("802", "401", "1002");

    private final URI root;
    private final String key;
    private final HttpClient http;
    private final ObjectMapper json;
    private final Duration timeout;
    private final Duration transferTimeout;

    /**
     * @param root            the upstream's root, e.g. {@code https://www.runninghub.cn}
     * @param timeout         the limit of one API call, connection to answer
     * @param transferTimeout the limit of one upload or download
     */
    Upstream(URI root, String key, ObjectMapper json, Duration timeout, Duration transferTimeout) {
        this.root = root;
        this.key = key;
        this.json = json;
        this.timeout = timeout;
        this.transferTimeout = transferTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    URI root() {
        return root;
    }

    /** Uploads a file with {@code /openapi/v2/media/upload/binary}; returns its {@code download_url}. Stored by content, so repeatable. */
    String upload(Path file, String fileName) throws CallFailed {
        String boundary = "----vedit-relay-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName.replace("\"", "")
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        HttpRequest.BodyPublisher body;
        try {
            body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                    HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
        } catch (IOException e) {
            throw new CallFailed(Outcome.REFUSED, "", "cannot read " + file.getFileName() + ": " + e.getMessage(), null, e);
        }
        HttpRequest request = authorized("/openapi/v2/media/upload/binary", transferTimeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build();
        JsonNode reply = sendJson(request);
        int code = reply.path("code").asInt(-1);
        String url = reply.path("data").path("download_url").asText("");
        if (code == 0 && !url.isEmpty()) {
            return url;
        }
        throw envelopeFailure(reply, "upload");
    }

    /**
     * Submits to a model endpoint; returns the reply (with its {@code taskId}).
     *
     * @throws CallFailed {@link Outcome#NO_ANSWER} when the task may exist upstream although no reply said so
     */
    JsonNode submit(String endpoint, ObjectNode body) throws CallFailed {
        JsonNode reply = sendJson(authorized("/openapi/v2/" + endpoint, timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        checkV2(reply);
        if (reply.path("taskId").asText("").isEmpty()) {
            throw new CallFailed(Outcome.NO_ANSWER, "", "the upstream accepted the submit but sent no taskId: " + abbreviate(reply.toString()), null, null);
        }
        return reply;
    }

    /** The task as {@code /openapi/v2/query} shows it. */
    JsonNode query(String taskId) throws CallFailed {
        JsonNode reply = sendJson(authorized("/openapi/v2/query", timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.createObjectNode().put("taskId", taskId).toString())).build());
        if (reply.path("status").asText("").isEmpty()) {
            checkV2(reply); // the query itself failed (unknown task, rate limit); a FAILED task's errorCode is its outcome
        }
        return reply;
    }

    /**
     * One page of the key's tasks, newest first, from vedit's {@code GET /openapi/v2/tasks} extension; empty when the
     * upstream does not offer it (the hosted service answers 404).
     */
    Optional<TaskPage> tasks(int page, int pageSize) throws CallFailed {
        HttpRequest request = authorized("/openapi/v2/tasks?page=" + page + "&pageSize=" + pageSize, timeout).GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() == 429 || response.statusCode() >= 500) {
            parse(response); // throws: busy, or no answer
        }
        JsonNode reply;
        try {
            reply = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
        } catch (IOException e) {
            reply = null;
        }
        // Anything but vedit's list (a 404, a web page, another service's error) means the upstream has no list. A wrong
        // key is not decided here: the submit itself reports it.
        if (reply == null || !reply.isObject()) {
            return Optional.empty();
        }
        String code = reply.path("code").asText("");
        if (BUSY_CODES.contains(code)) {
            throw envelopeFailure(reply, "task list");
        }
        JsonNode tasks = reply.path("data").path("tasks");
        if (response.statusCode() != 200 || !code.equals("0") || !tasks.isArray()) {
            return Optional.empty();
        }
        List<Listed> listed = new ArrayList<>();
        for (JsonNode t : tasks) {
            listed.add(new Listed(t.path("taskId").asText(), t.path("endpoint").asText(), t.path("prompt").asText(), t.path("createdAt").asLong()));
        }
        return Optional.of(new TaskPage(listed, reply.path("data").path("hasMore").asBoolean(false)));
    }

    /** A task in the upstream's list. */
    record Listed(String taskId, String endpoint, String prompt, long createdAt) {
    }

    /** A page of the upstream's list. */
    record TaskPage(List<Listed> tasks, boolean hasMore) {
    }

    /** Cancels with the v1 {@code /task/openapi/cancel} (body {@code {apiKey, taskId}}, as the hosted service takes it). */
    void cancel(String taskId) throws CallFailed {
        ObjectNode body = json.createObjectNode().put("apiKey", key).put("taskId", taskId);
        JsonNode reply = sendJson(authorized("/task/openapi/cancel", timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
        if (reply.path("code").asInt(-1) != 0) {
            throw envelopeFailure(reply, "cancel");
        }
    }

    /** Whether the upstream answers and takes the key ({@code /uc/openapi/accountStatus}). */
    void account() throws CallFailed {
        JsonNode reply = sendJson(authorized("/uc/openapi/accountStatus", timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.createObjectNode().put("apikey", key).toString())).build());
        if (reply.path("code").asInt(-1) != 0) {
            throw envelopeFailure(reply, "account status");
        }
    }

    /**
     * Downloads a result URL to {@code target} (through a temporary file, so a cut transfer leaves nothing behind). The
     * key is not sent: result URLs are plain links, and they may point to a storage host that is not the upstream.
     */
    void download(String url, Path target) throws CallFailed {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new CallFailed(Outcome.REFUSED, "", "the upstream's result URL is not a URL: " + abbreviate(url), null, e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new CallFailed(Outcome.REFUSED, "", "the upstream's result URL is not http(s): " + abbreviate(url), null, null);
        }
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            HttpResponse<Path> response = http.send(HttpRequest.newBuilder(uri).timeout(transferTimeout).GET().build(),
                    HttpResponse.BodyHandlers.ofFile(part));
            int status = response.statusCode();
            if (status == 200) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            Files.deleteIfExists(part);
            Outcome outcome = status == 429 ? Outcome.BUSY : status >= 500 ? Outcome.NO_ANSWER : Outcome.REFUSED;
            throw new CallFailed(outcome, "", "GET " + uri.getHost() + uri.getPath() + " answered HTTP " + status, retryAfter(response), null);
        } catch (IOException e) {
            deleteQuietly(part);
            throw transportFailure(e);
        } catch (UnresolvedAddressException e) {
            throw new CallFailed(Outcome.NOT_SENT, "", "cannot resolve " + uri.getHost(), null, e);
        } catch (InterruptedException e) {
            deleteQuietly(part);
            Thread.currentThread().interrupt();
            throw new CallFailed(Outcome.NO_ANSWER, "", "interrupted", null, e);
        }
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    private HttpRequest.Builder authorized(String path, Duration limit) {
        // The key goes in the header only; it never appears in a URL, a log line or a message.
        return HttpRequest.newBuilder(URI.create(root + path)).timeout(limit).header("Authorization", "Bearer " + key);
    }

    private JsonNode sendJson(HttpRequest request) throws CallFailed {
        return parse(send(request));
    }

    private HttpResponse<String> send(HttpRequest request) throws CallFailed {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw transportFailure(e);
        } catch (UnresolvedAddressException e) {
            throw new CallFailed(Outcome.NOT_SENT, "", "cannot resolve " + root.getHost(), null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallFailed(Outcome.NO_ANSWER, "", "interrupted", null, e);
        }
    }

    /** The body of a response, or the failure its status or content means. */
    private JsonNode parse(HttpResponse<String> response) throws CallFailed {
        int status = response.statusCode();
        String what = response.request().method() + " " + response.request().uri().getPath();
        if (status == 429) {
            throw new CallFailed(Outcome.BUSY, "1003", what + " answered HTTP 429", retryAfter(response), null);
        }
        if (status >= 500) {
            // A crash after the upstream stored something is possible: the caller treats it as "may have happened".
            throw new CallFailed(Outcome.NO_ANSWER, "", what + " answered HTTP " + status, retryAfter(response), null);
        }
        JsonNode body;
        try {
            body = response.body() == null || response.body().isBlank() ? null : json.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (status == 401 || status == 403) {
            throw new CallFailed(Outcome.REFUSED, "1002", what + " answered HTTP " + status + " (the upstream refuses the relay key)", null, null);
        }
        if (body == null || !body.isObject()) {
            Outcome outcome = status == 200 ? Outcome.NO_ANSWER : Outcome.REFUSED;
            throw new CallFailed(outcome, "", what + " answered HTTP " + status + " with a body that is not JSON: "
                    + abbreviate(response.body()), null, null);
        }
        if (status != 200) {
            throw envelopeFailure(body, what + " (HTTP " + status + ")");
        }
        return body;
    }

    /** A v2 reply's {@code errorCode}: empty is success; load codes are {@link Outcome#BUSY}; others are refusals. */
    private static void checkV2(JsonNode reply) throws CallFailed {
        String code = reply.path("errorCode").asText("");
        if (code.isEmpty()) {
            return;
        }
        String message = reply.path("errorMessage").asText("");
        if (BUSY_CODES.contains(code)) {
            throw new CallFailed(Outcome.BUSY, code, message, null, null);
        }
        if (code.equals("1005")) {
            // "Internal server error": the upstream may have half-done it; the caller looks before repeating.
            throw new CallFailed(Outcome.NO_ANSWER, code, message, null, null);
        }
        throw new CallFailed(Outcome.REFUSED, code, message, null, null);
    }

    /** A failure from an envelope ({@code {code, msg|message, data}}). */
    private static CallFailed envelopeFailure(JsonNode reply, String what) {
        String code = reply.path("code").asText(reply.path("errorCode").asText(""));
        String message = reply.path("msg").asText(reply.path("message").asText(reply.path("errorMessage").asText("")));
        if (KEY_REFUSED_CODES.contains(code)) {
            return new CallFailed(Outcome.REFUSED, "1002", what + ": " + message, null, null);
        }
        Outcome outcome = BUSY_CODES.contains(code) ? Outcome.BUSY : Outcome.REFUSED;
        return new CallFailed(outcome, code, what + " refused (code " + code + "): " + message, null, null);
    }

    private static CallFailed transportFailure(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectException || t instanceof UnresolvedAddressException) {
                return new CallFailed(Outcome.NOT_SENT, "", "cannot connect to the upstream (" + e + ")", null, e);
            }
        }
        return new CallFailed(Outcome.NO_ANSWER, "", "no answer from the upstream (" + e + ")", null, e);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.min(300, Long.parseLong(v.strip()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the work dir is removed with the attempt
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }
}
