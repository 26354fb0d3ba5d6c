package dev.vedit.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.Account;
import dev.vedit.server.db.Database;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.V1Reply;
import dev.vedit.wire.VeditException;
import io.javalin.http.Context;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What vedit's own {@code /vedit/v1/...} routes share: the caller's account from the Bearer key, and replies in the
 * v1 envelope {@code {"code","msg","data"}} with the v1 codes (802 bad key, 301 bad parameters). As on every other
 * v1 endpoint, business errors are HTTP 200; a bad key is also HTTP 401 and a missing operator role HTTP 403 here,
 * since browsers and event-stream clients act on the status.
 */
public final class V1Routes {
    private static final Logger log = LoggerFactory.getLogger(V1Routes.class);
    private final Function<Context, Account> caller;
    private final ObjectMapper json;

    /** @param caller the account of a request, or a {@link VeditException} ({@link HttpApi#caller}) */
    public V1Routes(Function<Context, Account> caller, ObjectMapper json) {
        this.caller = caller;
        this.json = json;
    }

    public interface Action {
        Object run(Account account) throws Exception;
    }

    public Account caller(Context ctx) {
        return caller.apply(ctx);
    }

    /** Authenticates, runs, and answers {@code {"code":0,"msg":"success","data":…}} or the error. */
    public void handle(Context ctx, Action action) {
        try {
            Object data = action.run(caller(ctx));
            send(ctx, V1Reply.ok(data));
        } catch (VeditException e) {
            fail(ctx, e);
        } catch (Exception e) {
            if (Database.unreachable(e)) {
                fail(ctx, VeditException.of(ErrorCode.SERVICE_UNAVAILABLE, "the database is unreachable", "数据库暂时不可用"));
                return;
            }
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500);
            send(ctx, V1Reply.error(Integer.parseInt(ErrorCode.INTERNAL_ERROR.code()), ErrorCode.INTERNAL_ERROR.message()));
        }
    }

    /** Answers an error in the v1 envelope, with the HTTP status that goes with it. */
    public void fail(Context ctx, VeditException e) {
        ctx.status(switch (e.code()) {
            case INVALID_API_KEY -> 401;
            case OPERATOR_REQUIRED -> 403;
            case SERVICE_UNAVAILABLE -> 503;
            default -> 200;
        });
        send(ctx, HttpApi.v1Error(e));
    }

    /** The JSON body, or an empty object when there is none. */
    public JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "the body must be a JSON object", "请求体必须是 JSON 对象");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "the body is not valid JSON", "请求体不是合法的 JSON");
        }
    }

    /** A path parameter that must be a whole number. */
    public static long longParam(Context ctx, String name) {
        try {
            return Long.parseLong(ctx.pathParam(name));
        } catch (NumberFormatException e) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, name + " must be a whole number", name + " 必须是整数");
        }
    }

    /** An optional whole-number field of a JSON body. */
    public static Integer intField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, name + " must be a whole number", name + " 必须是整数");
        }
        return v.intValue();
    }

    /** An optional text field of a JSON body. */
    public static String textField(JsonNode body, String name) {
        JsonNode v = body.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, name + " must be a string", name + " 必须是字符串");
        }
        return v.asText();
    }

    private void send(Context ctx, Object reply) {
        try {
            ctx.contentType("application/json;charset=utf-8");
            ctx.result(json.writeValueAsBytes(reply));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
