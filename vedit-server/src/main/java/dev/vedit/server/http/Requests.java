package dev.vedit.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.Account;
import dev.vedit.server.auth.ApiKeys;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Optional;

/** Reading what a client sent: the JSON body, the API key (Bearer header, or the body's apiKey), the task id. */
final class Requests {
    private Requests() {
    }

    /** A JSON body over the limit: answered 413 by the caller. */
    static final class BodyTooLarge extends RuntimeException {
        final long limit;
        /** What the client can do to be allowed more, or {@code null}. */
        final String hint;

        BodyTooLarge(long limit, String hint) {
            super(null, null, false, false);
            this.limit = limit;
            this.hint = hint;
        }
    }

    /**
     * The JSON body; an empty body reads as {@code {}}. At most {@code maxBytes} are read, whether or not the
     * client declared a length (a chunked body has none), so a body cannot grow the heap past the limit.
     */
    static JsonNode body(Context ctx, ObjectMapper json, long maxBytes) {
        return body(ctx, json, maxBytes, null);
    }

    /** {@link #body(Context, ObjectMapper, long)}, telling a client over the limit {@code hint} (or nothing). */
    static JsonNode body(Context ctx, ObjectMapper json, long maxBytes, String hint) {
        // The servlet's int length turns a declaration over 2 GiB negative: read the long one.
        if (ctx.req().getContentLengthLong() > maxBytes) {
            throw new BodyTooLarge(maxBytes, hint);
        }
        try {
            // Reading fails with an IOException when the client stalls past the idle timeout or goes away.
            byte[] bytes = ctx.bodyInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new BodyTooLarge(maxBytes, hint);
            }
            if (bytes.length == 0) {
                return json.createObjectNode();
            }
            JsonNode node = json.readTree(bytes);
            return node == null ? json.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "the request body is not valid JSON (" + e.getOriginalMessage() + ")",
                    "请求体不是有效的 JSON");
        } catch (IOException e) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "the request body could not be read (the client stalled or went away)",
                    "无法读取请求体（客户端停滞或已断开）");
        }
    }

    /** The key in {@code Authorization: Bearer KEY}, if the request has one. */
    static Optional<String> bearer(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            String h = header.strip();
            if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
                String key = h.substring(7).strip();
                if (!key.isEmpty()) {
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty();
    }

    /** The key of a request: {@code Authorization: Bearer KEY}, else {@code apiKey}/{@code apikey} in the body. */
    static Optional<String> apiKey(Context ctx, JsonNode body) {
        Optional<String> bearer = bearer(ctx);
        if (bearer.isPresent()) {
            return bearer;
        }
        if (body != null && body.isObject()) {
            for (String field : new String[] {"apiKey", "apikey", "api_key"}) {
                JsonNode v = body.get(field);
                if (v != null && v.isTextual() && !v.asText().isBlank()) {
                    return Optional.of(v.asText().strip());
                }
            }
        }
        return Optional.empty();
    }

    static Optional<Account> account(Context ctx, JsonNode body, ApiKeys keys) {
        return apiKey(ctx, body).flatMap(keys::authenticate);
    }

    /** The {@code taskId} field as text (clients send it as a string or a number), or empty. */
    static Optional<String> taskId(JsonNode body) {
        JsonNode v = body == null ? null : body.get("taskId");
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isIntegralNumber() || v.isTextual()) {
            String s = v.asText().strip();
            return s.isEmpty() ? Optional.empty() : Optional.of(s);
        }
        return Optional.empty();
    }

    /** A numeric id field (sent as a string or a number), or empty when missing or not a number. */
    static Optional<Long> longField(JsonNode body, String field) {
        JsonNode v = body == null ? null : body.get(field);
        if (v == null || !(v.isIntegralNumber() || v.isTextual())) {
            return Optional.empty();
        }
        return parseTaskId(v.asText().strip());
    }

    /** A task id as a number, if the text is one; anything else names no task. */
    static Optional<Long> parseTaskId(String taskId) {
        if (allDigits(taskId, 19)) {
            try {
                return Optional.of(Long.parseLong(taskId));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Whether {@code s} is 1 to {@code max} ASCII digits; every poll asks, and {@code String.matches} compiles a pattern per call. */
    private static boolean allDigits(String s, int max) {
        if (s.isEmpty() || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Limits on what the JSON parser accepts, so a hostile body cannot exhaust the stack or the heap. */
    static StreamReadConstraints constraints(long maxBodyBytes) {
        return StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
                .maxNumberLength(100)
                .build();
    }
}
