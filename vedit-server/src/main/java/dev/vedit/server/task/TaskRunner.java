package dev.vedit.server.task;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.Engine;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.engine.InputMedia;
import dev.vedit.server.engine.InputMode;
import dev.vedit.server.engine.RunContext;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.engine.WorkflowEngine;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.wire.FieldType;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.ValidatedRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one attempt of a task: inputs fetched and checked, the engine run, the outputs kept. */
final class TaskRunner {
    private final ObjectMapper json;
    private final EngineRouter engines;
    private final TaskMedia media;
    private final InputChecks checks;

    TaskRunner(ObjectMapper json, EngineRouter engines, TaskMedia media, InputChecks checks) {
        this.json = json;
        this.engines = engines;
        this.media = media;
        this.checks = checks;
    }

    List<TaskOutput> run(Task task, RunContext context) throws EngineFailure {
        if (task.endpoint().startsWith(WorkflowSubmission.ENDPOINT_PREFIX)) {
            return keep(task, runWorkflow(task, context), context);
        }
        ModelSpec model = ModelCatalog.standard().byPath(task.endpoint())
                .orElseThrow(() -> new EngineFailure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.message(
                        "the task's model " + task.endpoint() + " is not in this server's catalog",
                        "任务的模型 " + task.endpoint() + " 不在本服务的模型目录中"), false));
        ValidatedRequest request;
        EditPlan plan;
        try {
            request = new ValidatedRequest(model, (ObjectNode) json.readTree(task.requestJson()), task.webhookUrl());
            plan = json.readValue(task.planJson(), EditPlan.class);
        } catch (IOException e) {
            throw new EngineFailure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.message(
                    "the stored task could not be read", "无法读取已保存的任务"), false, null, e);
        }
        Engine engine = engines.byName(task.engine());

        EngineInputs inputs = engine.inputMode() == InputMode.URLS
                ? new EngineInputs(request, null, null, List.of(), ownMedia(request))
                : fetched(request, model, context.workDir().resolve("in"));
        if (context.cancelled()) {
            throw cancelled();
        }
        List<EngineOutput> outputs = engine.run(plan, inputs, context);
        return keep(task, outputs, context);
    }

    private List<TaskOutput> keep(Task task, List<EngineOutput> outputs, RunContext context) throws EngineFailure {
        if (context.cancelled()) {
            throw cancelled();
        }
        List<TaskOutput> kept = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            kept.add(media.keep(task.accountId(), i, outputs.get(i)));
        }
        return kept;
    }

    /** A workflow task: its media fetched (the outbound rules of model inputs), then the whole graph run. */
    private List<EngineOutput> runWorkflow(Task task, RunContext context) throws EngineFailure {
        Engine engine = engines.byName(task.engine());
        WorkflowEngine workflows = engine.workflows().orElse(null);
        if (workflows == null) {
            throw new EngineFailure(ErrorCode.ENGINE_UNAVAILABLE, ErrorCode.ENGINE_UNAVAILABLE.message(
                    "the engine " + task.engine() + " cannot run workflows", "引擎 " + task.engine() + " 无法运行工作流"), false);
        }
        JsonNode request;
        try {
            request = json.readTree(task.requestJson());
        } catch (IOException e) {
            throw new EngineFailure(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.message(
                    "the stored task could not be read", "无法读取已保存的任务"), false, null, e);
        }
        List<WorkflowEngine.Media> files = new ArrayList<>();
        int i = 0;
        for (JsonNode m : request.path("media")) {
            WorkflowEngine.MediaKind kind = WorkflowEngine.MediaKind.valueOf(m.path("kind").asText());
            String where = "node " + m.path("nodeId").asText() + "." + m.path("fieldName").asText();
            FieldSpec field = new FieldSpec(where, switch (kind) {
                case IMAGE -> FieldType.IMAGE;
                case VIDEO -> FieldType.VIDEO;
                case AUDIO -> FieldType.AUDIO;
            }, false, false, 1, 0, 0, List.of(), null, List.of(), null, null);
            Path file = media.fetch(m.path("url").asText(), field, context.workDir().resolve("in").resolve("media-" + (++i)));
            if (kind == WorkflowEngine.MediaKind.IMAGE) {
                checks.checkImage(file, field, i - 1); // readable, and within the largest side; videos are the workflow's to judge
            }
            files.add(new WorkflowEngine.Media(m.path("nodeId").asText(), m.path("fieldName").asText(), file));
        }
        if (context.cancelled()) {
            throw cancelled();
        }
        WorkflowEngine.Graph graph = new WorkflowEngine.Graph(request.path("workflowKey").asText(), (ObjectNode) request.path("graph"),
                request.path("instanceType").asText());
        return workflows.runWorkflow(graph, files, context);
    }

    /** The task's media fetched into {@code dir} and checked against the model's limits, before any engine work. */
    private EngineInputs fetched(ValidatedRequest request, ModelSpec model, Path dir) throws EngineFailure {
        Path video = null;
        MediaInfo videoInfo = null;
        if (request.videoUrl().isPresent()) {
            FieldSpec field = model.videoField().orElseThrow();
            video = media.fetch(request.videoUrl().get(), field, dir);
            videoInfo = checks.checkVideo(video, field, model);
        }
        List<Path> images = new ArrayList<>();
        List<String> imageUrls = request.imageUrls();
        for (int i = 0; i < imageUrls.size(); i++) {
            FieldSpec field = model.imageField().orElseThrow();
            Path image = media.fetch(imageUrls.get(i), field, dir.resolve("image-" + (i + 1)));
            checks.checkImage(image, field, i);
            images.add(image);
        }
        return new EngineInputs(request, video, videoInfo, images, ownMedia(request));
    }

    /** This server's own files, for an engine that passes URLs on and must upload what only we can reach. */
    private InputMedia ownMedia(ValidatedRequest request) {
        ModelSpec model = request.model();
        return new InputMedia() {
            @Override
            public boolean isOwn(String url) {
                return media.isOwnUrl(url);
            }

            @Override
            public Path copy(String url, Path dir) throws EngineFailure {
                boolean video = request.videoUrl().filter(url::equals).isPresent();
                FieldSpec field = (video ? model.videoField() : model.imageField()).orElseThrow();
                return media.fetch(url, field, dir);
            }
        };
    }

    static EngineFailure cancelled() {
        return new EngineFailure(ErrorCode.TASK_CANCELLED, ErrorCode.TASK_CANCELLED.message(), false, "worker", null);
    }
}
