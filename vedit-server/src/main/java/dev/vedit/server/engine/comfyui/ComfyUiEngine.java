package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.Engine;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.engine.RouteHealth;
import dev.vedit.server.engine.RunContext;
import dev.vedit.server.engine.WorkflowEngine;
import dev.vedit.server.ffmpeg.Ffmpeg;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ValidatedRequest;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs generative edits on the operator's own GPUs through ComfyUI: per model endpoint a workflow template, filled with
 * the task's prompt, media and options, queued on the least busy server of its pool that can run it, followed on the
 * event socket (with {@code /history} when the socket drops), its output stored as the contract's MP4.
 *
 * <p>The server and {@code prompt_id} are saved as the task's engine state before anything is sent, so an attempt after
 * a crash finds the same prompt and follows it to the end: the GPU work is never done twice. A server that is
 * unreachable or forgot the prompt (ComfyUI keeps its queue in memory) makes the attempt transient; it is retried on
 * another server.
 */
public final class ComfyUiEngine implements Engine, WorkflowEngine, AutoCloseable {
    public static final String NAME = "comfyui";
    private static final Logger log = LoggerFactory.getLogger(ComfyUiEngine.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The built-in template: Wan 2.1 VACE video-to-video with reference images, for every video-edit endpoint. */
    static final String BUILT_IN = "wan-vace.json";
    private static final long HISTORY_EVERY_MILLIS = 5_000;

    /**
     * @param pools         pool name → ComfyUI base URLs ({@code --comfyui [POOL=]URL[,URL…]})
     * @param templatesDir  operator templates, one per endpoint ({@code kling-video-o3-pro__video-edit.json}), or {@code null}
     * @param cancelGrace   how long a cancelled run waits for ComfyUI to report the interruption (it stops between nodes)
     * @param checkInterval how often every template is checked against every server's object_info
     */
    public record Settings(Map<String, List<URI>> pools, Path templatesDir, Duration cancelGrace, Duration checkInterval) {
        public Settings {
            pools = Map.copyOf(pools);
        }
    }

    private final Settings settings;
    private final Ffmpeg ffmpeg;
    private final ObjectMapper json;
    private final Map<String, Template> templates;
    private final ComfyPools pools;
    private volatile Supplier<Collection<WorkflowEngine.Graph>> registered = List::of;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vedit-comfyui-check");
        t.setDaemon(true);
        return t;
    });

    /**
     * Loads the templates and checks every server once before returning.
     *
     * @throws IllegalArgumentException when a template file is invalid or names no known endpoint
     */
    public ComfyUiEngine(Settings settings, Ffmpeg ffmpeg, ObjectMapper json, List<String> endpoints) {
        this.settings = settings;
        this.ffmpeg = ffmpeg;
        this.json = json;
        this.templates = Templates.load(settings.templatesDir(), endpoints, json);
        this.pools = new ComfyPools(settings.pools(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build(), json);
        for (Template t : templates.values()) {
            if (!pools.poolNames().contains(t.pool())) {
                throw new IllegalArgumentException("the ComfyUI template " + t.name() + " runs on pool '" + t.pool()
                        + "', but no server is configured in it (--comfyui " + t.pool() + "=URL) | ComfyUI 模板 " + t.name()
                        + " 使用服务器池 '" + t.pool() + "'，但该池未配置服务器（--comfyui " + t.pool() + "=URL）");
            }
        }
        checkNow();
        long every = settings.checkInterval().toMillis();
        checker.scheduleWithFixedDelay(this::checkNow, every, every, TimeUnit.MILLISECONDS);
    }

    /** Checks every template against every server of its pool now. */
    public void checkNow() {
        try {
            List<Template> all = new ArrayList<>(distinctTemplates());
            registered.get().forEach(g -> all.add(WorkflowRun.template(g)));
            pools.check(all);
        } catch (RuntimeException e) {
            log.warn("ComfyUI check failed: {}", e.toString());
        }
    }

    private List<Template> distinctTemplates() {
        Map<String, Template> byName = new LinkedHashMap<>();
        templates.values().forEach(t -> byName.putIfAbsent(t.name(), t));
        return List.copyOf(byName.values());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public EditPlan plan(ValidatedRequest request) {
        Template template = template(request.model().endpoint());
        boolean takesVideo = template.bindings().containsKey(Slot.VIDEO);
        if (request.videoUrl().isPresent() && !takesVideo) {
            throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED,
                    "the ComfyUI template " + template.name() + " takes no source video, so videoUrl would be ignored",
                    "ComfyUI 模板 " + template.name() + " 不接受源视频，videoUrl 将被忽略");
        }
        if (request.videoUrl().isEmpty() && takesVideo) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "videoUrl is required: the ComfyUI template " + template.name()
                    + " edits a source video", "videoUrl 为必填项：ComfyUI 模板 " + template.name() + " 需要编辑源视频");
        }
        if (!request.imageUrls().isEmpty() && template.images().isEmpty()) {
            throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED,
                    "the ComfyUI template " + template.name() + " takes no reference images, so imageUrls would be ignored",
                    "ComfyUI 模板 " + template.name() + " 不接受参考图片，imageUrls 将被忽略");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("template", template.name());
        params.put("pool", template.pool());
        params.put("referenceImages", request.imageUrls().size());
        return new EditPlan(NAME, List.of(new EditOperation("generate", params, request.prompt())));
    }

    /** The validation result in ComfyUI's own shape: the template's output nodes, and its check on the servers. */
    @Override
    public String promptTips(EditPlan plan) {
        Template template = templates.values().stream()
                .filter(t -> t.name().equals(plan.operations().getFirst().params().get("template"))).findFirst().orElse(null);
        ObjectNode tips = json.createObjectNode();
        if (template == null) {
            return Engine.defaultPromptTips(plan);
        }
        ObjectNode errors = json.createObjectNode();
        boolean anyCanRun = false;
        for (ComfyPools.Server s : pools.pool(template.pool())) {
            ObjectNode e = s.templateErrors.get(template.name());
            if (s.canRun(template)) {
                anyCanRun = true;
            } else if (e != null) {
                errors.setAll(e);
            }
        }
        tips.put("result", anyCanRun || errors.isEmpty());
        tips.putNull("error");
        template.outputs().forEach(tips.putArray("outputs_to_execute")::add);
        tips.set("node_errors", anyCanRun ? json.createObjectNode() : errors);
        return tips.toString();
    }

    @Override
    public List<RouteHealth> health() {
        List<RouteHealth> routes = new ArrayList<>();
        templates.forEach((endpoint, t) -> pools.pool(t.pool()).forEach(s -> {
            ObjectNode errors = s.templateErrors.get(t.name());
            String problem = !s.reachable ? "unreachable: " + s.problem
                    : errors == null ? "not checked yet" : errors.isEmpty() ? "" : ComfyPools.summary(errors);
            routes.add(new RouteHealth(endpoint, s.address(), problem.isEmpty(), problem));
        }));
        return routes;
    }

    /** The engine state of one attempt's prompt: enough to find it again after a crash. */
    record State(String server, String promptId, String clientId, String prefix) {
    }

    @Override
    public List<EngineOutput> run(EditPlan plan, EngineInputs inputs, RunContext context) throws EngineFailure {
        Template template = template(inputs.request().model().endpoint());
        Set<String> unreachable = new HashSet<>();
        Optional<List<EngineOutput>> resumed = resumeSaved(template, context, Mode.TEMPLATE, unreachable);
        if (resumed.isPresent()) {
            return resumed.get();
        }
        return fresh(template, inputs, context, unreachable);
    }

    /**
     * Follows (or collects) the prompt an earlier attempt saved, if its server still knows it. A server that does not
     * answer goes into {@code unreachable}, so the fresh run that follows picks another one.
     */
    private Optional<List<EngineOutput>> resumeSaved(Template template, RunContext context, Mode mode, Set<String> unreachable)
            throws EngineFailure {
        Optional<State> saved = context.engineState().flatMap(this::readState);
        Optional<ComfyPools.Server> server = saved.flatMap(st -> pools.byAddress(st.server()));
        if (server.isEmpty()) {
            return Optional.empty();
        }
        try {
            Optional<List<EngineOutput>> resumed = resume(server.get(), saved.get(), template, context, mode);
            if (resumed.isEmpty()) {
                log.info("task {}: {} no longer knows prompt {} (restarted?); queuing it again", context.taskId(),
                        saved.get().server(), saved.get().promptId());
            }
            return resumed;
        } catch (ComfyClient.Unreachable e) {
            log.info("task {}: {} is unreachable ({}); running on another server", context.taskId(), saved.get().server(), e.getMessage());
            unreachable.add(saved.get().server());
            return Optional.empty();
        }
    }

    /** Whether a run fills an endpoint's template (one MP4 result) or runs a client's workflow (every output as saved). */
    enum Mode {
        TEMPLATE, WORKFLOW
    }

    private Optional<List<EngineOutput>> resume(ComfyPools.Server server, State state, Template template, RunContext context, Mode mode)
            throws ComfyClient.Unreachable, EngineFailure {
        Optional<JsonNode> history = server.client.history(state.promptId());
        if (history.isPresent() && history.get().path("status").path("completed").isBoolean()
                && !history.get().path("status").path("status_str").asText().isEmpty()) {
            log.info("task {}: prompt {} on {} ended while no worker watched; collecting it", context.taskId(), state.promptId(),
                    server.address());
            return Optional.of(ended(server, state, template, history.get(), context, mode));
        }
        if (history.isEmpty() && !queued(server, state.promptId())) {
            return Optional.empty();
        }
        log.info("task {}: resuming prompt {} on {}", context.taskId(), state.promptId(), server.address());
        PromptWatch watch = new PromptWatch(state.promptId(), template.workflow().size(), context::progress, json);
        WebSocket socket = server.client.events(state.clientId(), watch);
        try {
            return Optional.of(follow(server, state, template, watch, context, mode));
        } finally {
            socket.abort();
        }
    }

    private List<EngineOutput> fresh(Template template, EngineInputs inputs, RunContext context, Set<String> unreachable)
            throws EngineFailure {
        ComfyPools.Server server = pools.pick(template, unreachable).orElseThrow(() -> noServer(template));
        State state = new State(server.address(), UUID.randomUUID().toString(), "vedit-" + context.taskId() + "-" + context.attempt(),
                "vedit/" + context.taskId() + "/attempt-" + context.attempt());
        context.saveEngineState(write(state));
        PromptWatch watch = new PromptWatch(state.promptId(), template.workflow().size() + inputs.images().size() * 2,
                context::progress, json);
        WebSocket socket = null;
        try {
            // The socket first: events of a fast prompt would otherwise pass before anyone listens.
            socket = server.client.events(state.clientId(), watch);
            String subfolder = "vedit/" + context.taskId();
            String video = inputs.video() == null ? null
                    : server.client.upload(inputs.video(), "video" + extension(inputs.video()), subfolder);
            List<String> images = new ArrayList<>();
            for (int i = 0; i < inputs.images().size(); i++) {
                images.add(server.client.upload(inputs.images().get(i), "image-" + (i + 1) + extension(inputs.images().get(i)), subfolder));
            }
            ObjectNode workflow = PromptBuilder.build(template, inputs.request(), source(inputs), video, images,
                    seed(inputs.request()), state.prefix());
            ObjectNode extra = json.createObjectNode().put("vedit_task_id", context.taskId());
            if (context.cancelled()) {
                throw cancelled();
            }
            server.client.prompt(workflow, state.promptId(), state.clientId(), extra);
            log.info("task {}: prompt {} queued on {}", context.taskId(), state.promptId(), server.address());
            return follow(server, state, template, watch, context, Mode.TEMPLATE);
        } catch (ComfyClient.Rejected rejected) {
            throw rejectedFailure(template, rejected.body, ErrorCode.GENERATION_FAILED);
        } catch (ComfyClient.Unreachable e) {
            throw transientFailure(server, e.getMessage(), e);
        } finally {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    // ---- whole workflows (RunningHub's workflow and AI-app API) -------------------------------------------------

    @Override
    public Set<String> pools() {
        return pools.poolNames();
    }

    @Override
    public void checkPeriodically(Supplier<Collection<WorkflowEngine.Graph>> registered) {
        this.registered = registered;
        checker.execute(this::checkNow);
    }

    @Override
    public WorkflowEngine.Check check(WorkflowEngine.Graph graph) {
        Template template = WorkflowRun.template(graph);
        List<ComfyPools.Server> servers = pools.pool(graph.pool());
        for (ComfyPools.Server s : servers) {
            // A graph not seen yet (inline, or registered since the last periodic check) is checked now.
            if (!s.reachable || !s.templateErrors.containsKey(template.name())) {
                pools.check(s, List.of(template));
            }
        }
        ObjectNode errors = json.createObjectNode();
        for (ComfyPools.Server s : servers) {
            if (s.canRun(template) && pools.alive(s)) {
                return new WorkflowEngine.Check(WorkflowEngine.Verdict.RUNNABLE, json.createObjectNode(), "");
            }
            ObjectNode e = s.templateErrors.get(template.name());
            if (s.reachable && e != null) {
                errors.setAll(e);
            }
        }
        return pools.anyReachable(template)
                ? new WorkflowEngine.Check(WorkflowEngine.Verdict.NOT_RUNNABLE, errors, pools.whyNot(template))
                : new WorkflowEngine.Check(WorkflowEngine.Verdict.UNREACHABLE, errors, pools.whyNot(template));
    }

    @Override
    public List<EngineOutput> runWorkflow(WorkflowEngine.Graph graph, List<WorkflowEngine.Media> media, RunContext context)
            throws EngineFailure {
        if (!pools.poolNames().contains(graph.pool())) {
            throw new EngineFailure(ErrorCode.INSTANCE_TYPE_UNKNOWN, ErrorCode.INSTANCE_TYPE_UNKNOWN.message(
                    "no ComfyUI pool '" + graph.pool() + "' is configured on this node (pools: " + String.join(", ", pools.poolNames()) + ")",
                    "本节点未配置 ComfyUI 服务器池 '" + graph.pool() + "'"), false);
        }
        Template template = WorkflowRun.template(graph);
        Set<String> unreachable = new HashSet<>();
        Optional<List<EngineOutput>> resumed = resumeSaved(template, context, Mode.WORKFLOW, unreachable);
        if (resumed.isPresent()) {
            return resumed.get();
        }
        ComfyPools.Server server = pools.pick(template, unreachable).orElseThrow(() -> noWorkflowServer(template));
        State state = new State(server.address(), UUID.randomUUID().toString(), "vedit-" + context.taskId() + "-" + context.attempt(),
                "vedit/" + context.taskId() + "/attempt-" + context.attempt());
        context.saveEngineState(write(state));
        PromptWatch watch = new PromptWatch(state.promptId(), template.workflow().size() + media.size(), context::progress, json);
        WebSocket socket = null;
        try {
            socket = server.client.events(state.clientId(), watch);
            ObjectNode prompt = template.workflow().deepCopy();
            String subfolder = "vedit/" + context.taskId();
            for (WorkflowEngine.Media m : media) {
                String name = server.client.upload(m.file(), "node-" + m.nodeId() + "-" + m.input() + extension(m.file()), subfolder);
                ((ObjectNode) prompt.get(m.nodeId()).get("inputs")).put(m.input(), name);
            }
            WorkflowRun.prefixOutputs(prompt, state.prefix());
            if (context.cancelled()) {
                throw cancelled();
            }
            server.client.prompt(prompt, state.promptId(), state.clientId(), json.createObjectNode().put("vedit_task_id", context.taskId()));
            log.info("task {}: workflow prompt {} queued on {}", context.taskId(), state.promptId(), server.address());
            return follow(server, state, template, watch, context, Mode.WORKFLOW);
        } catch (ComfyClient.Rejected rejected) {
            throw rejectedFailure(template, rejected.body, ErrorCode.PROMPT_REJECTED);
        } catch (ComfyClient.Unreachable e) {
            throw transientFailure(server, e.getMessage(), e);
        } finally {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    /** No server to run a workflow: 810 when the reachable ones lack what it needs, 415 (retried) when none answers. */
    private EngineFailure noWorkflowServer(Template template) {
        String why = pools.whyNot(template);
        boolean anyReachable = pools.anyReachable(template);
        ErrorCode code = anyReachable ? ErrorCode.WORKFLOW_NOT_RUNNABLE : ErrorCode.INSTANCE_BUSY;
        return new EngineFailure(code, code.message("no ComfyUI server can run " + template.name() + " now: " + why,
                "当前没有 ComfyUI 服务器能运行 " + template.name() + "：" + why), !anyReachable, "comfyui", null);
    }

    /** Follows a queued prompt to its end; cancellation deletes it from the queue or interrupts it. */
    private List<EngineOutput> follow(ComfyPools.Server server, State state, Template template, PromptWatch watch, RunContext context,
                                      Mode mode) throws EngineFailure {
        context.onCancel(() -> {
            if (context.stopRemoteJob()) {
                stopRemote(server, state);
            }
        });
        long nextHistoryCheck = System.currentTimeMillis() + HISTORY_EVERY_MILLIS;
        long cancelDeadline = Long.MAX_VALUE;
        try {
            while (true) {
                if (context.cancelled()) {
                    if (!context.stopRemoteJob()) {
                        throw cancelled(); // the worker stops; the prompt runs on and the next attempt resumes it
                    }
                    cancelDeadline = Math.min(cancelDeadline, System.currentTimeMillis() + settings.cancelGrace().toMillis());
                    if (System.currentTimeMillis() > cancelDeadline) {
                        throw cancelled();
                    }
                }
                Optional<PromptWatch.End> end = watch.awaitEnd(watch.closed() ? 1000 : 500);
                if (end.isPresent()) {
                    if (context.cancelled()) {
                        throw cancelled();
                    }
                    JsonNode history = awaitHistory(server, state);
                    return ended(server, state, template, history, context, mode);
                }
                if (watch.closed() || System.currentTimeMillis() >= nextHistoryCheck) {
                    nextHistoryCheck = System.currentTimeMillis() + (watch.closed() ? 1000 : HISTORY_EVERY_MILLIS);
                    Optional<JsonNode> history = server.client.history(state.promptId());
                    if (history.isPresent() && !history.get().path("status").path("status_str").asText().isEmpty()) {
                        if (context.cancelled()) {
                            throw cancelled();
                        }
                        return ended(server, state, template, history.get(), context, mode);
                    }
                    if (history.isEmpty() && !queued(server, state.promptId())) {
                        throw transientFailure(server, "the server no longer knows prompt " + state.promptId() + " (it restarted)", null);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cancelled();
        } catch (ComfyClient.Unreachable e) {
            if (context.cancelled()) {
                throw cancelled();
            }
            throw transientFailure(server, e.getMessage(), e);
        }
    }

    /** The history entry right after the socket reported the end (ComfyUI writes it as it sends the event). */
    private JsonNode awaitHistory(ComfyPools.Server server, State state) throws ComfyClient.Unreachable, InterruptedException {
        for (int i = 0; i < 50; i++) {
            Optional<JsonNode> history = server.client.history(state.promptId());
            if (history.isPresent() && !history.get().path("status").path("status_str").asText().isEmpty()) {
                return history.get();
            }
            Thread.sleep(100);
        }
        throw new ComfyClient.Unreachable("the prompt ended but /history has no entry for it", null);
    }

    /** Turns a finished history entry into outputs, or the failure it records. */
    private List<EngineOutput> ended(ComfyPools.Server server, State state, Template template, JsonNode history, RunContext context,
                                     Mode mode) throws EngineFailure, ComfyClient.Unreachable {
        JsonNode status = history.path("status");
        if (!"success".equals(status.path("status_str").asText())) {
            for (JsonNode message : status.path("messages")) {
                String type = message.path(0).asText();
                JsonNode data = message.path(1);
                if (type.equals("execution_error")) {
                    throw executionFailure(data);
                }
                if (type.equals("execution_interrupted")) {
                    if (context.cancelled()) {
                        throw cancelled();
                    }
                    throw transientFailure(server, "prompt " + state.promptId() + " was interrupted on the server (not by vedit)", null);
                }
            }
            throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "ComfyUI reports the prompt as " + status.path("status_str").asText(), "ComfyUI 报告该任务失败"), false, "comfyui", null);
        }
        context.progress(0.96);
        if (mode == Mode.WORKFLOW) {
            return WorkflowRun.collect(server.client, template, history, context);
        }
        List<EngineOutput> outputs = new ArrayList<>();
        int n = 0;
        for (String node : template.outputs()) {
            JsonNode out = history.path("outputs").path(node);
            for (String list : List.of("images", "videos", "gifs")) {
                for (JsonNode file : out.path(list)) {
                    String filename = file.path("filename").asText();
                    Path target = context.workDir().resolve("comfyui-" + (++n) + extension(Path.of(filename)));
                    server.client.view(filename, file.path("subfolder").asText(""), file.path("type").asText("output"), target);
                    Path result = Mp4Output.normalise(ffmpeg, target, context.timeLimit());
                    outputs.add(new EngineOutput(result, "mp4", node));
                }
            }
        }
        if (outputs.isEmpty()) {
            throw new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message(
                    "the workflow finished but its output nodes " + template.outputs() + " saved no file",
                    "工作流已完成，但输出节点 " + template.outputs() + " 没有保存任何文件"), false, "comfyui", null);
        }
        return outputs;
    }

    private boolean queued(ComfyPools.Server server, String promptId) throws ComfyClient.Unreachable {
        JsonNode queue = server.client.queue();
        for (String list : List.of("queue_running", "queue_pending")) {
            for (JsonNode entry : queue.path(list)) {
                if (promptId.equals(entry.path(1).asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Cancels our prompt only: removed from the queue while pending, interrupted (by its id) while running. */
    private void stopRemote(ComfyPools.Server server, State state) {
        Thread.ofVirtual().start(() -> {
            try {
                server.client.deleteFromQueue(state.promptId());
                server.client.interrupt(state.promptId());
            } catch (ComfyClient.Unreachable e) {
                log.warn("could not cancel prompt {} on {}: {}", state.promptId(), server.address(), e.getMessage());
            }
        });
    }

    private Template template(String endpoint) {
        Template template = templates.get(endpoint);
        if (template == null) {
            throw VeditException.of(ErrorCode.EDIT_NOT_SUPPORTED, "no ComfyUI template is set up for " + endpoint
                    + " (put one in --comfyui-templates as " + Templates.fileName(endpoint) + ")",
                    "未为 " + endpoint + " 配置 ComfyUI 模板（请在 --comfyui-templates 中放置 " + Templates.fileName(endpoint) + "）");
        }
        return template;
    }

    private EngineFailure noServer(Template template) {
        String why = pools.whyNot(template);
        // Unreachable servers may come back: retried. A template that no server can run fails at once.
        boolean transientFailure = pools.anyUnreachable(template);
        return new EngineFailure(ErrorCode.ENGINE_UNAVAILABLE, ErrorCode.ENGINE_UNAVAILABLE.message(
                "no ComfyUI server can run " + template.name() + " now: " + why,
                "当前没有 ComfyUI 服务器能运行 " + template.name() + "：" + why), transientFailure, "comfyui", null);
    }

    EngineFailure rejectedFailure(Template template, JsonNode body, ErrorCode code) {
        JsonNode errors = body.path("node_errors");
        String summary = errors.isEmpty() ? body.path("error").path("message").asText() + " " + body.path("error").path("details").asText("")
                : ComfyPools.summary(errors);
        Map<String, Object> reason = new LinkedHashMap<>();
        String node = errors.fieldNames().hasNext() ? errors.fieldNames().next() : "";
        reason.put("node_name", node.isEmpty() ? "" : errors.path(node).path("class_type").asText());
        reason.put("node_id", node);
        reason.put("exception_type", body.path("error").path("type").asText("prompt_rejected"));
        reason.put("exception_message", summary.strip());
        reason.put("node_errors", json.convertValue(errors, Map.class));
        return new EngineFailure(code, code.message(
                "ComfyUI rejected the workflow " + template.name() + ": " + summary.strip(),
                "ComfyUI 拒绝了工作流 " + template.name() + "：" + summary.strip()), false, "comfyui", null, reason);
    }

    private EngineFailure executionFailure(JsonNode data) {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("node_name", data.path("node_type").asText());
        reason.put("node_id", data.path("node_id").asText());
        reason.put("node_type", data.path("node_type").asText());
        reason.put("exception_type", data.path("exception_type").asText());
        reason.put("exception_message", data.path("exception_message").asText().strip());
        reason.put("traceback", json.convertValue(data.path("traceback"), List.class));
        String what = "node " + data.path("node_id").asText() + " (" + data.path("node_type").asText() + ") raised "
                + data.path("exception_type").asText() + ": " + data.path("exception_message").asText().strip();
        return new EngineFailure(ErrorCode.GENERATION_FAILED, ErrorCode.GENERATION_FAILED.message("ComfyUI " + what,
                "ComfyUI 节点 " + data.path("node_id").asText() + "（" + data.path("node_type").asText() + "）出错："
                        + data.path("exception_message").asText().strip()), false, data.path("node_type").asText(), null, reason);
    }

    private static EngineFailure transientFailure(ComfyPools.Server server, String why, Throwable cause) {
        return new EngineFailure(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.message(
                "ComfyUI server " + server.address() + ": " + why, "ComfyUI 服务器 " + server.address() + " 不可用或已重启"),
                true, "comfyui", cause);
    }

    private static EngineFailure cancelled() {
        return new EngineFailure(ErrorCode.TASK_CANCELLED, ErrorCode.TASK_CANCELLED.message(), false, "comfyui", null);
    }

    private PromptBuilder.Source source(EngineInputs inputs) throws EngineFailure {
        if (inputs.video() == null) {
            return null;
        }
        MediaInfo info = inputs.videoInfo();
        if (info == null) {
            try {
                info = ffmpeg.probe(inputs.video(), Duration.ofSeconds(30));
            } catch (VeditException e) {
                throw new EngineFailure(e.code(), e.getMessage(), false, "probe", e);
            }
        }
        return new PromptBuilder.Source(info.width(), info.height(), info.frameRate(), info.durationSeconds());
    }

    private static long seed(ValidatedRequest request) {
        return request.option("seed").map(s -> {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return -1L;
            }
        }).filter(s -> s >= 0).orElseGet(() -> RANDOM.nextLong() & 0xFFFF_FFFF_FFFFL);
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(java.util.Locale.ROOT);
    }

    private Optional<State> readState(String state) {
        try {
            return Optional.of(json.readValue(state, State.class));
        } catch (IOException e) {
            return Optional.empty(); // another engine's state (the route changed): start afresh
        }
    }

    private String write(State state) {
        try {
            return json.writeValueAsString(state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
