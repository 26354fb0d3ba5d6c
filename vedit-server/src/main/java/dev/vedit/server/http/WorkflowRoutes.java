package dev.vedit.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.auth.Account;
import dev.vedit.server.workflow.WorkflowRefused;
import dev.vedit.server.workflow.WorkflowService;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.SubmitReply;
import dev.vedit.wire.V1Reply;
import dev.vedit.wire.VeditException;
import dev.vedit.wire.WorkflowTaskCreated;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * RunningHub's workflow and AI-app endpoints (contract part 2): v1 create, ai-app/run, getJsonApiFormat, apiCallDemo,
 * and the v2 run endpoints. Installed by {@link HttpApi} when the service has workflows; reading, auth, rate limit and
 * error rendering are HttpApi's own.
 */
final class WorkflowRoutes {
    private final HttpApi api;
    private final WorkflowService workflows;
    private final ObjectMapper json;

    WorkflowRoutes(HttpApi api, WorkflowService workflows, ObjectMapper json) {
        this.api = api;
        this.workflows = workflows;
        this.json = json;
    }

    void install(RoutesConfig r) {
        r.post("/task/openapi/create", ctx -> v1Run(ctx, false));
        r.post("/task/openapi/ai-app/run", ctx -> v1Run(ctx, true));
        r.post("/api/openapi/getJsonApiFormat", this::jsonApiFormat);
        r.get("/api/webapp/apiCallDemo", this::apiCallDemo);
        r.post("/openapi/v2/run/workflow/{workflowId}", ctx -> v2Run(ctx, false));
        r.post("/openapi/v2/run/ai-app/{webappId}", ctx -> v2Run(ctx, true));
    }

    private void v1Run(Context ctx, boolean app) {
        api.handle(ctx, WorkflowRoutes::v1Error, () -> {
            // The key is checked before the body is read; only a keyed create or run may send a large (inline) workflow.
            HttpApi.Caller caller = api.caller(ctx, HttpApi.BodyLimit.MEDIA);
            JsonNode body = caller.body();
            Account account = caller.account();
            WorkflowService.RunRequest request = new WorkflowService.RunRequest(id(body, app ? "webappId" : "workflowId", app),
                    inline(body), body.get("nodeInfoList"), text(body, "instanceType"), body.get("webhookUrl"), app);
            flag(body, "usePersonalQueue");
            flag(body, "addMetadata");
            SubmitReply reply = workflows.run(account, request);
            return V1Reply.ok(new WorkflowTaskCreated(null, reply.taskId(), reply.clientId(), reply.status(), reply.promptTips()));
        });
    }

    private void v2Run(Context ctx, boolean app) {
        api.handle(ctx, e -> SubmitReply.rejected(e.code(), e.getMessage()), () -> {
            // The key is checked before the body is read; only a keyed create or run may send a large (inline) workflow.
            HttpApi.Caller caller = api.caller(ctx, HttpApi.BodyLimit.MEDIA);
            JsonNode body = caller.body();
            Account account = caller.account();
            String id = ctx.pathParam(app ? "webappId" : "workflowId");
            if (app && !id.matches("\\d{1,19}")) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "webappId is a number (got \"" + id + "\")", "webappId 必须是数字");
            }
            flag(body, "usePersonalQueue");
            flag(body, "addMetadata");
            return workflows.run(account, new WorkflowService.RunRequest(id, null, body.get("nodeInfoList"), text(body, "instanceType"),
                    body.get("webhookUrl"), app));
        });
    }

    private void jsonApiFormat(Context ctx) {
        api.handle(ctx, WorkflowRoutes::v1Error, () -> {
            // The key is checked before the body is read; only a keyed create or run may send a large (inline) workflow.
            HttpApi.Caller caller = api.caller(ctx, HttpApi.BodyLimit.SMALL);
            JsonNode body = caller.body();
            Account account = caller.account();
            String prompt = workflows.jsonApiFormat(account, id(body, "workflowId", false));
            return new V1Reply<>(0, "SUCCESS", Map.of("prompt", prompt));
        });
    }

    private void apiCallDemo(Context ctx) {
        api.handle(ctx, WorkflowRoutes::v1Error, () -> {
            ObjectNode query = json.createObjectNode();
            String key = ctx.queryParam("apiKey");
            if (key != null) {
                query.put("apiKey", key);
            }
            Account account = api.requireAccount(ctx, query);
            String webappId = ctx.queryParam("webappId");
            if (webappId != null && !webappId.strip().matches("\\d{1,19}")) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "webappId is a number (got \"" + webappId + "\")", "webappId 必须是数字");
            }
            return V1Reply.ok(workflows.apiCallDemo(account, webappId));
        });
    }

    /** The v1 error, with ComfyUI's node_errors as {@code data} where the contract puts them (433, 810). */
    private static Object v1Error(VeditException e) {
        if (e instanceof WorkflowRefused refused) {
            return new V1Reply<>(Integer.parseInt(e.code().code()), e.getMessage(), Map.of("node_errors", refused.nodeErrors()));
        }
        return HttpApi.v1Error(e);
    }

    /** An id field: a string, or (clients send webappId as int64) a whole number; anything else is 301. */
    private static String id(JsonNode body, String field, boolean numeric) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, field + " is required", field + " 为必填项");
        }
        if (!(v.isTextual() || v.isIntegralNumber()) || numeric && !v.asText().strip().matches("\\d{1,19}")) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, field + " must be " + (numeric ? "a number (int64, or a numeric string)" : "a string")
                    + ", not " + v, field + (numeric ? " 必须是数字" : " 必须是字符串"));
        }
        return v.asText().strip();
    }

    private static String inline(JsonNode body) {
        JsonNode v = body.get("workflow");
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isObject()) {
            return v.toString(); // the contract sends a JSON string; an object means the same
        }
        throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "workflow must be an API-format workflow as a JSON string",
                "workflow 必须是 JSON 字符串形式的 API 格式工作流");
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, field + " must be a string", field + " 必须是字符串");
        }
        return v.asText();
    }

    /**
     * A boolean flag that clients send as a boolean or as "true"/"false". vedit has no personal queues (every key has its
     * own limits already) and no metadata to add, so the value is only checked.
     */
    private static void flag(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull() || v.isBoolean()) {
            return;
        }
        if (v.isTextual() && (v.asText().strip().equalsIgnoreCase("true") || v.asText().strip().equalsIgnoreCase("false"))) {
            return;
        }
        throw VeditException.of(ErrorCode.INVALID_PARAMETERS, field + " must be true or false (got " + v + ")", field + " 必须是 true 或 false");
    }
}
