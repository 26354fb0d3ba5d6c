package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.comfyui.FakeComfyNodes.NodeFailure;
import dev.vedit.server.engine.comfyui.FakeComfyNodes.Result;
import dev.vedit.server.ffmpeg.Ffmpeg;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.UploadedFile;
import io.javalin.websocket.WsContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A fake ComfyUI 0.8.0 for tests: a real HTTP and websocket server on a random loopback port that answers as the
 * recordings in {@code shared/comfyui-protocol} show (routes, reply shapes, error bodies, websocket message order,
 * interrupt at node boundaries, queue forgotten on restart) and produces real output files with FFmpeg.
 *
 * <p>One prompt runs at a time on a background thread, in queue order. Files live in a temporary directory
 * ({@code input/}, {@code output/}) that survives {@link #restart()} and {@link #kill()}, as a real server's disk
 * does; queue, history and cache do not. Test counters survive both, so a test can tell how often a server saw a
 * prompt across restarts. Thread-safe.
 */
public final class FakeComfyUi implements AutoCloseable {
    private static final ObjectMapper MAPPER = FakeComfyCatalog.MAPPER;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "webm", "mkv", "mov", "avi", "m4v", "gif");
    private static final byte[] PREVIEW_PNG = previewPng();

    private final Path root;
    private final Path inputDir;
    private final Path outputDir;
    private final Ffmpeg ffmpeg;
    private final Object lock = new Object();
    private int port;
    private Javalin app;
    private Life life;
    private volatile boolean caching = true;
    private volatile Duration stepDelay = Duration.ofMillis(20);
    private final Map<String, Failure> failing = new ConcurrentHashMap<>();
    private final Map<String, List<String>> modelFiles = new ConcurrentHashMap<>(Map.of(
            "UNETLoader", FakeComfyCatalog.DEFAULT_UNETS,
            "CLIPLoader", FakeComfyCatalog.DEFAULT_CLIPS,
            "VAELoader", FakeComfyCatalog.DEFAULT_VAES));
    private final Set<String> removedClasses = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> promptsReceived = new ConcurrentHashMap<>();
    private final AtomicInteger interrupts = new AtomicInteger();
    private final AtomicInteger deletes = new AtomicInteger();
    private final AtomicInteger uploads = new AtomicInteger();
    private final Map<WsContext, String> sockets = new ConcurrentHashMap<>();

    private record Failure(String exceptionType, String message) {
    }

    /** Starts a fake on a random loopback port, finding FFmpeg the way the other tests do. */
    public FakeComfyUi() {
        this(Ffmpeg.locate(Path.of("target", "ffmpeg-cache")));
    }

    public FakeComfyUi(Ffmpeg ffmpeg) {
        this.ffmpeg = ffmpeg;
        try {
            root = Files.createTempDirectory("fake-comfyui");
            inputDir = Files.createDirectories(root.resolve("input"));
            outputDir = Files.createDirectories(root.resolve("output"));
            Files.createDirectories(root.resolve("temp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    // ---------------------------------------------------------------- test controls

    /** The base URL, e.g. {@code http://127.0.0.1:41234} (no trailing slash); the same across restarts. */
    public String url() {
        synchronized (lock) {
            return "http://127.0.0.1:" + port;
        }
    }

    /** The websocket URL for a client id, e.g. {@code ws://127.0.0.1:41234/ws?clientId=abc}. */
    public String wsUrl(String clientId) {
        return url().replace("http://", "ws://") + "/ws?clientId=" + clientId;
    }

    public Path inputDir() {
        return inputDir;
    }

    public Path outputDir() {
        return outputDir;
    }

    /** Starts the server again after {@link #kill()}, on the same port, with an empty queue and history. */
    public void start() {
        synchronized (lock) {
            if (app != null) {
                throw new IllegalStateException("the fake ComfyUI is already running");
            }
            life = new Life();
            Javalin started = Javalin.create(this::configure);
            started.start("127.0.0.1", port);
            app = started;
            port = started.port();
            life.worker.start();
        }
    }

    /**
     * Stops answering, as a killed process does: connections are refused and websockets close. The queue, the
     * running prompt and the history are lost; files on disk stay. {@link #start()} brings it back.
     */
    public void kill() {
        Javalin stopping;
        Life dying;
        synchronized (lock) {
            stopping = app;
            dying = life;
            app = null;
            life = null;
        }
        if (dying != null) {
            dying.die();
        }
        if (stopping != null) {
            stopping.stop();
        }
        sockets.clear();
    }

    /** A restart: same port, queue and history forgotten, an in-flight prompt lost. */
    public void restart() {
        kill();
        start();
    }

    @Override
    public void close() {
        kill();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind is harmless
        }
    }

    /** How long KSampler takes per step (default 20 ms); other nodes take what FFmpeg takes. */
    public void setStepDelay(Duration delay) {
        stepDelay = delay;
    }

    /** Every node of {@code classType} fails at run time with an {@code execution_error} of this type and message. */
    public void failNodeType(String classType, String exceptionType, String message) {
        failing.put(classType, new Failure(exceptionType, message));
    }

    public void clearFailures() {
        failing.clear();
    }

    /** The model files a loader (UNETLoader, CLIPLoader, VAELoader) lists and accepts. */
    public void setModelFiles(String loaderClass, List<String> files) {
        if (!FakeComfyCatalog.MODEL_INPUTS.containsKey(loaderClass)) {
            throw new IllegalArgumentException(loaderClass + " is not a model loader; use one of "
                    + FakeComfyCatalog.MODEL_INPUTS.keySet());
        }
        modelFiles.put(loaderClass, List.copyOf(files));
    }

    /** The server no longer knows this node class (object_info omits it; prompts using it are invalid). */
    public void removeNodeClass(String classType) {
        removedClasses.add(classType);
    }

    /** ComfyUI caches node results between prompts (on by default, as in ComfyUI); off, every node runs each time. */
    public void setCaching(boolean on) {
        caching = on;
    }

    /** How many times a prompt with this id was POSTed to /prompt (across restarts). */
    public int promptsReceived(String promptId) {
        AtomicInteger n = promptsReceived.get(promptId);
        return n == null ? 0 : n.get();
    }

    /** POSTs to /interrupt. */
    public int interrupts() {
        return interrupts.get();
    }

    /** Prompt ids named in POST /queue {"delete": [...]}. */
    public int deletes() {
        return deletes.get();
    }

    /** Files uploaded through /upload/image. */
    public int uploads() {
        return uploads.get();
    }

    /** The prompt running now, or {@code null}. */
    public String runningPromptId() {
        Life l = currentLife();
        if (l == null) {
            return null;
        }
        synchronized (l) {
            return l.running == null ? null : l.running.id;
        }
    }

    /** Waits until {@code promptId} runs. */
    public void awaitRunning(String promptId, Duration timeout) throws InterruptedException, TimeoutException {
        awaitState(promptId, timeout, false);
    }

    /** Waits until {@code promptId} is in the history (finished, failed or interrupted). */
    public void awaitFinished(String promptId, Duration timeout) throws InterruptedException, TimeoutException {
        awaitState(promptId, timeout, true);
    }

    /** Waits until the node {@code nodeId} of {@code promptId} runs. */
    public void awaitNode(String promptId, String nodeId, Duration timeout) throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + timeout.toNanos();
        Life l = runningLife();
        synchronized (l) {
            while (!(l.running != null && l.running.id.equals(promptId) && nodeId.equals(l.running.currentNode))) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("prompt " + promptId + " did not reach node " + nodeId + " within " + timeout);
                }
                l.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private void awaitState(String promptId, Duration timeout, boolean finished) throws InterruptedException, TimeoutException {
        long end = System.nanoTime() + timeout.toNanos();
        Life l = runningLife();
        synchronized (l) {
            while (!(finished ? l.history.containsKey(promptId) : l.running != null && l.running.id.equals(promptId))) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new TimeoutException("prompt " + promptId + (finished ? " did not finish" : " did not start")
                            + " within " + timeout);
                }
                l.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    private Life currentLife() {
        synchronized (lock) {
            return life;
        }
    }

    private Life runningLife() {
        Life l = currentLife();
        if (l == null) {
            throw new IllegalStateException("the fake ComfyUI is killed; start() it first");
        }
        return l;
    }

    // ---------------------------------------------------------------- routes

    private void configure(io.javalin.config.JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.jetty.multipartConfig.cacheDirectory(root.resolve("temp").toString());
        // ComfyUI serves every route both at /x and at /api/x.
        for (String base : List.of("", "/api")) {
            config.routes.get(base + "/system_stats", this::systemStats);
            config.routes.get(base + "/queue", guarded(this::getQueue));
            config.routes.post(base + "/queue", guarded(this::postQueue));
            config.routes.get(base + "/prompt", guarded(this::getPrompt));
            config.routes.post(base + "/prompt", guarded(this::postPrompt));
            config.routes.post(base + "/upload/image", this::upload);
            config.routes.get(base + "/history", guarded(this::historyList));
            config.routes.post(base + "/history", guarded(this::postHistory));
            config.routes.get(base + "/history/{id}", guarded(this::historyOne));
            config.routes.get(base + "/view", this::view);
            config.routes.post(base + "/interrupt", guarded(this::interrupt));
            config.routes.get(base + "/object_info", ctx -> json(ctx, 200, catalog()));
            config.routes.get(base + "/object_info/{cls}", ctx -> {
                ObjectNode all = catalog();
                ObjectNode one = JSON.objectNode();
                JsonNode info = all.get(ctx.pathParam("cls"));
                if (info != null) {
                    one.set(ctx.pathParam("cls"), info);
                }
                json(ctx, 200, one);
            });
            config.routes.ws(base + "/ws", ws -> {
                ws.onConnect(ctx -> {
                    String sid = ctx.queryParam("clientId");
                    if (sid == null || sid.isBlank()) {
                        sid = UUID.randomUUID().toString().replace("-", "");
                    }
                    sockets.put(ctx, sid);
                    Life l = currentLife();
                    ObjectNode status = statusData(l == null ? 0 : l.remaining());
                    status.put("sid", sid);
                    sendTo(ctx, message("status", status));
                    ObjectNode flags = JSON.objectNode().put("supports_preview_metadata", true)
                            .put("max_upload_size", 104857600);
                    flags.putObject("extension").putObject("manager").put("supports_v4", true);
                    sendTo(ctx, message("feature_flags", flags));
                });
                ws.onClose(sockets::remove);
                ws.onError(sockets::remove);
                ws.onMessage(ctx -> {
                    // ComfyUI reads feature flags from clients; nothing to answer.
                });
            });
        }
        config.routes.get("/api/jobs", guarded(this::jobsList));
        config.routes.get("/api/jobs/{id}", guarded(this::jobOne));
    }

    /** A handler of the current life; a request racing a kill gets a 503 rather than a half-dead answer. */
    private Handler guarded(LifeHandler h) {
        return ctx -> {
            Life l = currentLife();
            if (l == null) {
                ctx.status(503);
                return;
            }
            h.handle(ctx, l);
        };
    }

    @FunctionalInterface
    private interface LifeHandler {
        void handle(Context ctx, Life life) throws Exception;
    }

    private ObjectNode catalog() {
        List<String> images = new ArrayList<>();
        List<String> videos = new ArrayList<>();
        try (Stream<Path> files = Files.list(inputDir)) {
            files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().forEach(name -> {
                (VIDEO_EXTENSIONS.contains(extension(name)) ? videos : images).add(name);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode all = FakeComfyCatalog.objectInfo(new FakeComfyCatalog.Inputs(Map.copyOf(modelFiles), images, videos));
        removedClasses.forEach(all::remove);
        return all;
    }

    private void systemStats(Context ctx) {
        ObjectNode r = JSON.objectNode();
        ObjectNode sys = r.putObject("system");
        sys.put("os", "linux").put("ram_total", 25275953152L).put("ram_free", 23552303104L)
                .put("comfyui_version", "0.8.0").put("required_frontend_version", "1.35.9")
                .putNull("installed_templates_version");
        sys.put("required_templates_version", "0.7.67").put("python_version", "3.11.2 (fake)")
                .put("pytorch_version", "1.13.0a0").put("embedded_python", false);
        sys.putArray("argv").add("main.py").add("--cpu").add("--listen").add("127.0.0.1").add("--port").add(String.valueOf(port));
        ObjectNode dev = r.putArray("devices").addObject();
        dev.put("name", "cpu").put("type", "cpu").putNull("index");
        dev.put("vram_total", 25275953152L).put("vram_free", 23552303104L)
                .put("torch_vram_total", 25275953152L).put("torch_vram_free", 23552303104L);
        json(ctx, 200, r);
    }

    private void getQueue(Context ctx, Life l) {
        ObjectNode r = JSON.objectNode();
        ArrayNode running = r.putArray("queue_running");
        ArrayNode pending = r.putArray("queue_pending");
        synchronized (l) {
            if (l.running != null) {
                running.add(l.running.queueItem());
            }
            l.pending.forEach(j -> pending.add(j.queueItem()));
        }
        json(ctx, 200, r);
    }

    private void getPrompt(Context ctx, Life l) {
        json(ctx, 200, statusData(l.remaining()).get("status"));
    }

    private void postQueue(Context ctx, Life l) throws IOException {
        JsonNode body = parse(ctx);
        synchronized (l) {
            if (body.path("clear").asBoolean(false)) {
                l.pending.clear();
            }
            for (JsonNode id : body.path("delete")) {
                deletes.incrementAndGet();
                l.pending.removeIf(j -> j.id.equals(id.asText()));
            }
        }
        broadcastStatus(l);
        empty(ctx, 200);
    }

    private void interrupt(Context ctx, Life l) throws IOException {
        interrupts.incrementAndGet();
        JsonNode body = ctx.body().isBlank() ? JSON.objectNode() : parse(ctx);
        String target = body.path("prompt_id").asText(null);
        synchronized (l) {
            // With a prompt_id only that prompt is interrupted, and only while it is the one running.
            if (l.running != null && (target == null || target.equals(l.running.id))) {
                l.running.interrupted = true;
            }
        }
        empty(ctx, 200);
    }

    private void upload(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("image");
        if (file == null) {
            empty(ctx, 400);
            return;
        }
        String type = ctx.formParam("type") == null || ctx.formParam("type").isBlank() ? "input" : ctx.formParam("type");
        String subfolder = ctx.formParam("subfolder") == null ? "" : ctx.formParam("subfolder");
        boolean overwrite = "true".equals(ctx.formParam("overwrite")) || "1".equals(ctx.formParam("overwrite"));
        Path base = switch (type) {
            case "input" -> inputDir;
            case "output" -> outputDir;
            case "temp" -> root.resolve("temp");
            default -> null;
        };
        String name = Path.of(file.filename()).getFileName().toString();
        if (base == null || name.isBlank() || !insideDir(base, subfolder.isEmpty() ? name : subfolder + "/" + name)) {
            empty(ctx, 400);
            return;
        }
        Path dir = base.resolve(subfolder).normalize();
        Files.createDirectories(dir);
        if (!overwrite) {
            // ComfyUI keeps the existing file and names the new one "name (1).ext", "name (2).ext", …
            String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
            String ext = name.contains(".") ? name.substring(name.lastIndexOf('.')) : "";
            for (int i = 1; Files.exists(dir.resolve(name)); i++) {
                name = stem + " (" + i + ")" + ext;
            }
        }
        try (InputStream in = file.content()) {
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
        uploads.incrementAndGet();
        json(ctx, 200, JSON.objectNode().put("name", name).put("subfolder", subfolder).put("type", type));
    }

    private void view(Context ctx) throws IOException {
        String filename = ctx.queryParam("filename");
        String type = ctx.queryParam("type") == null ? "output" : ctx.queryParam("type");
        String subfolder = ctx.queryParam("subfolder") == null ? "" : ctx.queryParam("subfolder");
        if (filename == null || filename.isEmpty() || filename.startsWith("/") || filename.contains("..")) {
            empty(ctx, 400);
            return;
        }
        Path base = switch (type) {
            case "input" -> inputDir;
            case "temp" -> root.resolve("temp");
            default -> outputDir;
        };
        String relative = subfolder.isEmpty() ? filename : subfolder + "/" + filename;
        if (!insideDir(base, relative)) {
            empty(ctx, 403);
            return;
        }
        Path file = base.resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
            empty(ctx, 404);
            return;
        }
        ctx.status(200).contentType(contentType(filename)).header("Content-Disposition", "filename=\"" + filename + "\"")
                .result(Files.readAllBytes(file));
    }

    private void historyOne(Context ctx, Life l) {
        ObjectNode r = JSON.objectNode();
        synchronized (l) {
            Job j = l.history.get(ctx.pathParam("id"));
            if (j != null) {
                r.set(j.id, j.historyEntry());
            }
        }
        json(ctx, 200, r);
    }

    private void historyList(Context ctx, Life l) {
        ObjectNode r = JSON.objectNode();
        int max = ctx.queryParam("max_items") == null ? Integer.MAX_VALUE : Integer.parseInt(ctx.queryParam("max_items"));
        int offset = ctx.queryParam("offset") == null ? -1 : Integer.parseInt(ctx.queryParam("offset"));
        synchronized (l) {
            List<Job> all = new ArrayList<>(l.history.values());
            int from = offset < 0 ? Math.max(0, all.size() - max) : Math.min(offset, all.size());
            for (Job j : all.subList(from, Math.min(all.size(), from + Math.min(max, all.size())))) {
                r.set(j.id, j.historyEntry());
            }
        }
        json(ctx, 200, r);
    }

    private void postHistory(Context ctx, Life l) throws IOException {
        JsonNode body = parse(ctx);
        synchronized (l) {
            if (body.path("clear").asBoolean(false)) {
                l.history.clear();
            }
            for (JsonNode id : body.path("delete")) {
                l.history.remove(id.asText());
            }
        }
        empty(ctx, 200);
    }

    private void jobsList(Context ctx, Life l) {
        Set<String> statuses = new LinkedHashSet<>();
        String filter = ctx.queryParam("status");
        if (filter != null && !filter.isBlank()) {
            List<String> bad = new ArrayList<>();
            for (String s : filter.split(",")) {
                s = s.trim();
                if (List.of("pending", "in_progress", "completed", "failed").contains(s)) {
                    statuses.add(s);
                } else {
                    bad.add(s);
                }
            }
            if (!bad.isEmpty()) {
                json(ctx, 400, JSON.objectNode().put("error", "Invalid status value(s): " + String.join(", ", bad)
                        + ". Valid values: pending, in_progress, completed, failed"));
                return;
            }
        }
        Integer limit = ctx.queryParam("limit") == null ? null : Integer.valueOf(ctx.queryParam("limit"));
        int offset = ctx.queryParam("offset") == null ? 0 : Integer.parseInt(ctx.queryParam("offset"));
        List<Job> jobs = new ArrayList<>();
        synchronized (l) {
            jobs.addAll(l.pending);
            if (l.running != null) {
                jobs.add(l.running);
            }
            jobs.addAll(l.history.values());
        }
        jobs.removeIf(j -> !statuses.isEmpty() && !statuses.contains(j.jobStatus()));
        jobs.sort(Comparator.comparingLong((Job j) -> j.createTime).reversed());
        ObjectNode r = JSON.objectNode();
        ArrayNode list = r.putArray("jobs");
        int end = limit == null ? jobs.size() : Math.min(jobs.size(), offset + limit);
        for (int i = Math.min(offset, jobs.size()); i < end; i++) {
            list.add(jobs.get(i).job(false));
        }
        ObjectNode page = r.putObject("pagination").put("offset", offset);
        if (limit == null) {
            page.putNull("limit");
        } else {
            page.put("limit", limit);
        }
        page.put("total", jobs.size()).put("has_more", end < jobs.size());
        json(ctx, 200, r);
    }

    private void jobOne(Context ctx, Life l) {
        String id = ctx.pathParam("id");
        Job found = null;
        synchronized (l) {
            if (l.running != null && l.running.id.equals(id)) {
                found = l.running;
            }
            for (Job j : l.pending) {
                if (j.id.equals(id)) {
                    found = j;
                }
            }
            if (l.history.containsKey(id)) {
                found = l.history.get(id);
            }
            if (found != null) {
                json(ctx, 200, found.job(true));
                return;
            }
        }
        json(ctx, 404, JSON.objectNode().put("error", "Job not found"));
    }

    // ---------------------------------------------------------------- POST /prompt

    private void postPrompt(Context ctx, Life l) throws IOException {
        JsonNode body = parse(ctx);
        String id = body.hasNonNull("prompt_id") ? body.get("prompt_id").asText() : UUID.randomUUID().toString();
        promptsReceived.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        JsonNode prompt = body.get("prompt");
        if (prompt == null || prompt.isNull()) {
            json(ctx, 400, errorReply("no_prompt", "No prompt provided", "No prompt provided"));
            return;
        }
        if (!prompt.isObject()) {
            json(ctx, 400, errorReply("invalid_prompt", "Invalid prompt: prompt must be a dictionary", ""));
            return;
        }
        ObjectNode catalog = catalog();
        Map<String, ObjectNode> infos = new HashMap<>();
        catalog.properties().forEach(e -> infos.put(e.getKey(), (ObjectNode) e.getValue()));
        List<String> outputs = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : prompt.properties()) {
            JsonNode node = e.getValue();
            if (!node.hasNonNull("class_type")) {
                json(ctx, 400, errorReply("invalid_prompt",
                        "Cannot execute because a node is missing the class_type property.", "Node ID '#" + e.getKey() + "'"));
                return;
            }
            String cls = node.get("class_type").asText();
            ObjectNode info = infos.get(cls);
            if (info == null) {
                json(ctx, 400, errorReply("invalid_prompt", "Cannot execute because node " + cls + " does not exist.",
                        "Node ID '#" + e.getKey() + "'"));
                return;
            }
            if (info.path("output_node").asBoolean()) {
                outputs.add(e.getKey());
            }
        }
        if (outputs.isEmpty()) {
            json(ctx, 400, errorReply("prompt_no_outputs", "Prompt has no outputs", ""));
            return;
        }
        // Each output's tree is validated; a node's errors are reported once, with every output depending on it.
        Map<String, List<ObjectNode>> errorsByNode = new LinkedHashMap<>();
        Map<String, Set<String>> dependents = new LinkedHashMap<>();
        List<String> good = new ArrayList<>();
        for (String out : outputs) {
            boolean ok = true;
            for (String nodeId : ancestors(prompt, out)) {
                JsonNode node = prompt.get(nodeId);
                List<ObjectNode> errs = errorsByNode.computeIfAbsent(nodeId, k ->
                        FakeComfyCatalog.inputErrors(infos.get(node.path("class_type").asText()), node, prompt, inputDir, infos));
                if (!errs.isEmpty()) {
                    ok = false;
                    dependents.computeIfAbsent(nodeId, k -> new LinkedHashSet<>()).add(out);
                }
            }
            if (ok) {
                good.add(out);
            }
        }
        ObjectNode nodeErrors = JSON.objectNode();
        dependents.forEach((nodeId, outs) -> {
            ObjectNode ne = nodeErrors.putObject(nodeId);
            ArrayNode errs = ne.putArray("errors");
            errorsByNode.get(nodeId).forEach(errs::add);
            ArrayNode deps = ne.putArray("dependent_outputs");
            outs.forEach(deps::add);
            ne.put("class_type", prompt.get(nodeId).get("class_type").asText());
        });
        if (good.isEmpty()) {
            ObjectNode r = JSON.objectNode();
            r.set("error", FakeComfyCatalog.error("prompt_outputs_failed_validation", "Prompt outputs failed validation", "",
                    JSON.objectNode()));
            r.set("node_errors", nodeErrors);
            json(ctx, 400, r);
            return;
        }
        ObjectNode extra = body.path("extra_data").isObject() ? ((ObjectNode) body.get("extra_data")).deepCopy() : JSON.objectNode();
        String clientId = body.hasNonNull("client_id") ? body.get("client_id").asText() : null;
        if (clientId != null) {
            extra.put("client_id", clientId);
        }
        long now = System.currentTimeMillis();
        extra.put("create_time", now);
        Job job;
        synchronized (l) {
            int number = body.has("number") ? body.get("number").asInt() : l.number++;
            job = new Job(id, number, (ObjectNode) prompt.deepCopy(), extra, good, clientId, now);
            l.pending.add(job);
            l.pending.sort(Comparator.comparingInt(j -> j.number));
            // The queue's new length goes out before the worker may pick the prompt up, as in ComfyUI.
            broadcastStatus(l);
            l.notifyAll();
        }
        ObjectNode r = JSON.objectNode().put("prompt_id", id).put("number", job.number);
        r.set("node_errors", nodeErrors);
        json(ctx, 200, r);
    }

    /** The nodes an output needs, inputs before the nodes that use them (ComfyUI's execution order). */
    private static List<String> ancestors(JsonNode prompt, String out) {
        List<String> order = new ArrayList<>();
        visit(prompt, out, order, new HashSet<>());
        return order;
    }

    private static void visit(JsonNode prompt, String id, List<String> order, Set<String> seen) {
        if (!seen.add(id) || !prompt.has(id)) {
            return;
        }
        for (JsonNode v : prompt.get(id).path("inputs")) {
            if (FakeComfyCatalog.isLink(v)) {
                visit(prompt, v.get(0).asText(), order, seen);
            }
        }
        order.add(id);
    }

    private static ObjectNode errorReply(String type, String message, String details) {
        ObjectNode r = JSON.objectNode();
        r.set("error", FakeComfyCatalog.error(type, message, details, JSON.objectNode()));
        r.putObject("node_errors");
        return r;
    }

    // ---------------------------------------------------------------- one server life: queue, history, worker

    /** Everything a ComfyUI process keeps in memory; a restart throws it away. */
    private final class Life {
        final List<Job> pending = new ArrayList<>();
        final LinkedHashMap<String, Job> history = new LinkedHashMap<>();
        final Map<String, Result> cache = new HashMap<>();
        Job running;
        int number;
        volatile boolean dead;
        final Thread worker = new Thread(this::loop, "fake-comfyui-worker");

        Life() {
            // A test that forgets close() must not keep the JVM alive.
            worker.setDaemon(true);
        }

        int remaining() {
            synchronized (this) {
                return pending.size() + (running == null ? 0 : 1);
            }
        }

        void die() {
            dead = true;
            worker.interrupt();
        }

        private void loop() {
            while (!dead) {
                Job job;
                synchronized (this) {
                    while (pending.isEmpty() && !dead) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (dead) {
                        return;
                    }
                    job = pending.remove(0);
                    running = job;
                    notifyAll();
                }
                try {
                    execute(this, job);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    if (dead) {
                        return;
                    }
                    throw e;
                }
                synchronized (this) {
                    running = null;
                    notifyAll();
                }
                sendEnd(this, job);
            }
        }
    }

    private static final class Job {
        final String id;
        final int number;
        final ObjectNode prompt;
        final ObjectNode extra;
        final List<String> outputs;
        final String clientId;
        final long createTime;
        final ArrayNode messages = JSON.arrayNode();
        final ObjectNode uiOutputs = JSON.objectNode();
        final ObjectNode meta = JSON.objectNode();
        volatile boolean interrupted;
        volatile String currentNode;
        // Written by the worker, read by request threads.
        volatile long startTime;
        volatile long endTime;
        volatile String statusStr;
        volatile ObjectNode executionError;

        Job(String id, int number, ObjectNode prompt, ObjectNode extra, List<String> outputs, String clientId, long createTime) {
            this.id = id;
            this.number = number;
            this.prompt = prompt;
            this.extra = extra;
            this.outputs = outputs;
            this.clientId = clientId;
            this.createTime = createTime;
        }

        ArrayNode queueItem() {
            ArrayNode item = JSON.arrayNode().add(number).add(id);
            item.add(prompt).add(extra);
            ArrayNode outs = item.addArray();
            outputs.forEach(outs::add);
            return item;
        }

        ObjectNode historyEntry() {
            ObjectNode e = JSON.objectNode();
            e.set("prompt", queueItem());
            e.set("outputs", uiOutputs);
            ObjectNode status = e.putObject("status").put("status_str", statusStr).put("completed", "success".equals(statusStr));
            status.set("messages", messages);
            e.set("meta", meta);
            return e;
        }

        String jobStatus() {
            if (statusStr != null) {
                return "success".equals(statusStr) ? "completed" : "failed";
            }
            return startTime > 0 ? "in_progress" : "pending";
        }

        ObjectNode job(boolean detail) {
            ObjectNode j = JSON.objectNode().put("id", id).put("status", jobStatus()).put("priority", number)
                    .put("create_time", createTime);
            if (statusStr == null) {
                j.put("outputs_count", 0);
                return j;
            }
            j.put("execution_start_time", startTime).put("execution_end_time", endTime);
            if (executionError != null) {
                j.set("execution_error", executionError);
            }
            int count = 0;
            ObjectNode preview = null;
            for (var e : uiOutputs.properties()) {
                for (JsonNode item : e.getValue().path("images")) {
                    count++;
                    if (preview == null) {
                        preview = item.deepCopy();
                        preview.put("nodeId", e.getKey()).put("mediaType", "images");
                    }
                }
            }
            j.put("outputs_count", count);
            if (preview != null) {
                j.set("preview_output", preview);
            }
            if (detail) {
                j.set("outputs", uiOutputs);
                ObjectNode status = j.putObject("execution_status").put("status_str", statusStr)
                        .put("completed", "success".equals(statusStr));
                status.set("messages", messages);
                ObjectNode wf = j.putObject("workflow");
                wf.set("prompt", prompt);
                wf.set("extra_data", extra);
            }
            return j;
        }
    }

    // ---------------------------------------------------------------- execution

    private void execute(Life l, Job job) throws InterruptedException {
        job.startTime = System.currentTimeMillis();
        broadcastStatus(l);
        record(l, job, "execution_start", JSON.objectNode().put("prompt_id", job.id).put("timestamp", job.startTime));
        List<String> order = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String out : job.outputs) {
            visit(job.prompt, out, order, seen);
        }
        Map<String, String> signatures = new HashMap<>();
        for (String nodeId : order) {
            signatures.put(nodeId, signature(job.prompt, nodeId, signatures));
        }
        Map<String, Result> results = new HashMap<>();
        List<String> cached = new ArrayList<>();
        synchronized (l) {
            for (String nodeId : order) {
                Result hit = caching ? l.cache.get(signatures.get(nodeId)) : null;
                if (hit != null) {
                    cached.add(nodeId);
                    results.put(nodeId, hit);
                }
            }
        }
        ObjectNode cachedMsg = JSON.objectNode();
        ArrayNode cachedNodes = cachedMsg.putArray("nodes");
        cached.forEach(cachedNodes::add);
        cachedMsg.put("prompt_id", job.id).put("timestamp", System.currentTimeMillis());
        record(l, job, "execution_cached", cachedMsg);
        ObjectNode progress = JSON.objectNode();
        for (String nodeId : cached) {
            if (job.outputs.contains(nodeId) && results.get(nodeId).ui() != null) {
                executed(l, job, nodeId, results.get(nodeId).ui());
                progress.set(nodeId, nodeState(job, nodeId, 1, 1, "finished"));
                sendPrompt(l, job, message("progress_state", progressState(job, progress)));
            }
        }
        List<String> done = new ArrayList<>();
        for (String nodeId : order) {
            if (results.containsKey(nodeId)) {
                continue;
            }
            JsonNode node = job.prompt.get(nodeId);
            String cls = node.get("class_type").asText();
            progress.set(nodeId, nodeState(job, nodeId, 0, 1, "running"));
            sendPrompt(l, job, message("progress_state", progressState(job, progress)));
            job.currentNode = nodeId;
            synchronized (l) {
                l.notifyAll();
            }
            sendPrompt(l, job, message("executing", JSON.objectNode().put("node", nodeId).put("display_node", nodeId)
                    .put("prompt_id", job.id)));
            // ComfyUI looks at the interrupt flag only between nodes: a running node always finishes.
            if (job.interrupted) {
                ObjectNode m = JSON.objectNode().put("prompt_id", job.id).put("node_id", nodeId).put("node_type", cls);
                ArrayNode ex = m.putArray("executed");
                done.forEach(ex::add);
                m.put("timestamp", System.currentTimeMillis());
                finish(l, job, "error", "execution_interrupted", m, null);
                return;
            }
            Map<String, Object> linked = new HashMap<>();
            node.path("inputs").properties().forEach(e -> {
                if (FakeComfyCatalog.isLink(e.getValue())) {
                    Result from = results.get(e.getValue().get(0).asText());
                    int index = e.getValue().get(1).asInt();
                    linked.put(e.getKey(), from == null || index >= from.values().size() ? null : from.values().get(index));
                }
            });
            Result result;
            try {
                Failure planted = failing.get(cls);
                if (planted != null) {
                    throw new NodeFailure(planted.exceptionType(), planted.message());
                }
                result = FakeComfyNodes.run(cls, node.path("inputs"), linked, env(l, job, nodeId, progress));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (l.dead) {
                    throw new InterruptedException("restarted");
                }
                NodeFailure f = e instanceof NodeFailure nf ? nf
                        : new NodeFailure(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
                ObjectNode m = JSON.objectNode().put("prompt_id", job.id).put("node_id", nodeId).put("node_type", cls);
                ArrayNode ex = m.putArray("executed");
                done.forEach(ex::add);
                m.put("exception_message", f.getMessage()).put("exception_type", f.exceptionType);
                m.putArray("traceback").add("[fake ComfyUI: no traceback]");
                ObjectNode current = m.putObject("current_inputs");
                node.path("inputs").properties().forEach(in -> current.putArray(in.getKey())
                        .add(FakeComfyCatalog.isLink(in.getValue()) ? JSON.textNode(String.valueOf(linked.get(in.getKey())))
                                : in.getValue()));
                ArrayNode currentOutputs = m.putArray("current_outputs");
                job.prompt.fieldNames().forEachRemaining(currentOutputs::add);
                m.put("timestamp", System.currentTimeMillis());
                finish(l, job, "error", "execution_error", m, m);
                return;
            }
            results.put(nodeId, result);
            synchronized (l) {
                if (caching && !l.dead) {
                    l.cache.put(signatures.get(nodeId), result);
                }
            }
            done.add(nodeId);
            if (result.ui() != null) {
                executed(l, job, nodeId, result.ui());
            }
            progress.set(nodeId, nodeState(job, nodeId, 1, 1, "finished"));
            sendPrompt(l, job, message("progress_state", progressState(job, progress)));
        }
        finish(l, job, "success", "execution_success",
                JSON.objectNode().put("prompt_id", job.id).put("timestamp", System.currentTimeMillis()), null);
    }

    private FakeComfyNodes.Env env(Life l, Job job, String nodeId, ObjectNode progress) {
        return new FakeComfyNodes.Env() {
            @Override
            public Path inputDir() {
                return inputDir;
            }

            @Override
            public Path outputDir() {
                return outputDir;
            }

            @Override
            public Ffmpeg ffmpeg() {
                return ffmpeg;
            }

            @Override
            public void step(int value, int max) throws InterruptedException {
                Thread.sleep(stepDelay);
                if (l.dead) {
                    throw new InterruptedException("restarted");
                }
                sendPrompt(l, job, message("progress", JSON.objectNode().put("value", value).put("max", max)
                        .put("prompt_id", job.id).put("node", nodeId)));
                progress.set(nodeId, nodeState(job, nodeId, value, max, "running"));
                sendPrompt(l, job, message("progress_state", progressState(job, progress)));
                // A latent preview, as samplers send them: event 1 (PREVIEW_IMAGE), image type 2 (PNG), the bytes.
                ByteBuffer preview = ByteBuffer.allocate(8 + PREVIEW_PNG.length).putInt(1).putInt(2).put(PREVIEW_PNG);
                sendBinary(l, job, preview.flip());
            }
        };
    }

    /** A node's cache key: its class, literal inputs and the keys of the nodes it links to (as ComfyUI's cache). */
    private String signature(JsonNode prompt, String nodeId, Map<String, String> known) {
        JsonNode node = prompt.get(nodeId);
        StringBuilder b = new StringBuilder(node.path("class_type").asText()).append('{');
        TreeMap<String, JsonNode> inputs = new TreeMap<>();
        node.path("inputs").properties().forEach(e -> inputs.put(e.getKey(), e.getValue()));
        inputs.forEach((k, v) -> {
                    b.append(k).append('=');
                    if (FakeComfyCatalog.isLink(v)) {
                        b.append('(').append(known.get(v.get(0).asText())).append(")#").append(v.get(1).asInt());
                    } else {
                        b.append(v);
                    }
                    b.append(';');
                });
        // Loaders of input files are re-run when the file changes (ComfyUI's IS_CHANGED hashes the file).
        String cls = node.path("class_type").asText();
        if ("LoadImage".equals(cls) || "LoadVideo".equals(cls)) {
            Path file = inputDir.resolve(node.path("inputs").path("LoadImage".equals(cls) ? "image" : "file").asText());
            try {
                b.append("|").append(Files.size(file)).append('@').append(Files.getLastModifiedTime(file).toMillis());
            } catch (IOException e) {
                b.append("|missing");
            }
        }
        return b.append('}').toString();
    }

    private void executed(Life l, Job job, String nodeId, ObjectNode ui) {
        job.uiOutputs.set(nodeId, ui);
        job.meta.putObject(nodeId).put("node_id", nodeId).put("display_node", nodeId).putNull("parent_node")
                .put("real_node_id", nodeId);
        ObjectNode m = JSON.objectNode().put("node", nodeId).put("display_node", nodeId);
        m.set("output", ui);
        m.put("prompt_id", job.id);
        sendPrompt(l, job, message("executed", m));
    }

    private void finish(Life l, Job job, String statusStr, String type, ObjectNode data, ObjectNode error) {
        job.endTime = System.currentTimeMillis();
        record(l, job, type, data);
        synchronized (l) {
            if (l.dead) {
                return;
            }
            job.statusStr = statusStr;
            job.executionError = error;
            if (!"success".equals(statusStr)) {
                job.uiOutputs.removeAll();
                job.meta.removeAll();
            }
            l.history.put(job.id, job);
        }
    }

    /** After the history entry: the queue status to everyone, then {@code executing: null}, the end of a prompt. */
    private void sendEnd(Life l, Job job) {
        broadcastStatus(l);
        ObjectNode end = JSON.objectNode().putNull("node");
        end.put("prompt_id", job.id);
        sendPrompt(l, job, message("executing", end));
    }

    private void record(Life l, Job job, String type, ObjectNode data) {
        job.messages.add(JSON.arrayNode().add(type).add(data));
        sendPrompt(l, job, message(type, data));
    }

    private static ObjectNode nodeState(Job job, String nodeId, double value, double max, String state) {
        ObjectNode s = JSON.objectNode().put("value", value).put("max", max).put("state", state).put("node_id", nodeId)
                .put("prompt_id", job.id).put("display_node_id", nodeId);
        s.putNull("parent_node_id");
        return s.put("real_node_id", nodeId);
    }

    private static ObjectNode progressState(Job job, ObjectNode nodes) {
        ObjectNode d = JSON.objectNode().put("prompt_id", job.id);
        d.set("nodes", nodes.deepCopy());
        return d;
    }

    // ---------------------------------------------------------------- websocket

    private static ObjectNode statusData(int remaining) {
        ObjectNode d = JSON.objectNode();
        d.putObject("status").putObject("exec_info").put("queue_remaining", remaining);
        return d;
    }

    private static String message(String type, JsonNode data) {
        ObjectNode m = JSON.objectNode().put("type", type);
        m.set("data", data);
        return m.toString();
    }

    private void broadcastStatus(Life l) {
        if (l.dead) {
            return;
        }
        String m = message("status", statusData(l.remaining()));
        sockets.keySet().forEach(ctx -> sendTo(ctx, m));
    }

    private void sendPrompt(Life l, Job job, String text) {
        if (l.dead || job.clientId == null) {
            return;
        }
        sockets.forEach((ctx, sid) -> {
            if (sid.equals(job.clientId)) {
                sendTo(ctx, text);
            }
        });
    }

    private void sendBinary(Life l, Job job, ByteBuffer bytes) {
        if (l.dead || job.clientId == null) {
            return;
        }
        sockets.forEach((ctx, sid) -> {
            if (sid.equals(job.clientId)) {
                synchronized (ctx) {
                    try {
                        if (ctx.session.isOpen()) {
                            ctx.send(bytes.duplicate());
                        }
                    } catch (RuntimeException e) {
                        sockets.remove(ctx);
                    }
                }
            }
        });
    }

    private void sendTo(WsContext ctx, String text) {
        // Messages to one socket go out one at a time, so a client sees them in the order they were made.
        synchronized (ctx) {
            try {
                if (ctx.session.isOpen()) {
                    ctx.send(text);
                }
            } catch (RuntimeException e) {
                sockets.remove(ctx);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode parse(Context ctx) throws IOException {
        String body = ctx.body();
        return body.isBlank() ? JSON.objectNode() : MAPPER.readTree(body);
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType(JSON_TYPE).result(body.toString());
    }

    private static void empty(Context ctx, int status) {
        ctx.status(status).contentType("application/octet-stream").result(new byte[0]);
    }

    /** Whether {@code relative} stays inside {@code dir} (no {@code ..} or absolute escapes). */
    static boolean insideDir(Path dir, String relative) {
        if (relative == null || relative.isEmpty()) {
            return false;
        }
        Path base = dir.toAbsolutePath().normalize();
        Path resolved = base.resolve(relative).normalize();
        return resolved.startsWith(base) && !resolved.equals(base);
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(java.util.Locale.ROOT);
    }

    private static String contentType(String name) {
        return switch (extension(name)) {
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "webp" -> "image/webp";
            case "gif" -> "image/gif";
            case "mp4", "m4v" -> "video/mp4";
            case "webm" -> "video/webm";
            case "mov" -> "video/quicktime";
            default -> "application/octet-stream";
        };
    }

    private static byte[] previewPng() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                image.setRGB(x, y, (x * 32) << 16 | (y * 32) << 8 | 0x80);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
