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
import dev.vedit.server.facts.MediaInfo;
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
    private final MediaChecks checks;

    TaskRunner(ObjectMapper json, EngineRouter engines, TaskMedia media, MediaChecks checks) {
        this.json = json;
        this.engines = engines;
        this.media = media;
        this.checks = checks;
    }

    List<TaskOutput> run(Task task, RunContext context) throws EngineFailure {
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
        if (context.cancelled()) {
            throw cancelled();
        }
        List<TaskOutput> kept = new ArrayList<>();
        for (int i = 0; i < outputs.size(); i++) {
            kept.add(media.keep(task.accountId(), i, outputs.get(i)));
        }
        return kept;
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
