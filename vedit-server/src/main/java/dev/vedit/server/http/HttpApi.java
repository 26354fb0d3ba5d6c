package dev.vedit.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.Account;
import dev.vedit.server.auth.ApiKeys;
import dev.vedit.server.db.Database;
import dev.vedit.server.ops.Health;
import dev.vedit.server.task.Task;
import dev.vedit.server.task.TaskService;
import dev.vedit.server.task.TaskReads;
import dev.vedit.server.webhook.Webhooks;
import dev.vedit.wire.AccountStatus;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.QueueStatus;
import dev.vedit.wire.SubmitReply;
import dev.vedit.wire.TaskResult;
import dev.vedit.wire.UploadReply;
import dev.vedit.wire.V1Output;
import dev.vedit.wire.V1Reply;
import dev.vedit.wire.VeditException;
import dev.vedit.wire.WebhookSecretReply;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RunningHub-compatible HTTP API. Business errors are HTTP 200 with the error in the reply shape of
 * the endpoint; non-200 is kept for transport failures (unknown path, wrong method, body too large,
 * database unreachable, a real crash).
 */
public final class HttpApi {
    private static final Logger log = LoggerFactory.getLogger(HttpApi.class);
    /** What the account-status reply shows as the balance: vedit does not bill, so clients that check it proceed. */
    static final String UNLIMITED_BALANCE = "999999999";

    private final TaskService tasks;
    private final ApiKeys keys;
    private final MediaEndpoints media;
    private final Webhooks webhooks;
    private final ObjectMapper json;
    private final ModelCatalog catalog = ModelCatalog.standard();
    private final HttpSettings settings;
    private volatile RateLimiter rateLimiter;
    private volatile Health health;
    private volatile java.util.function.Consumer<ErrorCode> refusals = code -> { };
    private WorkflowRoutes workflows;
    private final MultipartUpload uploads;

    public HttpApi(TaskService tasks, ApiKeys keys, MediaEndpoints media, Webhooks webhooks, ObjectMapper json, HttpSettings settings) {
        this.tasks = tasks;
        this.keys = keys;
        this.media = media;
        this.webhooks = webhooks;
        this.json = json.copy();
        this.json.getFactory().setStreamReadConstraints(Requests.constraints(settings.maxJsonBodyBytes()));
        // Jackson's default keeps its buffers per thread, and every request here runs on a new virtual thread: each reply
        // then allocated (and zeroed) fresh buffers. A pool shared by all threads reuses them.
        this.json.getFactory().setRecyclerPool(com.fasterxml.jackson.core.util.JsonRecyclerPools.newConcurrentDequePool());
        this.settings = settings;
        this.uploads = new MultipartUpload(settings.uploadTempDir(), settings.maxUploadBytes(), this::tooLargeUpload);
        this.rateLimiter = new KeyRateLimiter(settings.limits().perSecond(), settings.limits().burst(), System::nanoTime);
    }

    /**
     * Keeps the per-key rate limit in the shared PostgreSQL database instead of this process (before {@link #create}):
     * api nodes of one deployment then share each key's bucket.
     */
    public HttpApi withSharedRateLimit(org.jdbi.v3.core.Jdbi jdbi) {
        this.rateLimiter = new SharedRateLimiter(jdbi, settings.limits());
        return this;
    }

    /** Serves RunningHub's workflow and AI-app API with this service (before {@link #create}). */
    public HttpApi withWorkflows(dev.vedit.server.workflow.WorkflowService service) {
        this.workflows = new WorkflowRoutes(this, service, json);
        return this;
    }

    /** Builds the server (not started), with routes and hooks from other features (operations) added. */
    public Javalin create(java.util.function.Consumer<JavalinConfig> more) {
        return Javalin.create(config -> {
            configure(config);
            more.accept(config);
        });
    }

    /** Told of every error reply's code (e.g. to count refusals, which are HTTP 200 and invisible to HTTP metrics). */
    public void onRefusal(java.util.function.Consumer<ErrorCode> listener) {
        this.refusals = listener;
    }

    /** Marks the service as started: {@code /healthz} answers 200 from now on while {@code health} finds nothing wrong. */
    public void ready(Health health) {
        this.health = health;
    }

    private void configure(JavalinConfig config) {
        config.concurrency.useVirtualThreads = true;
        config.http.maxRequestSize = settings.maxJsonBodyBytes();
        config.startup.showJavalinBanner = false;
        config.router.ignoreTrailingSlashes = true;
        // No multipart config for Javalin: the upload endpoint parses its body itself (MultipartUpload), writing and
        // hashing the file as it arrives instead of having the servlet layer spool it for a second pass.
        config.http.prefer405over404 = true;
        // Slow or stalled clients: a connection, or a request body, silent for the idle timeout is closed. (Not a
        // minimum data rate: Jetty measures it from the request's start, so a tiny body sent a moment after its
        // headers by a perfectly normal client already falls below any useful rate.)
        long idleMillis = settings.limits().idleTimeout().toMillis();
        config.jetty.modifyHttpConfiguration(h -> h.setIdleTimeout(idleMillis));
        // Media downloads leave by sendfile, as nginx serves files (Sendfile).
        Sendfile.install(config);
        // The connector (which Javalin adds later) holds the connection-level timeout: set it as the server starts.
        config.jetty.modifyServer(server -> server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                for (Connector connector : server.getConnectors()) {
                    if (connector instanceof AbstractConnector c) {
                        c.setIdleTimeout(idleMillis);
                    }
                }
            }
        }));

        var r = config.routes;
        r.get("/healthz", ctx -> {
            Health h = health;
            if (h == null) {
                ctx.status(503).json(Map.of("status", "starting"));
                return;
            }
            Health.Report report = h.report();
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("status", report.ok() ? "ok" : "unavailable");
            body.put("checks", report.checks());
            List<dev.vedit.server.engine.RouteHealth> engines = tasks.engineHealth();
            if (!engines.isEmpty()) {
                // Detail only: a GPU route that cannot run does not make the service unable to accept work.
                body.put("engineRoutes", engines);
            }
            ctx.status(report.ok() ? 200 : 503).json(body);
        });
        for (String path : catalog.paths()) {
            ModelSpec model = catalog.byPath(path).orElseThrow();
            r.post("/openapi/v2/" + path, ctx -> submit(ctx, model));
        }
        r.post("/openapi/v2/query", this::query);
        r.post("/openapi/v2/media/upload/binary", this::upload);
        r.get("/openapi/v2/queue/status", this::queueStatus);
        r.get("/openapi/v2/tasks", this::listTasks);
        r.post("/uc/openapi/accountStatus", this::accountStatus);
        r.post("/task/openapi/status", this::v1Status);
        r.post("/task/openapi/outputs", this::v1Outputs);
        r.post("/task/openapi/cancel", this::v1Cancel);
        r.post("/task/openapi/getWebhookDetail", this::webhookDetail);
        r.post("/task/openapi/retryWebhook", this::retryWebhook);
        r.post("/uc/openapi/webhookSecret", ctx -> webhookSecret(ctx, false));
        r.post("/uc/openapi/webhookSecret/rotate", ctx -> webhookSecret(ctx, true));
        r.get("/media/{token}/{name}", media::download);
        if (workflows != null) {
            workflows.install(r);
        }
        r.head("/media/{token}/{name}", media::download);

        r.error(404, ctx -> {
            if (ctx.path().startsWith("/openapi/v2/")) {
                // Contract §1: under /openapi/v2/ every business error is HTTP 200 with the error in the body. A mistyped
                // model path is the caller's mistake, not a transport failure, and clients that call raise_for_status()
                // (or check res.ok) would otherwise lose the message that names the real endpoints.
                ctx.status(200);
                send(ctx, SubmitReply.rejected(ErrorCode.INVALID_PARAMETERS, ErrorCode.INVALID_PARAMETERS.message(
                        "no endpoint at " + ctx.path() + "; the video-edit endpoints are " + String.join(", ", catalog.paths()),
                        ctx.path() + " 不存在；视频编辑接口为 " + String.join("、", catalog.paths()))));
            } else if (ctx.result() == null) {
                send(ctx, V1Reply.error(404, "Not found: " + ctx.path() + " | 未找到：" + ctx.path()));
            }
        });
        r.error(405, ctx -> send(ctx, SubmitReply.rejected(ErrorCode.METHOD_NOT_SUPPORTED, ErrorCode.METHOD_NOT_SUPPORTED.message(
                ctx.method() + " is not supported on " + ctx.path(), ctx.path() + " 不支持 " + ctx.method() + " 方法"))));
        r.error(413, ctx -> {
            if (ctx.result() == null) { // a handler that answered 413 itself said more precisely why
                send(ctx, SubmitReply.rejected(ErrorCode.FILE_TOO_LARGE, ErrorCode.FILE_TOO_LARGE.message(
                        "the request body is larger than " + settings.maxJsonBodyBytes() + " bytes; upload large media with /openapi/v2/media/upload/binary",
                        "请求体超过 " + settings.maxJsonBodyBytes() + " 字节；大文件请先通过 /openapi/v2/media/upload/binary 上传")));
            }
        });
        r.after(UnreadBody::settle);
    }

    // ---- v2 -------------------------------------------------------------------------------------------

    /** Clients send it to make a submit safe to repeat after a lost reply (see {@link TaskService#submit}). */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private void submit(Context ctx, ModelSpec model) {
        handle(ctx, e -> SubmitReply.rejected(e.code(), e.getMessage()), () -> {
            Caller caller = caller(ctx, BodyLimit.MEDIA);
            if ("true".equalsIgnoreCase(ctx.queryParam("dryRun"))) {
                return tasks.dryRun(model, caller.body());
            }
            String key = ctx.header(IDEMPOTENCY_KEY);
            TaskService.Submitted submitted = tasks.submit(caller.account(), model, caller.body(), key);
            if (key != null) {
                // Echoed (once checked) so a client learns that this service honours keys and may repeat a submit whose
                // reply it lost.
                ctx.header(IDEMPOTENCY_KEY, key.strip());
            }
            if (submitted.replayed()) {
                ctx.header("Idempotent-Replayed", "true");
            }
            return submitted.reply();
        });
    }

    private void query(Context ctx) {
        String[] taskId = {""};
        handle(ctx, e -> QueryReply.failedQuery(taskId[0], e.code(), e.getMessage()), () -> {
            // Echoed only up to an id's length: a reply must never grow with what a stranger sends.
            Caller caller = caller(ctx, BodyLimit.SMALL, body -> {
                String id = Requests.taskId(body).orElse("");
                taskId[0] = id.length() <= MAX_ECHOED_ID ? id : "";
            });
            String sent = Requests.taskId(caller.body()).orElse("");
            if (sent.isEmpty()) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "taskId is required", "taskId 为必填项");
            }
            return Requests.parseTaskId(sent).<Object>map(id -> new Encoded(tasks.queryJson(caller.account(), id)))
                    .orElseGet(() -> QueryReply.notFound(taskId[0]));
        });
    }

    private void upload(Context ctx) {
        handle(ctx, e -> UploadReply.error(e.code() == ErrorCode.INVALID_API_KEY ? 401 : Integer.parseInt(e.code().code()),
                e.code() == ErrorCode.INVALID_API_KEY ? "ApiKey verification failed | API Key 校验失败" : e.getMessage()), () -> {
            Account account = requireAccount(ctx, null);
            if (!ctx.isMultipartFormData()) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "send the file as multipart/form-data in a field named \"file\"",
                        "请以 multipart/form-data 格式在名为 \"file\" 的字段中上传文件");
            }
            // Decided from the declared length before a byte is read, so that the client hears at once instead of
            // after sending (or stalling on) the whole body; read as a long: the servlet's int wraps past 2 GiB.
            long declared = ctx.req().getContentLengthLong();
            if (declared > settings.maxUploadBytes() + MultipartUpload.OVERHEAD) {
                throw tooLargeUpload();
            }
            MultipartUpload.Received received = uploads.receive(ctx.req());
            try {
                return UploadReply.ok(media.upload(received.file(), received.fileName(), account.id()));
            } finally {
                // The store took the file over (moved it); this is for a refusal before that.
                java.nio.file.Files.deleteIfExists(received.file().file());
            }
        });
    }

    private VeditException tooLargeUpload() {
        return VeditException.of(ErrorCode.FILE_TOO_LARGE, "the upload is larger than " + settings.maxUploadBytes() + " bytes",
                "上传文件超过 " + settings.maxUploadBytes() + " 字节");
    }

    private void queueStatus(Context ctx) {
        handle(ctx, e -> v1Error(e), () -> {
            Account account = requireAccount(ctx, null);
            TaskReads.Counts c = tasks.counts(account);
            return V1Reply.ok(new QueueStatus("STANDARD", account.concurrency(), c.running(), c.queued(), c.running() + c.queued()));
        });
    }

    /** vedit extension: the calling key's tasks, newest first, paged ({@code ?page=1&pageSize=20}). */
    private void listTasks(Context ctx) {
        handle(ctx, e -> v1Error(e), () -> {
            Account account = requireAccount(ctx, null);
            return V1Reply.ok(tasks.list(account, intParam(ctx, "page", 1), intParam(ctx, "pageSize", 20)));
        });
    }

    private static int intParam(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, name + " must be a whole number (got \"" + value + "\")",
                    name + " 必须是整数（当前为 \"" + value + "\"）");
        }
    }

    // ---- v1 -------------------------------------------------------------------------------------------

    private void accountStatus(Context ctx) {
        handle(ctx, e -> v1Error(e), () -> {
            Caller caller = caller(ctx, BodyLimit.SMALL);
            JsonNode body = caller.body();
            Account account = caller.account();
            TaskReads.Counts c = tasks.counts(account);
            return V1Reply.ok(new AccountStatus(UNLIMITED_BALANCE, Integer.toString(c.running() + c.queued()), UNLIMITED_BALANCE,
                    "CNY", "STANDARD"));
        });
    }

    /** A v1 endpoint about one of the caller's tasks: an unknown or foreign task id answers 807. */
    private void v1TaskEndpoint(Context ctx, BiFunction<Account, Task, V1Reply<?>> reply) {
        handle(ctx, e -> v1Error(e), () -> {
            Caller caller = caller(ctx, BodyLimit.SMALL);
            JsonNode body = caller.body();
            Account account = caller.account();
            return v1Task(body, account).<V1Reply<?>>map(t -> reply.apply(account, t)).orElseGet(HttpApi::v1NotFound);
        });
    }

    private void v1Status(Context ctx) {
        v1TaskEndpoint(ctx, (account, t) -> V1Reply.ok(t.status().name()));
    }

    private void v1Outputs(Context ctx) {
        v1TaskEndpoint(ctx, (account, t) -> switch (t.status()) {
            case QUEUED -> V1Reply.error(V1Reply.APIKEY_TASK_IS_QUEUED, "APIKEY_TASK_IS_QUEUED");
            case RUNNING -> V1Reply.error(V1Reply.APIKEY_TASK_IS_RUNNING, "APIKEY_TASK_IS_RUNNING");
            case FAILED -> new V1Reply<>(V1Reply.APIKEY_TASK_STATUS_ERROR, "APIKEY_TASK_STATUS_ERROR",
                    Map.of("failedReason", tasks.view(t).failedReason()));
            case SUCCESS -> {
                String cost = Long.toString(t.costSeconds(System.currentTimeMillis()));
                List<TaskResult> results = tasks.results(t);
                yield V1Reply.ok(results.stream().map(r -> new V1Output(r.url(), r.outputType(), cost, r.nodeId())).toList());
            }
        });
    }

    private void v1Cancel(Context ctx) {
        handle(ctx, e -> v1Error(e), () -> {
            Caller caller = caller(ctx, BodyLimit.SMALL);
            JsonNode body = caller.body();
            Account account = caller.account();
            Optional<Long> id = Requests.taskId(body).flatMap(Requests::parseTaskId);
            if (id.isEmpty()) {
                return Requests.taskId(body).isEmpty() ? V1Reply.error(V1Reply.PARAMS_INVALID, "taskId is required | taskId 为必填项")
                        : v1NotFound();
            }
            return switch (tasks.cancel(account, id.get())) {
                case NOT_FOUND -> v1NotFound();
                case ALREADY_FINISHED -> new V1Reply<>(0, "task already finished; nothing to cancel | 任务已结束，无需取消", null);
                case CANCELLED, CANCEL_REQUESTED -> V1Reply.ok(null);
            };
        });
    }

    // ---- webhooks --------------------------------------------------------------------------------------

    private void webhookDetail(Context ctx) {
        v1TaskEndpoint(ctx, (account, t) -> webhooks.detail(account, t.id()).<V1Reply<?>>map(V1Reply::ok).orElseGet(() -> V1Reply.error(
                V1Reply.APIKEY_TASK_NOT_FOUND, "this task has no webhook: it was submitted without webhookUrl, or has not ended yet"
                        + " | 该任务没有 webhook：提交时未设置 webhookUrl，或任务尚未结束")));
    }

    private void retryWebhook(Context ctx) {
        handle(ctx, e -> v1Error(e), () -> {
            Caller caller = caller(ctx, BodyLimit.SMALL);
            JsonNode body = caller.body();
            Account account = caller.account();
            Optional<Long> id = Requests.longField(body, "webhookId");
            if (id.isEmpty()) {
                return V1Reply.error(V1Reply.PARAMS_INVALID, "webhookId (the id from getWebhookDetail) is required"
                        + " | webhookId（getWebhookDetail 返回的 id）为必填项");
            }
            JsonNode url = body.get("webhookUrl");
            return switch (webhooks.retry(account, id.get(), url != null && url.isTextual() ? url.asText() : null)) {
                case SCHEDULED -> new V1Reply<>(0, "", null);
                case IN_FLIGHT -> V1Reply.error(V1Reply.APIKEY_TASK_IS_RUNNING, "an attempt of this webhook is in flight; retry once it has"
                        + " ended | 该 webhook 正在发送中，请在本次发送结束后再重试");
                case NOT_FOUND -> V1Reply.error(V1Reply.APIKEY_TASK_NOT_FOUND, "no webhook with this id belongs to this API key"
                        + " | 该 API Key 下不存在此 webhook");
            };
        });
    }

    private void webhookSecret(Context ctx, boolean rotate) {
        handle(ctx, e -> v1Error(e), () -> {
            Caller caller = caller(ctx, BodyLimit.SMALL);
            JsonNode body = caller.body();
            Account account = caller.account();
            return V1Reply.ok(new WebhookSecretReply(rotate ? webhooks.rotateSecret(account) : webhooks.secret(account)));
        });
    }

    private Optional<Task> v1Task(JsonNode body, Account account) {
        Optional<String> taskId = Requests.taskId(body);
        if (taskId.isEmpty()) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "taskId is required", "taskId 为必填项");
        }
        return Requests.parseTaskId(taskId.get()).flatMap(id -> tasks.find(account, id));
    }

    private static V1Reply<Object> v1NotFound() {
        return V1Reply.error(V1Reply.APIKEY_TASK_NOT_FOUND, "APIKEY_TASK_NOT_FOUND");
    }

    static V1Reply<Object> v1Error(VeditException e) {
        return switch (e.code()) {
            case INVALID_API_KEY -> V1Reply.error(V1Reply.APIKEY_UNAUTHORIZED, "APIKEY_UNAUTHORIZED: " + e.getMessage());
            case INVALID_PARAMETERS -> V1Reply.error(V1Reply.PARAMS_INVALID, "PARAMS_INVALID: " + e.getMessage());
            default -> V1Reply.error(Integer.parseInt(e.code().code()), e.getMessage());
        };
    }

    // ---- shared ---------------------------------------------------------------------------------------

    /**
     * How much JSON an endpoint reads. Only a submit carries media ({@code data:} URIs); every other body is a key
     * and an id or two, so a large body there is an attack, not a request.
     */
    enum BodyLimit {
        SMALL,
        MEDIA
    }

    /** The longest {@code taskId} a reply echoes; ids are at most 19 digits, client-made ones a little longer. */
    static final int MAX_ECHOED_ID = 64;

    /** The largest body a {@link BodyLimit#SMALL} endpoint reads, and a submit whose key is not in the header. */
    static final long SMALL_BODY_BYTES = 64 * 1024;

    record Caller(Account account, JsonNode body) {
    }

    /**
     * The caller's account and the request body, the key checked before the body is read. A key in the
     * {@code Authorization} header is checked first and a wrong one is refused without reading a byte of the
     * body; only a known key may send a large (media) body. A key given only inside the body (v1 clients) can
     * only be found by reading it, so such a body is read up to {@link #SMALL_BODY_BYTES}: a stranger's body
     * never costs more memory than that, whatever its declared length.
     */
    Caller caller(Context ctx, BodyLimit limit) {
        return caller(ctx, limit, body -> { });
    }

    /** {@link #caller(Context, BodyLimit)}, handing the body to {@code onBody} as soon as it is read (for error replies). */
    private Caller caller(Context ctx, BodyLimit limit, java.util.function.Consumer<JsonNode> onBody) {
        long allowed = limit == BodyLimit.MEDIA ? settings.maxJsonBodyBytes() : Math.min(SMALL_BODY_BYTES, settings.maxJsonBodyBytes());
        if (Requests.bearer(ctx).isPresent()) {
            Account account = authenticate(ctx, null);
            JsonNode body = Requests.body(ctx, json, allowed);
            onBody.accept(body);
            rateLimit(account);
            return new Caller(account, body);
        }
        long keyless = Math.min(allowed, SMALL_BODY_BYTES);
        JsonNode body = Requests.body(ctx, json, keyless, keyless < allowed
                ? "send the API key as \"Authorization: Bearer <API KEY>\" to send a body larger than " + keyless + " bytes"
                : null);
        onBody.accept(body);
        return new Caller(requireAccount(ctx, body), body);
    }

    /**
     * The caller's account for routes of other features ({@link V1Routes}): the Bearer key checked, the request
     * counted against the key's rate limit.
     *
     * @throws VeditException {@link ErrorCode#INVALID_API_KEY} or {@link ErrorCode#RATE_LIMITED}
     */
    public Account caller(Context ctx) {
        return requireAccount(ctx, null);
    }

    /** The caller's account, after its key is checked and its request counted against the key's rate limit. */
    Account requireAccount(Context ctx, JsonNode body) {
        Account account = authenticate(ctx, body);
        rateLimit(account);
        return account;
    }

    private Account authenticate(Context ctx, JsonNode body) {
        return Requests.account(ctx, body, keys).orElseThrow(() -> new VeditException(ErrorCode.INVALID_API_KEY,
                ErrorCode.INVALID_API_KEY.message(
                        // "unauthorized" marks the refusal as permanent for RunningHub's official ComfyUI node (see ErrorCode).
                        Requests.apiKey(ctx, body).isPresent() ? "unauthorized, this API key is not known to this server"
                                : "unauthorized, send the key as \"Authorization: Bearer <API KEY>\"",
                        Requests.apiKey(ctx, body).isPresent() ? "未授权，该 API Key 在本服务中不存在" : "未授权，请通过 \"Authorization: Bearer <API KEY>\" 传递密钥")));
    }

    private void rateLimit(Account account) {
        RateLimiter.Admission admission = rateLimiter.admit(account.id());
        if (!admission.admitted()) {
            String wait = String.format(java.util.Locale.ROOT, "%.2f", admission.retryAfterSeconds());
            String rate = String.format(java.util.Locale.ROOT, "%s requests/s (burst %d)", fmt(settings.limits().perSecond()), settings.limits().burst());
            throw VeditException.of(ErrorCode.RATE_LIMITED, "this API key is limited to " + rate + "; retry in " + wait + " s",
                    "该 API Key 限速为每秒 " + fmt(settings.limits().perSecond()) + " 次（突发 " + settings.limits().burst() + " 次）；请在 " + wait + " 秒后重试");
        }
    }

    private static String fmt(double n) {
        return n == Math.rint(n) ? Long.toString((long) n) : Double.toString(n);
    }

    interface Action {
        Object run() throws IOException;
    }

    /**
     * Runs a handler and renders what it returns, or its {@link VeditException} in the endpoint's own error
     * shape. A database outage is HTTP 503 (clients retry on 5xx); anything unexpected is HTTP 500.
     */
    void handle(Context ctx, Function<VeditException, Object> errorShape, Action action) {
        try {
            send(ctx, action.run());
        } catch (VeditException e) {
            refusals.accept(e.code());
            if (e.code() == ErrorCode.SERVICE_UNAVAILABLE) {
                ctx.status(503); // storage or database trouble on our side: clients retry on 5xx
            }
            send(ctx, errorShape.apply(e));
        } catch (BadMessageException e) {
            // Jetty's verdict on the request itself (a broken chunk, a timeout while reading): the client's side.
            ctx.status(e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400);
            send(ctx, errorShape.apply(VeditException.of(ErrorCode.INVALID_PARAMETERS,
                    "the request could not be read (" + e.getReason() + ")", "无法读取请求")));
        } catch (Requests.BodyTooLarge e) {
            ctx.status(413);
            send(ctx, errorShape.apply(VeditException.of(ErrorCode.FILE_TOO_LARGE,
                    "the request body is larger than " + e.limit + " bytes; " + (e.hint != null ? e.hint
                            : e.limit < settings.maxJsonBodyBytes() ? "this endpoint takes a small JSON object"
                            : "upload large media with /openapi/v2/media/upload/binary"),
                    "请求体超过 " + e.limit + " 字节；" + (e.hint != null ? "请通过 \"Authorization: Bearer <API KEY>\" 传递密钥后再发送更大的请求体"
                            : e.limit < settings.maxJsonBodyBytes() ? "该接口只接受小的 JSON 对象"
                            : "大文件请先通过 /openapi/v2/media/upload/binary 上传"))));
        } catch (Exception e) {
            if (Database.unreachable(e)) {
                log.warn("{} {}: database unavailable: {}", ctx.method(), ctx.path(), e.toString());
                ctx.status(503);
                send(ctx, errorShape.apply(VeditException.of(ErrorCode.SERVICE_UNAVAILABLE, "the database is unreachable", "数据库暂时不可用")));
                return;
            }
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            ctx.status(500);
            send(ctx, errorShape.apply(new VeditException(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.message())));
        }
    }

    /** A reply a handler got already encoded as JSON (a task's query reply, see {@link TaskService#queryJson}). */
    record Encoded(byte[] json) {
    }

    private void send(Context ctx, Object reply) {
        try {
            ctx.contentType("application/json;charset=utf-8");
            ctx.result(reply instanceof Encoded encoded ? encoded.json() : json.writeValueAsBytes(reply));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Limits of the HTTP layer.
     *
     * @param maxJsonBodyBytes largest JSON body (base64 {@code data:} URIs included)
     * @param maxUploadBytes   largest multipart upload
     * @param uploadTempDir    where multipart parts are spooled to disk, so memory does not grow with their size
     * @param limits           per-key rate limit and slow-client timeouts
     */
    public record HttpSettings(long maxJsonBodyBytes, long maxUploadBytes, Path uploadTempDir, RequestLimits limits) {
    }
}
