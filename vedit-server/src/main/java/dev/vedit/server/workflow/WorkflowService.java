package dev.vedit.server.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.auth.Account;
import dev.vedit.server.engine.WorkflowEngine;
import dev.vedit.server.task.TaskService;
import dev.vedit.server.task.WorkflowSubmission;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.SubmitReply;
import dev.vedit.wire.VeditException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * RunningHub's workflow and AI-app API: a registered (or, where the operator allows it, inline) workflow, with a
 * client's {@code nodeInfoList} applied, checked against the ComfyUI servers and queued as a task like any edit.
 */
public final class WorkflowService {
    /** The pool a request without {@code instanceType} runs on. */
    public static final String DEFAULT_INSTANCE = "default";

    /**
     * @param allowInline        whether a request's own {@code workflow} string may replace the registered one
     * @param inlineNodeClasses  when not empty, the only node classes an inline workflow may use
     */
    public record Settings(boolean allowInline, Set<String> inlineNodeClasses) {
        public Settings {
            inlineNodeClasses = Set.copyOf(inlineNodeClasses);
        }

        public static Settings defaults() {
            return new Settings(false, Set.of());
        }
    }

    /**
     * One run request, as the endpoints read it.
     *
     * @param workflowId   the registered workflow (or the app's webappId)
     * @param inline       the request's own API-format workflow (a JSON string), or {@code null}
     * @param nodeInfoList the overrides, or {@code null}
     * @param instanceType the pool, or {@code null} for {@value #DEFAULT_INSTANCE}
     * @param webhookUrl   the raw {@code webhookUrl} field, or {@code null}
     * @param asApp        run as an AI app: only the app's inputs may be set
     */
    public record RunRequest(String workflowId, String inline, JsonNode nodeInfoList, String instanceType, JsonNode webhookUrl, boolean asApp) {
    }

    private final WorkflowRegistry registry;
    private final WorkflowEngine engine;
    private final TaskService tasks;
    private final NodeInfoList.Uploads uploads;
    private final Settings settings;
    private final ObjectMapper json;

    /** @param engine the engine that runs workflows, or {@code null} when no ComfyUI server is configured */
    public WorkflowService(WorkflowRegistry registry, WorkflowEngine engine, TaskService tasks,
                           java.util.function.BiFunction<String, Long, Optional<String>> uploads, Settings settings, ObjectMapper json) {
        this.registry = registry;
        this.engine = engine;
        this.tasks = tasks;
        this.uploads = uploads::apply;
        this.settings = settings;
        this.json = json;
        if (engine != null) {
            engine.checkPeriodically(() -> registry.list().stream()
                    .map(w -> new WorkflowEngine.Graph(w.checkKey(), w.graph(), DEFAULT_INSTANCE)).toList());
        }
    }

    /**
     * Validates, checks and queues a run.
     *
     * @throws VeditException with the contract's code: 301 (as {@link ErrorCode#INVALID_PARAMETERS}), 380, 435, 803, 810,
     *                        415, 421; a {@link WorkflowRefused} (433 or 810) carries ComfyUI's node_errors
     */
    public SubmitReply run(Account account, RunRequest request) {
        if (request.workflowId() == null || request.workflowId().isBlank()) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, request.asApp() ? "webappId is required" : "workflowId is required",
                    request.asApp() ? "webappId 为必填项" : "workflowId 为必填项");
        }
        String webhookUrl = RequestValidator.checkWebhookUrl(request.webhookUrl());
        String id = request.workflowId().strip();
        Optional<Workflow> registered = visible(account, id);
        ObjectNode graph;
        String key;
        boolean inline = request.inline() != null && !request.inline().isBlank();
        if (inline) {
            if (request.asApp()) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "an AI app runs its own workflow; send nodeInfoList, not workflow",
                        "AI 应用运行其自身的工作流；请发送 nodeInfoList，而非 workflow");
            }
            if (!settings.allowInline()) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "inline workflows are turned off on this server (the operator enables them"
                        + " with --workflow-inline); register the workflow (vedit workflows add) and send only its workflowId",
                        "本服务未开启内联工作流（运营方可用 --workflow-inline 开启）；请注册工作流后仅发送 workflowId");
            }
            if (!WorkflowRegistry.validId(id)) {
                throw unknown(id, request.asApp());
            }
            try {
                graph = WorkflowRegistry.parseGraph(request.inline(), json);
            } catch (IllegalArgumentException e) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "workflow: " + e.getMessage(), "workflow 字段无效：" + e.getMessage());
            }
            checkAllowlist(graph);
            key = "inline-" + sha256(graph.toString());
        } else {
            Workflow w = registered.orElseThrow(() -> unknown(id, request.asApp()));
            if (request.asApp() && w.app().isEmpty()) {
                throw unknown(id, true);
            }
            graph = w.graph();
            key = w.checkKey();
        }
        String pool = request.instanceType() == null || request.instanceType().isBlank() ? DEFAULT_INSTANCE : request.instanceType().strip();
        if (engine == null || !engine.pools().contains(pool)) {
            throw VeditException.of(ErrorCode.INSTANCE_TYPE_UNKNOWN, "instanceType '" + pool + "' is not a pool of ComfyUI servers here ("
                    + (engine == null ? "none is configured: the operator starts vedit with --comfyui URL" : "pools: " + String.join(", ", new TreeSet<>(engine.pools()))) + ")",
                    "instanceType '" + pool + "' 不是已配置的 ComfyUI 服务器池");
        }
        Optional<AppDescription> app = request.asApp() ? registered.flatMap(Workflow::app) : Optional.empty();
        NodeInfoList.Applied applied = NodeInfoList.apply(graph, request.nodeInfoList(), app, uploads, account.id());

        WorkflowEngine.Check check = engine.check(new WorkflowEngine.Graph(key, graph, pool));
        switch (check.verdict()) {
            case RUNNABLE -> {
            }
            case UNREACHABLE -> throw VeditException.of(ErrorCode.INSTANCE_BUSY, "no ComfyUI server of pool '" + pool + "' answers now ("
                    + check.problem() + "); retry in a minute", "服务器池 '" + pool + "' 中没有可用的 ComfyUI 服务器，请稍后重试");
            case NOT_RUNNABLE -> throw inline
                    ? new WorkflowRefused(ErrorCode.PROMPT_REJECTED, "ComfyUI would reject this workflow: " + check.problem(),
                    "ComfyUI 将拒绝该工作流：" + check.problem(), check.nodeErrors())
                    : new WorkflowRefused(ErrorCode.WORKFLOW_NOT_RUNNABLE, "workflow " + id + " cannot run on the ComfyUI servers of pool '"
                    + pool + "': " + check.problem(), "工作流 " + id + " 无法在服务器池 '" + pool + "' 上运行：" + check.problem(), check.nodeErrors());
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("workflowId", id);
        params.put("instanceType", pool);
        params.put("inline", inline);
        params.put("nodeInfo", request.nodeInfoList() == null || !request.nodeInfoList().isArray() ? 0 : request.nodeInfoList().size());
        EditPlan plan = new EditPlan(engine.name(), List.of(new EditOperation(request.asApp() ? "ai-app" : "workflow", params, "")));
        WorkflowSubmission submission = new WorkflowSubmission(WorkflowSubmission.ENDPOINT_PREFIX + id,
                new WorkflowEngine.Graph(key, applied.graph(), pool), applied.media(), plan, promptTips(applied.graph()), webhookUrl);
        return tasks.submitWorkflow(account, engine.name(), submission);
    }

    /** The API-format workflow of a registered workflow the account may see, as a JSON string. */
    public String jsonApiFormat(Account account, String workflowId) {
        if (workflowId == null || workflowId.isBlank()) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "workflowId is required", "workflowId 为必填项");
        }
        return visible(account, workflowId.strip()).orElseThrow(() -> unknown(workflowId.strip(), false)).graph().toString();
    }

    /** What an AI app accepts ({@code apiCallDemo}): its name and inputs with types and descriptions. */
    public ObjectNode apiCallDemo(Account account, String webappId) {
        if (webappId == null || webappId.isBlank()) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "webappId is required", "webappId 为必填项");
        }
        Workflow w = visible(account, webappId.strip()).filter(x -> x.app().isPresent()).orElseThrow(() -> unknown(webappId.strip(), true));
        AppDescription app = w.app().orElseThrow();
        ObjectNode data = json.createObjectNode();
        data.put("webappId", w.id());
        data.put("webappName", app.webappName());
        ArrayNode list = data.putArray("nodeInfoList");
        for (AppDescription.Field f : app.fields()) {
            ObjectNode item = list.addObject();
            item.put("nodeId", f.nodeId());
            item.put("nodeName", f.nodeName());
            item.put("fieldName", f.fieldName());
            item.set("fieldValue", f.fieldValue());
            item.set("fieldData", f.fieldData());
            item.put("fieldType", f.fieldType().name());
            item.put("description", f.description());
            item.put("descriptionEn", f.descriptionEn());
        }
        ObjectNode demo = data.putObject("curl");
        demo.put("url", "/task/openapi/ai-app/run");
        demo.put("webappId", w.id());
        return data;
    }

    private Optional<Workflow> visible(Account account, String id) {
        return registry.find(id).filter(w -> w.visibleTo(account.id()));
    }

    private void checkAllowlist(ObjectNode graph) {
        if (settings.inlineNodeClasses().isEmpty()) {
            return;
        }
        Set<String> refused = new TreeSet<>();
        graph.fields().forEachRemaining(n -> {
            String c = n.getValue().path("class_type").asText();
            if (!settings.inlineNodeClasses().contains(c)) {
                refused.add(c);
            }
        });
        if (!refused.isEmpty()) {
            throw VeditException.of(ErrorCode.WORKFLOW_NOT_RUNNABLE, "this server runs inline workflows made only of allowed node classes;"
                    + " not allowed: " + String.join(", ", refused), "本服务的内联工作流只允许指定的节点类型；不允许：" + String.join("、", refused));
        }
    }

    /** ComfyUI's validation answer: the nodes nothing else reads from are the ones it executes for their outputs. */
    private String promptTips(ObjectNode graph) {
        Set<String> read = new HashSet<>();
        graph.fields().forEachRemaining(n -> n.getValue().path("inputs").fields().forEachRemaining(in -> {
            if (NodeInfoList.isLink(in.getValue())) {
                read.add(in.getValue().get(0).asText());
            }
        }));
        List<String> outputs = new ArrayList<>();
        graph.fieldNames().forEachRemaining(id -> {
            if (!read.contains(id)) {
                outputs.add(id);
            }
        });
        ObjectNode tips = json.createObjectNode();
        tips.put("result", true);
        tips.putNull("error");
        outputs.forEach(tips.putArray("outputs_to_execute")::add);
        tips.putObject("node_errors");
        return tips.toString();
    }

    private static VeditException unknown(String id, boolean app) {
        return VeditException.of(ErrorCode.WORKFLOW_NOT_FOUND, (app ? "no AI app has webappId " : "no workflow is registered with id ") + id
                + " (the operator registers one with: vedit workflows add " + id + " FILE.json" + (app ? " --app APP.json" : "") + ")",
                (app ? "不存在 webappId 为 " : "不存在 id 为 ") + id + (app ? " 的 AI 应用" : " 的工作流"));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
