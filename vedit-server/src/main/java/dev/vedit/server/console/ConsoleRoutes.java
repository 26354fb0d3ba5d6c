package dev.vedit.server.console;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.http.V1Routes;
import dev.vedit.server.task.EngineRouter;
import dev.vedit.server.task.Task;
import dev.vedit.server.task.TaskEvent;
import dev.vedit.server.task.TaskService;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.VeditException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web console at {@code /console} (plain ES modules and CSS from the jar: no build step, no CDN, works offline) and
 * the API routes it needs beside the public ones: the model catalog, a dry-run plan, and a task's history.
 */
public final class ConsoleRoutes {
    /** The console's files: a fixed set, so no path from a request ever reaches the class loader. */
    private static final Map<String, String> ASSETS = Map.of(
            "app.js", "text/javascript;charset=utf-8",
            "i18n.js", "text/javascript;charset=utf-8",
            "app.css", "text/css;charset=utf-8");
    /** Quoted words in a refusal ("…" or “…” or 「…」): what the console highlights in the prompt. */
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]{1,200})\"|“([^”]{1,200})”|「([^」]{1,200})」");

    private final TaskService tasks;
    private final V1Routes v1;
    private final ModelCatalog catalog = ModelCatalog.standard();
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public ConsoleRoutes(TaskService tasks, V1Routes v1) {
        this.tasks = tasks;
        this.v1 = v1;
        files.put("index.html", resource("index.html"));
        ASSETS.keySet().forEach(name -> files.put(name, resource(name)));
    }

    public void install(JavalinConfig config) {
        var r = config.routes;
        r.get("/console", ctx -> page(ctx, "index.html", "text/html;charset=utf-8"));
        r.get("/console/{asset}", ctx -> {
            String type = ASSETS.get(ctx.pathParam("asset"));
            if (type == null) {
                ctx.status(404).contentType("text/plain;charset=utf-8").result("no such console file | 控制台文件不存在\n");
                return;
            }
            page(ctx, ctx.pathParam("asset"), type);
        });
        r.get("/vedit/v1/models", ctx -> v1.handle(ctx, account -> catalog.models()));
        r.post("/vedit/v1/plan", ctx -> v1.handle(ctx, account -> plan(v1.body(ctx))));
        r.get("/vedit/v1/tasks/{taskId}", ctx -> v1.handle(ctx, account -> {
            long id = V1Routes.longParam(ctx, "taskId");
            Task task = tasks.find(account, id).orElseThrow(() -> VeditException.of(ErrorCode.TASK_NOT_FOUND,
                    "no task " + id + " for this API key", "该 API Key 下不存在任务 " + id));
            List<Map<String, Object>> history = tasks.history(account, id).orElse(List.of()).stream().map(ConsoleRoutes::event).toList();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("task", tasks.view(task));
            data.put("endpoint", task.endpoint());
            data.put("engine", task.engine());
            data.put("request", tasks.request(task));
            data.put("createdAt", task.createdAt());
            data.put("startedAt", task.startedAt());
            data.put("finishedAt", task.finishedAt());
            data.put("attempts", task.attempt());
            data.put("maxAttempts", task.maxAttempts());
            data.put("history", history);
            return data;
        }));
    }

    /**
     * The preview of a submit: {@code {"model": "<endpoint>", …the model's fields}}. A refusal is an answer here, not
     * an error: {@code accepted: false} with the code and message a submit would get, and the quoted words.
     */
    private Map<String, Object> plan(JsonNode body) {
        String path = body.path("model").asText("");
        ModelSpec model = catalog.byPath(path).orElseThrow(() -> VeditException.of(ErrorCode.INVALID_PARAMETERS,
                "model must be one of " + String.join(", ", catalog.paths()) + " (got \"" + path + "\")",
                "model 必须是 " + String.join("、", catalog.paths()) + " 之一（当前为 \"" + path + "\"）"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("model", model.endpoint());
        try {
            EngineRouter.Planned planned = tasks.plan(model, withoutModel(body));
            data.put("accepted", true);
            data.put("engine", planned.engine().name());
            data.put("plan", planned.plan());
        } catch (VeditException e) {
            data.put("accepted", false);
            data.put("errorCode", e.code().code());
            data.put("errorMessage", e.getMessage());
            data.put("refused", quoted(e.getMessage()));
        }
        return data;
    }

    private static JsonNode withoutModel(JsonNode body) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = body.deepCopy();
        copy.remove("model");
        return copy;
    }

    static List<String> quoted(String message) {
        // The English half comes first; its quotes are the user's own words (the Chinese half repeats them).
        String english = message.contains(" | ") ? message.substring(0, message.indexOf(" | ")) : message;
        Matcher m = QUOTED.matcher(english);
        List<String> words = new java.util.ArrayList<>();
        while (m.find()) {
            for (int g = 1; g <= 3; g++) {
                if (m.group(g) != null && !words.contains(m.group(g))) {
                    words.add(m.group(g));
                }
            }
        }
        return words;
    }

    private static Map<String, Object> event(TaskEvent e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", e.at());
        m.put("status", e.status().name());
        m.put("attempt", e.attempt());
        m.put("errorCode", e.errorCode());
        m.put("message", e.message());
        return m;
    }

    private void page(Context ctx, String name, String type) {
        // The console holds an API key in sessionStorage: no framing by other sites, no scripts from anywhere else.
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: http: https:; "
                + "style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(type).result(files.get(name));
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("console file " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
