package dev.vedit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.sdk.Transport.Safety;
import dev.vedit.wire.AccountStatus;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.QueueStatus;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.SubmitReply;
import dev.vedit.wire.TaskPage;
import dev.vedit.wire.TaskStatus;
import dev.vedit.wire.TaskSummary;
import dev.vedit.wire.UploadReply;
import dev.vedit.wire.VeditException;
import dev.vedit.wire.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A client for vedit and the hosted RunningHub video-edit API. Immutable and thread-safe: build one and share it.
 *
 * <pre>{@code
 * VeditClient client = VeditClient.builder()
 *         .baseUrl("http://127.0.0.1:8080")        // default: the hosted service
 *         .apiKey(System.getenv("VEDIT_API_KEY"))
 *         .build();
 * String video = client.upload(Path.of("in.mp4")).downloadUrl();
 * SubmitReply task = client.submit(Edits.klingO3Pro().prompt("make it black and white").videoUrl(video).build());
 * QueryReply done = client.waitFor(task.taskId(), Duration.ofMinutes(10), p -> System.out.println(p.status() + " " + p.percent()));
 * client.download(done.results().get(0).url(), Path.of("out.mp4"));
 * }</pre>
 *
 * <p>Every call has a {@code CompletableFuture} variant ({@code …Async}) that runs it on the builder's executor
 * (virtual threads by default); its failures arrive as a {@link java.util.concurrent.CompletionException} whose
 * cause is the {@link VeditApiException}. Which failures are repeated is described in {@link RetryPolicy}.
 */
public final class VeditClient implements AutoCloseable {
    /** The hosted RunningHub service, the default base URL. */
    public static final String HOSTED_BASE_URL = "https://www.runninghub.cn";

    private final URI baseUrl;
    private final String apiKey;
    private final Duration requestTimeout;
    private final Duration pollInitial;
    private final Duration pollMax;
    private final Executor executor;
    private final HttpClient http;
    private final Transport transport;
    private final boolean ownExecutor;
    private final boolean serviceHonoursKeys;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final RetryPolicy retryPolicy;
    private final ObjectMapper json = WireJson.newMapper();

    private VeditClient(Builder b, URI baseUrl) {
        this.baseUrl = baseUrl;
        this.apiKey = b.apiKey;
        this.requestTimeout = b.requestTimeout;
        this.pollInitial = b.pollInitial;
        this.pollMax = b.pollMax;
        this.ownExecutor = b.executor == null;
        this.executor = b.executor != null ? b.executor : Executors.newVirtualThreadPerTaskExecutor();
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.transport = new Transport(http, b.retry, json, b.listener);
        this.serviceHonoursKeys = b.honoursIdempotencyKeys != null ? b.honoursIdempotencyKeys : !isHosted(baseUrl);
        this.retryPolicy = b.retry;
    }

    /**
     * A client configured from the environment: the base URL from {@code VEDIT_BASE_URL}, else RunningHub's
     * {@code RH_API_BASE_URL} (either form, with or without {@code /openapi/v2}), else the hosted service; the key
     * from {@code VEDIT_API_KEY}, else {@code RH_API_KEY}.
     *
     * @throws IllegalStateException when neither key variable is set, or the base URL is not an http(s) URL
     */
    public static VeditClient fromEnv() {
        return fromEnv(System.getenv());
    }

    /** {@link #fromEnv()} reading the given variables instead of the process environment. */
    public static VeditClient fromEnv(Map<String, String> env) {
        String key = firstSet(env, "VEDIT_API_KEY", "RH_API_KEY");
        if (key == null) {
            throw new IllegalStateException("no API key in the environment: set VEDIT_API_KEY (or RunningHub's RH_API_KEY)");
        }
        String base = firstSet(env, "VEDIT_BASE_URL", "RH_API_BASE_URL");
        return builder().baseUrl(base == null ? HOSTED_BASE_URL : base).apiKey(key).build();
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }

    private static boolean isHosted(URI uri) {
        String host = uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return host.equals("runninghub.cn") || host.endsWith(".runninghub.cn") || host.equals("runninghub.ai") || host.endsWith(".runninghub.ai");
    }

    /**
     * Releases the client: its own executor (not one given to the builder) and its HTTP connections. Calls made
     * afterwards throw {@link IllegalStateException}; calls in flight finish first.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (ownExecutor && executor instanceof ExecutorService service) {
                service.shutdown();
            }
            http.close();
        }
    }

    /** A new builder; only the API key is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The base URL calls go to. */
    public URI baseUrl() {
        return baseUrl;
    }

    // ---- tasks ---------------------------------------------------------------------------------------

    /**
     * Submits an edit. A submit is repeated only when it certainly created nothing (connection refused, HTTP 429/5xx,
     * a 421 limit); after a read timeout it is not, and a {@link ConnectionException} with
     * {@link ConnectionException#requestMayHaveArrived()} tells the caller to look (e.g. {@link #listTasks}) before resubmitting.
     *
     * @return the accepted task ({@code taskId}, {@code status} QUEUED or RUNNING)
     * @throws InvalidRequestException when the service refuses the input (it was already checked here)
     */
    public SubmitReply submit(EditRequest request) {
        return submit(request, RequestOptions.defaults());
    }

    /** {@link #submit(EditRequest)} with settings for this call (timeout, headers, your own idempotency key). */
    public SubmitReply submit(EditRequest request, RequestOptions options) {
        return submitBody(request.endpoint(), request.body(), options);
    }

    /**
     * Submits to any endpoint below {@code /openapi/v2/} with a body of your own (a {@code Map}, a {@code JsonNode}, or
     * any object Jackson can write). A video-edit endpoint's body is checked against its catalog facts first.
     */
    public SubmitReply submit(String endpoint, Object body) {
        return submit(endpoint, body, RequestOptions.defaults());
    }

    /** {@link #submit(String, Object)} with settings for this call. */
    public SubmitReply submit(String endpoint, Object body, RequestOptions options) {
        JsonNode node = body instanceof JsonNode n ? n : json.valueToTree(body);
        ModelCatalog.standard().byPath(endpoint).ifPresent(model -> {
            try {
                RequestValidator.validate(model, node);
            } catch (VeditException e) {
                throw new InvalidRequestException(e.code().code(), e.getMessage(), "", e);
            }
        });
        return submitBody(endpoint.startsWith("/") ? endpoint.substring(1) : endpoint, node, options);
    }

    /**
     * Every submit carries an {@code Idempotency-Key} (the caller's, or a new one kept across this call's retries). Where
     * the service honours keys (vedit does; see {@link Builder#serviceHonoursIdempotencyKeys}), a submit whose reply was
     * lost is repeated like a read: the service answers with the task the first attempt created.
     */
    private SubmitReply submitBody(String endpoint, JsonNode body, RequestOptions options) {
        byte[] bytes = write(body);
        String key = options.idempotencyKey().orElseGet(() -> UUID.randomUUID().toString());
        Safety safety = serviceHonoursKeys || transport.keysHonoured() ? Safety.IDEMPOTENT : Safety.CREATES;
        return transport.json(() -> post("/openapi/v2/" + endpoint, bytes).header("Idempotency-Key", key), options, safety, true, reply -> {
            SubmitReply r = json.convertValue(reply, SubmitReply.class);
            if (!r.accepted()) {
                throw ErrorMapping.forCode(r.errorCode(), r.errorMessage(), r.taskId(), null);
            }
            return r;
        });
    }

    /**
     * What the service would do with this request, without creating a task: vedit's dry run ({@code ?dryRun=true}),
     * which validates and plans the edit and fetches nothing, so media fields may hold any well-formed URL. Use it to
     * hear that an edit is impossible before uploading a large file.
     *
     * @return the plan: the engine and its operations, each with the words that caused it
     * @throws InvalidRequestException     the refusal a submit would get (e.g. {@code 2001} quoting the words the engine cannot do)
     * @throws UnsupportedOperationException against the hosted RunningHub service, which has no dry run (it would create a task)
     */
    public EditPlan plan(EditRequest request) {
        if (isHosted(baseUrl)) {
            throw new UnsupportedOperationException("the hosted RunningHub service has no dry run: a submit there creates a task");
        }
        byte[] bytes = write(request.body());
        return transport.json(() -> post("/openapi/v2/" + request.endpoint() + "?dryRun=true", bytes), RequestOptions.defaults(),
                Safety.IDEMPOTENT, true, reply -> {
                    SubmitReply r = json.convertValue(reply, SubmitReply.class);
                    if (!r.errorCode().isEmpty()) {
                        throw ErrorMapping.forCode(r.errorCode(), r.errorMessage(), "", null);
                    }
                    if (r.plan() == null) {
                        throw new ServerException("", "the service answered a dry run without a plan: it may not be vedit | 服务未返回计划", "", null);
                    }
                    return r.plan();
                });
    }

    /**
     * Runs a workflow the operator registered ({@code POST /openapi/v2/run/workflow/{id}}) with some inputs overridden, on
     * the default pool; {@link #waitFor} follows it, and its {@code results} hold every output (images, videos, audio,
     * text) in node order. Like {@link #submit(EditRequest)}, a lost reply is not retried blindly.
     *
     * @throws NotFoundException       (380) when no workflow has that id for this key
     * @throws InvalidRequestException (803) when an override names a node or input the workflow lacks, or a value it cannot
     *                                 hold; (810) when the ComfyUI servers cannot run it; (435) an unknown instance type
     * @throws LimitExceededException  (421, 415) when the queue is full or every ComfyUI server is busy
     */
    public SubmitReply runWorkflow(String workflowId, NodeInfo... nodeInfo) {
        return runWorkflow(workflowId, null, List.of(nodeInfo));
    }

    /** {@link #runWorkflow(String, NodeInfo...)} on a pool of ComfyUI servers ({@code instanceType}; {@code null}: default). */
    public SubmitReply runWorkflow(String workflowId, String instanceType, List<NodeInfo> nodeInfo) {
        return submitOnce("run/workflow/" + pathSegment(workflowId), runBody(instanceType, nodeInfo));
    }

    /** Runs an AI app ({@code POST /openapi/v2/run/ai-app/{webappId}}): only the inputs the app lists may be set. */
    public SubmitReply runAiApp(String webappId, NodeInfo... nodeInfo) {
        return runAiApp(webappId, null, List.of(nodeInfo));
    }

    /** {@link #runAiApp(String, NodeInfo...)} on a pool of ComfyUI servers ({@code null}: default). */
    public SubmitReply runAiApp(String webappId, String instanceType, List<NodeInfo> nodeInfo) {
        return submitOnce("run/ai-app/" + pathSegment(webappId), runBody(instanceType, nodeInfo));
    }

    /** {@link #runWorkflow(String, NodeInfo...)} on the executor. */
    public CompletableFuture<SubmitReply> runWorkflowAsync(String workflowId, NodeInfo... nodeInfo) {
        return async(() -> runWorkflow(workflowId, nodeInfo));
    }

    /** A submit that is never repeated after a lost reply: the workflow endpoints take no {@code Idempotency-Key}. */
    private SubmitReply submitOnce(String endpoint, JsonNode body) {
        byte[] bytes = write(body);
        return transport.json(() -> post("/openapi/v2/" + endpoint, bytes), RequestOptions.defaults(), Safety.CREATES, true, reply -> {
            SubmitReply r = json.convertValue(reply, SubmitReply.class);
            if (!r.accepted()) {
                throw ErrorMapping.forCode(r.errorCode(), r.errorMessage(), r.taskId(), null);
            }
            return r;
        });
    }

    private JsonNode runBody(String instanceType, List<NodeInfo> nodeInfo) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("nodeInfoList", nodeInfo);
        if (instanceType != null) {
            body.put("instanceType", instanceType);
        }
        body.put("usePersonalQueue", "false");
        return json.valueToTree(body);
    }

    private static String pathSegment(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a workflow id is required");
        }
        return java.net.URLEncoder.encode(id.strip(), java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@link #submit(EditRequest)} on the executor. */
    public CompletableFuture<SubmitReply> submitAsync(EditRequest request) {
        return async(() -> submit(request));
    }

    /**
     * The task as the service sees it now (any status; a FAILED task is a reply, not an exception).
     *
     * @throws NotFoundException when the task is unknown, expired or another key's
     */
    public QueryReply query(String taskId) {
        return query(taskId, RequestOptions.defaults());
    }

    /** {@link #query(String)} with settings for this call. */
    public QueryReply query(String taskId, RequestOptions options) {
        byte[] body = write(Map.of("taskId", taskId));
        return transport.json(() -> post("/openapi/v2/query", body), options, Safety.IDEMPOTENT, true, reply -> {
            QueryReply r = json.convertValue(reply, QueryReply.class);
            if (r.status() == null || r.status().isEmpty()) {
                throw ErrorMapping.forCode(r.errorCode(), r.errorMessage(), taskId, null);
            }
            return r;
        });
    }

    /** {@link #query(String)} on the executor. */
    public CompletableFuture<QueryReply> queryAsync(String taskId) {
        return async(() -> query(taskId));
    }

    /**
     * Polls the task until it ends, with exponential backoff and jitter between polls (see the builder's
     * {@link Builder#pollInterval}). Transient failures of single polls are ridden out until the timeout.
     *
     * @param timeout  the longest wait; the task itself is not affected when it passes
     * @param listener told of every poll (status, percent, elapsed)
     * @return the final reply of a task that ended in SUCCESS (its {@code results} hold the output URLs)
     * @throws TaskFailedException  when the task ends FAILED
     * @throws WaitTimeoutException when {@code timeout} passes first
     * @throws NotFoundException    when the task is unknown
     */
    public QueryReply waitFor(String taskId, Duration timeout, ProgressListener listener) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        QueryReply last = null;
        for (int poll = 1; ; poll++) {
            try {
                last = query(taskId);
                TaskStatus status = TaskStatus.valueOf(last.status());
                listener.onProgress(new TaskProgress(taskId, status, last.progress(), Duration.ofNanos(System.nanoTime() - start), last));
                if (status == TaskStatus.SUCCESS) {
                    return last;
                }
                if (status == TaskStatus.FAILED) {
                    throw new TaskFailedException(last);
                }
            } catch (ServerException | ConnectionException | LimitExceededException e) {
                if (System.nanoTime() >= deadline) {
                    throw e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new WaitTimeoutException(taskId, "task " + taskId + " did not end within " + timeout.toSeconds()
                        + " s (last status " + (last == null ? "unknown" : last.status()) + "); it goes on, wait again or cancel it"
                        + " | 任务在 " + timeout.toSeconds() + " 秒内未结束，仍在继续，可再次等待或取消", last);
            }
            Duration pause = RetryPolicy.jittered(pollInitial, pollMax, poll);
            try {
                Transport.sleep(pause.toNanos() > left ? Duration.ofNanos(left) : pause);
            } catch (ConnectionException interrupted) {
                throw new WaitTimeoutException(taskId, "interrupted while waiting for task " + taskId + " | 等待任务时被中断", last);
            }
        }
    }

    /** {@link #waitFor(String, Duration, ProgressListener)} without a listener. */
    public QueryReply waitFor(String taskId, Duration timeout) {
        return waitFor(taskId, timeout, ProgressListener.NONE);
    }

    /** {@link #waitFor(String, Duration, ProgressListener)} on the executor. */
    public CompletableFuture<QueryReply> waitForAsync(String taskId, Duration timeout, ProgressListener listener) {
        return async(() -> waitFor(taskId, timeout, listener));
    }

    /** Submits and waits: {@link #submit(EditRequest)} then {@link #waitFor(String, Duration, ProgressListener)}. */
    public QueryReply run(EditRequest request, Duration timeout, ProgressListener listener) {
        return waitFor(submit(request).taskId(), timeout, listener);
    }

    /** {@link #run(EditRequest, Duration, ProgressListener)} on the executor. */
    public CompletableFuture<QueryReply> runAsync(EditRequest request, Duration timeout, ProgressListener listener) {
        return async(() -> run(request, timeout, listener));
    }

    /**
     * Cancels a task: a queued one ends at once, a running one within moments (it then reads FAILED with code 2002).
     * Cancelling a task that already ended does nothing.
     *
     * @throws NotFoundException when the task is unknown
     */
    public void cancel(String taskId) {
        cancel(taskId, RequestOptions.defaults());
    }

    /** {@link #cancel(String)} with settings for this call. */
    public void cancel(String taskId, RequestOptions options) {
        byte[] body = write(Map.of("taskId", taskId));
        transport.json(() -> post("/task/openapi/cancel", body), options, Safety.IDEMPOTENT, true, reply -> v1Data(reply, taskId));
    }

    /** {@link #cancel(String)} on the executor. */
    public CompletableFuture<Void> cancelAsync(String taskId) {
        return async(() -> {
            cancel(taskId);
            return null;
        });
    }

    /**
     * The calling key's tasks, newest first: vedit's extension {@code GET /openapi/v2/tasks} (the hosted service has
     * no listing and answers {@link NotFoundException}).
     *
     * @param page     from 1
     * @param pageSize 1 to {@link TaskPage#MAX_PAGE_SIZE}
     * @throws InvalidRequestException naming {@code page} or {@code pageSize} when one is out of range
     */
    public TaskPage listTasks(int page, int pageSize) {
        return listTasks(page, pageSize, RequestOptions.defaults());
    }

    /** {@link #listTasks(int, int)} with settings for this call. */
    public TaskPage listTasks(int page, int pageSize, RequestOptions options) {
        checkPage(page, pageSize);
        String path = "/openapi/v2/tasks?page=" + page + "&pageSize=" + pageSize;
        return transport.json(() -> get(path), options, Safety.IDEMPOTENT, true, reply -> json.convertValue(v1Data(reply, ""), TaskPage.class));
    }

    private static void checkPage(int page, int pageSize) {
        if (page < 1) {
            throw new InvalidRequestException("1007", "Invalid parameters: page must be 1 or more (got " + page + ") | 参数错误：page 须不小于 1（当前 "
                    + page + "）", "", null);
        }
        if (pageSize < 1 || pageSize > TaskPage.MAX_PAGE_SIZE) {
            throw new InvalidRequestException("1007", "Invalid parameters: pageSize must be 1 to " + TaskPage.MAX_PAGE_SIZE + " (got " + pageSize
                    + ") | 参数错误：pageSize 须在 1 到 " + TaskPage.MAX_PAGE_SIZE + " 之间（当前 " + pageSize + "）", "", null);
        }
    }

    /**
     * Every task of the key, newest first, fetched a page at a time as the iteration goes ({@link TaskPage#MAX_PAGE_SIZE}
     * per request). A task that moves to a later page while iterating (new tasks push older ones back) is returned once.
     */
    public Iterable<TaskSummary> allTasks() {
        return allTasks(TaskPage.MAX_PAGE_SIZE);
    }

    /** {@link #allTasks()} with {@code pageSize} tasks per request. */
    public Iterable<TaskSummary> allTasks(int pageSize) {
        checkPage(1, pageSize);
        return () -> new Iterator<>() {
            private final Set<String> seen = new HashSet<>();
            private final Deque<TaskSummary> buffer = new ArrayDeque<>();
            private int nextPage = 1;
            private boolean more = true;

            @Override
            public boolean hasNext() {
                while (buffer.isEmpty() && more) {
                    TaskPage page = listTasks(nextPage++, pageSize);
                    more = page.hasMore() && !page.tasks().isEmpty();
                    page.tasks().stream().filter(t -> seen.add(t.taskId())).forEach(buffer::add);
                }
                return !buffer.isEmpty();
            }

            @Override
            public TaskSummary next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return buffer.poll();
            }
        };
    }

    /** {@link #allTasks()} as a stream (lazy: pages are fetched as it is consumed). */
    public Stream<TaskSummary> streamTasks() {
        return StreamSupport.stream(allTasks().spliterator(), false);
    }

    /** {@link #listTasks(int, int)} on the executor. */
    public CompletableFuture<TaskPage> listTasksAsync(int page, int pageSize) {
        return async(() -> listTasks(page, pageSize));
    }

    // ---- media ---------------------------------------------------------------------------------------

    /**
     * Uploads a local file, streamed from disk; put the reply's {@code downloadUrl()} into a model's media field.
     * Repeated like a read on failure: the service stores uploads by content, so a second copy is harmless.
     *
     * @throws InvalidRequestException when the file cannot be read, is too large or of a type the service refuses
     */
    public UploadReply.Uploaded upload(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidRequestException("1007", "cannot read " + file + ": not a readable file | 无法读取文件 " + file, "", null);
        }
        return upload(() -> {
            try {
                return HttpRequest.BodyPublishers.ofFile(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, file.getFileName().toString(), true);
    }

    /**
     * Uploads a stream (read once, to its end; not closed). It cannot be re-read, so this call is never repeated.
     *
     * @param fileName the name the service sees; its extension should match the content (e.g. {@code clip.mp4})
     */
    public UploadReply.Uploaded upload(InputStream content, String fileName) {
        return upload(() -> HttpRequest.BodyPublishers.ofInputStream(() -> content), fileName, false);
    }

    /** {@link #upload(Path)} on the executor. */
    public CompletableFuture<UploadReply.Uploaded> uploadAsync(Path file) {
        return async(() -> upload(file));
    }

    private UploadReply.Uploaded upload(Supplier<HttpRequest.BodyPublisher> content, String fileName, boolean repeatable) {
        String boundary = "vedit-" + UUID.randomUUID();
        String safeName = fileName.replaceAll("[\"\\r\\n\\\\]", "_");
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + safeName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        return transport.json(() -> request("/openapi/v2/media/upload/binary")
                        .timeout(requestTimeout.multipliedBy(10))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head), content.get(),
                                HttpRequest.BodyPublishers.ofByteArray(tail))),
                RequestOptions.defaults(), Safety.IDEMPOTENT, repeatable, reply -> {
                    UploadReply r = json.convertValue(reply, UploadReply.class);
                    if (r.code() != 0 || r.data() == null) {
                        throw ErrorMapping.forCode(Integer.toString(r.code()), r.message(), "", null);
                    }
                    return r.data();
                });
    }

    /**
     * Downloads a result URL to {@code target} (written to a temporary file beside it, then moved, so a failed
     * download leaves no partial file). The API key is not sent: result URLs carry their own token and may live
     * on another host.
     *
     * @throws NotFoundException when the link expired or never existed
     */
    public Path download(String url, Path target) {
        Path dir = target.toAbsolutePath().getParent();
        checkOpen();
        return transport.send(() -> HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout.multipliedBy(10)).GET(),
                RequestOptions.defaults(), info -> info.statusCode() == 200
                        ? HttpResponse.BodySubscribers.ofFile(tempFile(dir, target))
                        : HttpResponse.BodySubscribers.replacing(null),
                Safety.IDEMPOTENT, true, response -> {
                    if (response.statusCode() != 200) {
                        throw ErrorMapping.forHttpStatus(response.statusCode(), null, "", Transport.retryAfter(response));
                    }
                    try {
                        Path moved = Files.move(response.body(), target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        readableByAll(moved);
                        return moved;
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot move the download to " + target, e);
                    }
                });
    }

    /** {@link #download(String, Path)} on the executor. */
    public CompletableFuture<Path> downloadAsync(String url, Path target) {
        return async(() -> download(url, target));
    }

    /**
     * A temporary file is created owner-only (0600); the finished download gets the permissions of an ordinary new file
     * (0644, rw-r--r--) so other tools and users can read it, as with curl or a browser.
     */
    private static void readableByAll(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    private static Path tempFile(Path dir, Path target) {
        try {
            Files.createDirectories(dir);
            return Files.createTempFile(dir, "." + target.getFileName(), ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into " + dir, e);
        }
    }

    /**
     * The task's live events (vedit's {@code GET /vedit/v1/tasks/{taskId}/events}; the hosted service has no such
     * endpoint): each element is the task as {@link #query} returns it, sent as its status or progress changes, the last
     * one SUCCESS or FAILED. A dropped connection resumes where it was. Close it (try-with-resources) to stop early.
     * Unlike {@link #waitFor}, nothing is polled: the service pushes each change.
     *
     * @throws NotFoundException (on the first read) when the task is not this key's
     */
    public TaskEvents events(String taskId) {
        Objects.requireNonNull(taskId, "taskId");
        return new TaskEvents(http, baseUrl, apiKey, retryPolicy, json, taskId);
    }

    // ---- account -------------------------------------------------------------------------------------

    /** Balance and current task count of the key ({@code /uc/openapi/accountStatus}). */
    public AccountStatus account() {
        byte[] body = write(Map.of("apikey", apiKey));
        return transport.json(() -> post("/uc/openapi/accountStatus", body), RequestOptions.defaults(), Safety.IDEMPOTENT, true,
                reply -> json.convertValue(v1Data(reply, ""), AccountStatus.class));
    }

    /** {@link #account()} on the executor. */
    public CompletableFuture<AccountStatus> accountAsync() {
        return async(this::account);
    }

    /** Running and queued tasks of the key and its concurrency limit ({@code /openapi/v2/queue/status}). */
    public QueueStatus queueStatus() {
        return transport.json(() -> get("/openapi/v2/queue/status"), RequestOptions.defaults(), Safety.IDEMPOTENT, true,
                reply -> json.convertValue(v1Data(reply, ""), QueueStatus.class));
    }

    /** {@link #queueStatus()} on the executor. */
    public CompletableFuture<QueueStatus> queueStatusAsync() {
        return async(this::queueStatus);
    }

    // ---- anything else -------------------------------------------------------------------------------

    /**
     * Calls any endpoint and returns its JSON reply as is, for endpoints this SDK has no method for. Only transport
     * failures are mapped (non-200 statuses, connection errors); business errors stay in the returned body.
     * A GET is repeated like a read; anything else like a submit.
     *
     * @param method {@code GET} or {@code POST}
     * @param path   below the base URL, e.g. {@code /task/openapi/outputs}
     * @param body   for POST: a {@code Map}, {@code JsonNode} or any object Jackson can write; ignored for GET
     */
    public JsonNode call(String method, String path, Object body) {
        return call(method, path, body, RequestOptions.defaults());
    }

    /** {@link #call(String, String, Object)} with settings for this call. */
    public JsonNode call(String method, String path, Object body, RequestOptions options) {
        boolean isGet = method.equalsIgnoreCase("GET");
        byte[] bytes = isGet ? null : write(body == null ? Map.of() : body);
        String p = path.startsWith("/") ? path : "/" + path;
        return transport.json(() -> isGet ? get(p) : post(p, bytes), options, isGet ? Safety.IDEMPOTENT : Safety.CREATES, true, reply -> reply);
    }

    // ---- plumbing ------------------------------------------------------------------------------------

    private JsonNode v1Data(JsonNode reply, String taskId) {
        int code = reply.path("code").asInt(-1);
        if (code != 0) {
            throw ErrorMapping.forCode(Integer.toString(code), reply.path("msg").asText(reply.path("message").asText("")), taskId, null);
        }
        return reply.path("data");
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this VeditClient is closed; build a new one");
        }
    }

    private HttpRequest.Builder request(String path) {
        checkOpen();
        return HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + apiKey)
                .header("User-Agent", "vedit-java-sdk/0.1");
    }

    private HttpRequest.Builder post(String path, byte[] body) {
        return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> CompletableFuture<T> async(Supplier<T> call) {
        checkOpen();
        return CompletableFuture.supplyAsync(call, executor);
    }

    /** Builds a {@link VeditClient}. */
    public static final class Builder {
        private String baseUrl = HOSTED_BASE_URL;
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private Duration pollInitial = Duration.ofSeconds(1);
        private Duration pollMax = Duration.ofSeconds(10);
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private Executor executor;
        private RequestListener listener = RequestListener.NONE;
        private Boolean honoursIdempotencyKeys;

        private Builder() {
        }

        /**
         * The service, e.g. {@code http://127.0.0.1:8080}; default {@link VeditClient#HOSTED_BASE_URL}. RunningHub's own
         * form, with the API path ({@code https://www.runninghub.cn/openapi/v2}, as in {@code RH_API_BASE_URL}), works too.
         *
         * @throws IllegalArgumentException when {@code baseUrl} is null
         */
        public Builder baseUrl(String baseUrl) {
            if (baseUrl == null) {
                throw new IllegalArgumentException("baseUrl is null: pass the service's URL, e.g. http://127.0.0.1:8080 (is VEDIT_BASE_URL set?)");
            }
            this.baseUrl = baseUrl.strip();
            return this;
        }

        /**
         * The API key, sent as {@code Authorization: Bearer}. Required.
         *
         * @throws IllegalArgumentException when {@code apiKey} is null or blank (typically an unset environment variable)
         */
        public Builder apiKey(String apiKey) {
            if (apiKey == null || apiKey.isBlank()) {
                throw new IllegalArgumentException("the API key is " + (apiKey == null ? "null" : "blank")
                        + ": pass your key, e.g. System.getenv(\"VEDIT_API_KEY\"), and check that the variable is set (or use VeditClient.fromEnv())");
            }
            this.apiKey = apiKey.strip();
            return this;
        }

        /** Told of every HTTP attempt (method, URL, status, time, request id), e.g. to log calls; default none. */
        public Builder requestListener(RequestListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Whether the service answers a repeated {@code Idempotency-Key} with the task it already created, so that a
         * submit whose reply was lost may be sent again. Default: true except for the hosted RunningHub service (vedit
         * honours keys for 24 h); the client also learns it from the first submit the service echoes a key for.
         */
        public Builder serviceHonoursIdempotencyKeys(boolean honours) {
            this.honoursIdempotencyKeys = honours;
            return this;
        }

        /** How long connecting may take (default 10 s). */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** How long one request may wait for its reply (default 60 s; uploads and downloads get ten times this). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** Which failures are repeated, how often and how far apart (default {@link RetryPolicy#DEFAULT}). */
        public Builder retryPolicy(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** {@code waitFor}'s first pause between polls and the longest (default 1 s growing to 10 s, jittered). */
        public Builder pollInterval(Duration initial, Duration max) {
            if (max.compareTo(positive(initial, "initial")) < 0) {
                throw new IllegalArgumentException("the longest poll interval must not be shorter than the first");
            }
            this.pollInitial = initial;
            this.pollMax = max;
            return this;
        }

        /** Where the {@code …Async} calls run (default: a virtual thread each). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * The client.
         *
         * @throws IllegalStateException when no API key was set or the base URL is not an http(s) URL
         */
        public VeditClient build() {
            if (apiKey == null || apiKey.isEmpty()) {
                throw new IllegalStateException("an API key is required: VeditClient.builder().apiKey(...), or VeditClient.fromEnv()");
            }
            return new VeditClient(this, normalizedBaseUrl(baseUrl));
        }

        /**
         * {@code http(s)://host[:port][/prefix]} without a trailing slash or RunningHub's {@code /openapi/v2} (the SDK adds
         * the API paths itself; a base URL with them would double it).
         */
        static URI normalizedBaseUrl(String text) {
            String hint = " (got \"" + text + "\"); e.g. http://127.0.0.1:8080 or https://www.runninghub.cn";
            if (!text.regionMatches(true, 0, "http://", 0, 7) && !text.regionMatches(true, 0, "https://", 0, 8)) {
                throw new IllegalStateException("the base URL must start with http:// or https://" + hint);
            }
            String trimmed = text.replaceAll("/+$", "");
            if (trimmed.toLowerCase(java.util.Locale.ROOT).endsWith("/openapi/v2")) {
                trimmed = trimmed.substring(0, trimmed.length() - "/openapi/v2".length());
            }
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalStateException("the base URL is not a valid URL: " + e.getReason() + hint);
            }
            if (uri.getHost() == null || uri.getQuery() != null || uri.getFragment() != null) {
                throw new IllegalStateException("the base URL must be http(s)://host[:port] with no query or fragment" + hint);
            }
            return uri;
        }

        private static Duration positive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return d;
        }
    }
}
