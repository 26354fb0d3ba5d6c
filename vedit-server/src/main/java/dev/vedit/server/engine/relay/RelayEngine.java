package dev.vedit.server.engine.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.Engine;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineInputs;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.engine.InputMode;
import dev.vedit.server.engine.RouteHealth;
import dev.vedit.server.engine.RunContext;
import dev.vedit.wire.EditOperation;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ModelCatalog;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.ValidatedRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards tasks to an upstream RunningHub-compatible API (the hosted RunningHub, or another vedit) with the operator's
 * key, follows them there and keeps the results in our own media store (upstream links expire in about a day).
 *
 * <p>No upstream task is created twice: a {@link RelayState.Phase#SUBMITTING} state is saved before the submit is
 * sent and the upstream {@code taskId} right after it answers; a later attempt that finds a task id only polls it.
 * When a submit's answer is lost (a crash, a dropped connection, a 5xx), the upstream's task list, where it has one
 * (vedit's {@code GET /openapi/v2/tasks}), says whether the task arrived: a task of the same endpoint and prompt that
 * was not there before the submit is ours. An upstream without a list (the hosted service) cannot be asked, so such a
 * task fails with {@code 2006} rather than risk a second, paid, upstream task.
 */
public final class RelayEngine implements Engine, AutoCloseable {
    public static final String NAME = "relay";
    private static final Logger log = LoggerFactory.getLogger(RelayEngine.class);
    /** How far back the upstream's list is searched for a lost submit, to allow for clock skew between the two sides. */
    private static final Duration LOOKUP_WINDOW = Duration.ofMinutes(10);
    private static final int LOOKUP_PAGES = 10;
    private static final Pattern OUTPUT_TYPE = Pattern.compile("[a-z0-9]{1,8}");

    /**
     * @param upstream        the upstream's root ({@link #upstreamRoot})
     * @param key             the upstream API key ({@code VEDIT_RELAY_KEY})
     * @param pollMin         the first wait between two queries of a running upstream task
     * @param pollMax         the longest wait (the wait grows by half each time; a {@code Retry-After} wins)
     * @param callTimeout     the limit of one API call
     * @param transferTimeout the limit of one upload or result download
     * @param patience        how long the upstream may stay unreachable before the attempt gives up as transient (the
     *                        next attempt resumes the same upstream task)
     * @param checkInterval   how often the upstream and the key are checked for {@code /healthz}
     */
    public record Settings(URI upstream, String key, Duration pollMin, Duration pollMax, Duration callTimeout,
                           Duration transferTimeout, Duration patience, Duration checkInterval) {
        public Settings {
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("--relay-url needs the upstream API key in VEDIT_RELAY_KEY | --relay-url 需要在 VEDIT_RELAY_KEY 中提供上游 API Key");
            }
        }

        /** The settings for {@code --relay-url URL} with the key from {@code VEDIT_RELAY_KEY}. */
        public static Settings of(String url, String key) {
            return new Settings(upstreamRoot(url), key, Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30),
                    Duration.ofMinutes(10), Duration.ofMinutes(2), Duration.ofSeconds(60));
        }
    }

    private final Settings settings;
    private final Upstream upstream;
    private final ObjectMapper json;
    private final Clock clock;
    private volatile String problem = "not checked yet";
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vedit-relay-check");
        t.setDaemon(true);
        return t;
    });

    public RelayEngine(Settings settings, ObjectMapper json) {
        this(settings, json, Clock.systemUTC());
    }

    RelayEngine(Settings settings, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.json = json;
        this.clock = clock;
        this.upstream = new Upstream(settings.upstream(), settings.key(), json, settings.callTimeout(), settings.transferTimeout());
        long every = settings.checkInterval().toMillis();
        checker.scheduleWithFixedDelay(this::checkNow, 0, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The upstream's root from {@code --relay-url}: {@code https://www.runninghub.cn}; a URL ending in {@code /openapi/v2}
     * (RunningHub's own convention for {@code RH_API_BASE_URL}) means the same.
     *
     * @throws IllegalArgumentException when it is not an http(s) URL with a host
     */
    public static URI upstreamRoot(String url) {
        String text = url == null ? "" : url.strip().replaceAll("/+$", "");
        if (text.endsWith("/openapi/v2")) {
            text = text.substring(0, text.length() - "/openapi/v2".length()).replaceAll("/+$", "");
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("--relay-url takes the upstream's http(s) root such as https://www.runninghub.cn, not '"
                    + url + "' | --relay-url 需要上游的 http(s) 根地址，如 https://www.runninghub.cn，而不是 '" + url + "'");
        }
        return uri;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The upstream validates media and plans the edit itself: URLs pass through, nothing is fetched or probed here. */
    @Override
    public InputMode inputMode() {
        return InputMode.URLS;
    }

    /** Validation only: the request already passed the model catalog's rules, which the upstream applies too. */
    @Override
    public EditPlan plan(ValidatedRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("endpoint", request.model().endpoint());
        return new EditPlan(NAME, List.of(new EditOperation(NAME, params, request.prompt())));
    }

    /** One route per model endpoint, all to the one upstream: ready while it answers and takes the key. */
    @Override
    public List<RouteHealth> health() {
        String now = problem;
        return ModelCatalog.standard().models().stream().map(ModelSpec::endpoint)
                .map(e -> new RouteHealth(e, settings.upstream().toString(), now.isEmpty(), now)).toList();
    }

    /** Checks that the upstream answers and takes the key (its account status). */
    void checkNow() {
        try {
            upstream.account();
            problem = "";
        } catch (Upstream.CallFailed e) {
            problem = e.code.equals("1002") ? "the upstream refuses the relay key (VEDIT_RELAY_KEY)" : "upstream: " + e.detail;
        } catch (RuntimeException e) {
            problem = "upstream check failed: " + e;
        }
    }

    @Override
    public List<EngineOutput> run(EditPlan plan, EngineInputs inputs, RunContext context) throws EngineFailure {
        ValidatedRequest request = inputs.request();
        String endpoint = request.model().endpoint();
        Optional<RelayState> saved = context.engineState().flatMap(this::readState);
        String upstreamTaskId = null;
        if (saved.isPresent()) {
            RelayState state = saved.get();
            if (!state.upstream().equals(settings.upstream().toString())) {
                throw failure(ErrorCode.ENGINE_UNAVAILABLE, false,
                        "the task was relayed to " + state.upstream() + ", but --relay-url is now " + settings.upstream()
                                + "; its upstream task cannot be followed from here (resubmit it)",
                        "任务已转发到 " + state.upstream() + "，但 --relay-url 已改为 " + settings.upstream() + "，无法继续跟踪（请重新提交）", null);
            }
            if (state.phase() == RelayState.Phase.SUBMITTED) {
                upstreamTaskId = state.taskId();
                log.info("task {}: resuming upstream task {}", context.taskId(), upstreamTaskId);
            } else {
                log.info("task {}: the last attempt stopped while submitting; looking for its upstream task", context.taskId());
                Optional<String> found = lookUp(state, endpoint, request.prompt(), context);
                if (found.isPresent()) {
                    log.info("task {}: found it: upstream task {}", context.taskId(), found.get());
                    upstreamTaskId = adopt(state, found.get(), context);
                } else {
                    log.info("task {}: the upstream never got the submit; submitting now", context.taskId());
                }
            }
        }
        if (upstreamTaskId == null) {
            upstreamTaskId = submit(request, inputs, context);
        }
        return follow(upstreamTaskId, context);
    }

    // ---- submit ---------------------------------------------------------------------------------------

    /** Uploads our own media, saves the SUBMITTING state, submits, and saves the upstream task id. */
    private String submit(ValidatedRequest request, EngineInputs inputs, RunContext context) throws EngineFailure {
        ObjectNode body = request.params().deepCopy();
        Deadline deadline = new Deadline();
        Optional<String> videoField = request.model().videoField().map(f -> f.name());
        if (videoField.isPresent() && body.path(videoField.get()).isTextual()) {
            body.put(videoField.get(), passOn(body.path(videoField.get()).asText(), "video", inputs, context, deadline));
        }
        Optional<String> imageField = request.model().imageField().map(f -> f.name());
        if (imageField.isPresent() && body.path(imageField.get()).isArray()) {
            ArrayNode images = json.createArrayNode();
            int n = 0;
            for (JsonNode image : body.path(imageField.get())) {
                images.add(passOn(image.asText(), "image-" + (++n), inputs, context, deadline));
            }
            body.set(imageField.get(), images);
        }
        String endpoint = request.model().endpoint();
        checkCancelled(context);
        long started = clock.millis();
        // What the list holds before the submit, so that a look-up after a lost answer does not take another task for ours.
        Optional<Set<String>> before = matching(endpoint, request.prompt(), started - LOOKUP_WINDOW.toMillis(), context, deadline);
        RelayState state = new RelayState(settings.upstream().toString(), RelayState.Phase.SUBMITTING, null, started,
                before.map(s -> List.copyOf(s)).orElse(null));
        context.saveEngineState(write(state));
        context.progress(0.02);
        Duration wait = settings.pollMin();
        while (true) {
            checkCancelled(context);
            try {
                JsonNode reply = upstream.submit(endpoint, body);
                String taskId = reply.path("taskId").asText();
                log.info("task {}: relayed to {} as upstream task {}", context.taskId(), settings.upstream(), taskId);
                return adopt(state, taskId, context);
            } catch (Upstream.CallFailed e) {
                switch (e.outcome) {
                    case NOT_SENT, BUSY -> log.info("task {}: upstream submit not taken ({}), trying again", context.taskId(), e.detail);
                    case NO_ANSWER -> {
                        log.info("task {}: upstream submit got no answer ({}); looking for the task upstream", context.taskId(), e.detail);
                        // The request may still be on its way through a slow proxy: give it a moment before looking.
                        pause(wait, context);
                        Optional<String> found = lookUp(state, endpoint, request.prompt(), context);
                        if (found.isPresent()) {
                            log.info("task {}: found it: upstream task {}", context.taskId(), found.get());
                            return adopt(state, found.get(), context);
                        }
                        log.info("task {}: the upstream has no such task; submitting again", context.taskId());
                    }
                    case REFUSED -> throw refused(e, "the upstream refused the task", "上游拒绝了该任务");
                }
                deadline.check(e);
                pause(e.retryAfter != null ? e.retryAfter : wait, context);
                wait = longer(wait);
            }
        }
    }

    /** Saves the upstream task id: from now on this task is only polled, never submitted again. */
    private String adopt(RelayState state, String taskId, RunContext context) throws EngineFailure {
        context.saveEngineState(write(state.submitted(taskId)));
        return taskId;
    }

    /**
     * The URL to send upstream for one media field: a public URL as it is (the upstream fetches it), our own media
     * uploaded to the upstream (it cannot reach us).
     */
    private String passOn(String url, String what, EngineInputs inputs, RunContext context, Deadline deadline) throws EngineFailure {
        if (!inputs.media().isOwn(url)) {
            return url;
        }
        Path dir = context.workDir().resolve("relay-in").resolve(what);
        Path file = inputs.media().copy(url, dir);
        Duration wait = settings.pollMin();
        while (true) {
            checkCancelled(context);
            try {
                String uploaded = upstream.upload(file, file.getFileName().toString());
                deleteQuietly(file);
                return uploaded;
            } catch (Upstream.CallFailed e) {
                if (e.outcome == Upstream.Outcome.REFUSED) {
                    throw refused(e, "the upstream refused the upload of the " + what, "上游拒绝了上传的" + (what.equals("video") ? "视频" : "图片"));
                }
                // Uploads are stored by content on both kinds of upstream: repeating one creates nothing new.
                log.info("task {}: upload of the {} to the upstream failed ({}), trying again", context.taskId(), what, e.detail);
                deadline.check(e);
                pause(e.retryAfter != null ? e.retryAfter : wait, context);
                wait = longer(wait);
            }
        }
    }

    /**
     * Whether the upstream holds the task a SUBMITTING state started: a task of the same endpoint and prompt, created
     * since the submit (allowing for clock skew) and not in the list before it.
     *
     * @throws EngineFailure {@code 2006} when the upstream has no list to look in, or when more than one task fits
     */
    private Optional<String> lookUp(RelayState state, String endpoint, String prompt, RunContext context) throws EngineFailure {
        if (state.knownBefore() == null) {
            throw failure(ErrorCode.ENGINE_UNAVAILABLE, false,
                    "the submit to the upstream " + settings.upstream() + " got no answer, and that upstream offers no task list to find out"
                            + " whether it created the task; it is not submitted again, to avoid a second (paid) upstream task."
                            + " Look at the upstream's own task list with the relay key, then resubmit if needed",
                    "向上游 " + settings.upstream() + " 提交后未收到回复，且上游没有任务列表可确认是否已创建任务；为避免重复（计费）任务不再重新提交。"
                            + "请用转发密钥在上游查看任务列表，必要时重新提交", null);
        }
        Optional<Set<String>> now = matching(endpoint, prompt, state.submitStarted() - LOOKUP_WINDOW.toMillis(), context, new Deadline());
        if (now.isEmpty()) {
            throw failure(ErrorCode.ENGINE_UNAVAILABLE, false, "the upstream no longer answers its task list; cannot tell whether"
                    + " the lost submit created a task, so it is not submitted again", "上游不再提供任务列表，无法确认提交是否已创建任务，因此不再重新提交", null);
        }
        Set<String> ours = new LinkedHashSet<>(now.get());
        state.knownBefore().forEach(ours::remove);
        if (ours.size() > 1) {
            throw failure(ErrorCode.ENGINE_UNAVAILABLE, false, "after a lost submit answer the upstream holds " + ours.size()
                    + " tasks that could be this one (" + String.join(", ", ours) + "); not guessing and not submitting again",
                    "提交回复丢失后，上游有 " + ours.size() + " 个任务可能属于本任务（" + String.join("、", ours) + "），不作猜测，也不再重新提交", null);
        }
        return ours.stream().findFirst();
    }

    /**
     * The upstream task ids with this endpoint and prompt created since {@code sinceMillis}, newest first; empty when the
     * upstream has no task list. Transient failures are retried until {@code deadline}.
     */
    private Optional<Set<String>> matching(String endpoint, String prompt, long sinceMillis, RunContext context, Deadline deadline)
            throws EngineFailure {
        Duration wait = settings.pollMin();
        while (true) {
            try {
                Set<String> found = new LinkedHashSet<>();
                for (int page = 1; page <= LOOKUP_PAGES; page++) {
                    Optional<Upstream.TaskPage> tasks = upstream.tasks(page, 100);
                    if (tasks.isEmpty()) {
                        return Optional.empty();
                    }
                    boolean older = false;
                    for (Upstream.Listed t : tasks.get().tasks()) {
                        if (t.createdAt() < sinceMillis) {
                            older = true;
                            break;
                        }
                        if (t.endpoint().equals(endpoint) && t.prompt().strip().equals(prompt.strip())) {
                            found.add(t.taskId());
                        }
                    }
                    if (older || !tasks.get().hasMore()) {
                        break;
                    }
                }
                return Optional.of(found);
            } catch (Upstream.CallFailed e) {
                if (e.outcome == Upstream.Outcome.REFUSED) {
                    throw refused(e, "the upstream refused its task list", "上游拒绝了任务列表请求");
                }
                deadline.check(e);
                checkCancelled(context);
                pause(e.retryAfter != null ? e.retryAfter : wait, context);
                wait = longer(wait);
            }
        }
    }

    // ---- follow ---------------------------------------------------------------------------------------

    /** Polls the upstream task to its end; a cancel (not a mere shutdown) cancels it upstream too. */
    private List<EngineOutput> follow(String taskId, RunContext context) throws EngineFailure {
        context.onCancel(() -> {
            if (context.stopRemoteJob()) {
                Thread.ofVirtual().name("vedit-relay-cancel").start(() -> cancelUpstream(taskId, context.taskId()));
            }
        });
        Deadline deadline = new Deadline();
        Duration wait = settings.pollMin();
        while (true) {
            checkCancelled(context);
            try {
                JsonNode reply = upstream.query(taskId);
                deadline.reset();
                String status = reply.path("status").asText("");
                switch (status) {
                    case "QUEUED" -> context.progress(0.03);
                    case "RUNNING" -> context.progress(0.05 + 0.85 * Math.min(100, Math.max(0, reply.path("progress").asInt(0))) / 100.0);
                    case "SUCCESS" -> {
                        checkCancelled(context);
                        return collect(taskId, reply, context);
                    }
                    case "FAILED" -> throw upstreamFailed(taskId, reply);
                    default -> throw failure(ErrorCode.GENERATION_FAILED, false, "the upstream answered status '" + status
                            + "' for task " + taskId, "上游返回了未知状态 '" + status + "'（任务 " + taskId + "）", null);
                }
            } catch (Upstream.CallFailed e) {
                if (e.outcome == Upstream.Outcome.REFUSED) {
                    if (e.code.equals(ErrorCode.TASK_NOT_FOUND.code())) {
                        throw failure(ErrorCode.ENGINE_UNAVAILABLE, false, "the upstream no longer knows task " + taskId
                                + " (expired or deleted there); it is not submitted again", "上游已不存在任务 " + taskId + "（已过期或被删除），不再重新提交", null);
                    }
                    throw refused(e, "the upstream refused to show task " + taskId, "上游拒绝查询任务 " + taskId);
                }
                deadline.check(e);
                if (e.retryAfter != null) {
                    wait = e.retryAfter;
                }
                log.debug("task {}: query of upstream task {} failed ({})", context.taskId(), taskId, e.detail);
            }
            pause(wait, context);
            wait = longer(wait);
        }
    }

    /** Downloads a finished upstream task's results into the work dir; the worker stores them and serves our own links. */
    private List<EngineOutput> collect(String taskId, JsonNode reply, RunContext context) throws EngineFailure {
        JsonNode results = reply.path("results");
        if (!results.isArray() || results.isEmpty()) {
            throw failure(ErrorCode.GENERATION_FAILED, false, "the upstream reported task " + taskId + " as SUCCESS without results",
                    "上游报告任务 " + taskId + " 成功但没有结果", null);
        }
        context.progress(0.92);
        List<EngineOutput> outputs = new ArrayList<>();
        int n = 0;
        for (JsonNode result : results) {
            String url = result.path("url").asText("");
            String type = outputType(result.path("outputType").asText(""), url);
            String node = result.path("nodeId").asText("");
            Path target = context.workDir().resolve("relay-" + (++n) + "." + type);
            Deadline deadline = new Deadline();
            Duration wait = settings.pollMin();
            while (true) {
                checkCancelled(context);
                try {
                    upstream.download(url, target);
                    break;
                } catch (Upstream.CallFailed e) {
                    if (e.outcome == Upstream.Outcome.REFUSED) {
                        throw failure(ErrorCode.FILE_PROCESSING_FAILED, false, "result " + n + " of upstream task " + taskId
                                + " could not be downloaded: " + e.detail, "无法下载上游任务 " + taskId + " 的第 " + n + " 个结果", null);
                    }
                    deadline.check(e);
                    pause(e.retryAfter != null ? e.retryAfter : wait, context);
                    wait = longer(wait);
                }
            }
            outputs.add(new EngineOutput(target, type, node.isEmpty() ? NAME : node));
        }
        context.progress(1.0);
        return outputs;
    }

    /** An upstream FAILED task as ours: its code where we know it, its own message, its failedReason plus where it came from. */
    private EngineFailure upstreamFailed(String taskId, JsonNode reply) {
        String upstreamCode = reply.path("errorCode").asText("");
        ErrorCode code = ErrorCode.ofCode(upstreamCode);
        if (code == ErrorCode.UNKNOWN && !upstreamCode.equals(ErrorCode.UNKNOWN.code())) {
            code = ErrorCode.GENERATION_FAILED; // a code we do not have: the generic failure, the upstream's code kept in failedReason
        }
        String message = reply.path("errorMessage").asText("");
        if (message.isBlank()) {
            message = code.message("upstream task " + taskId + " failed with code " + upstreamCode, "上游任务 " + taskId + " 失败，错误码 " + upstreamCode);
        }
        Map<String, Object> reason = new LinkedHashMap<>();
        JsonNode theirs = reply.path("failedReason");
        if (theirs.isObject() && !theirs.isEmpty()) {
            reason.putAll(json.convertValue(theirs, Map.class));
        } else {
            reason.put("node_name", NAME);
            reason.put("exception_type", "UpstreamTaskFailed");
            reason.put("exception_message", message);
        }
        reason.put("upstream_task_id", taskId);
        reason.put("upstream_error_code", upstreamCode);
        return new EngineFailure(code, message, false, NAME, null, reason);
    }

    private void cancelUpstream(String upstreamTaskId, String taskId) {
        Duration wait = settings.pollMin();
        for (int i = 0; i < 5; i++) {
            try {
                upstream.cancel(upstreamTaskId);
                log.info("task {}: upstream task {} cancelled", taskId, upstreamTaskId);
                return;
            } catch (Upstream.CallFailed e) {
                if (e.outcome == Upstream.Outcome.REFUSED) {
                    log.warn("task {}: the upstream refused to cancel task {}: {}", taskId, upstreamTaskId, e.detail);
                    return;
                }
                log.info("task {}: cancelling upstream task {} failed ({}), trying again", taskId, upstreamTaskId, e.detail);
                sleep(e.retryAfter != null ? e.retryAfter : wait);
                wait = longer(wait);
            }
        }
        log.warn("task {}: could not cancel upstream task {}; it may run to its end there", taskId, upstreamTaskId);
    }

    // ---- helpers --------------------------------------------------------------------------------------

    /**
     * How long the upstream may keep failing transiently within one attempt; past it the attempt ends as transient and
     * the worker retries it later (resuming from the saved state).
     */
    private final class Deadline {
        private long failingSince = -1;

        void reset() {
            failingSince = -1;
        }

        void check(Upstream.CallFailed e) throws EngineFailure {
            if (e.outcome == Upstream.Outcome.BUSY) {
                // The upstream answers and asks us to wait (its queue or rate limit, e.g. a key allowed one task at a
                // time): waiting is the backpressure, bounded by the task's time limit, not a fault to give up on.
                failingSince = -1;
                return;
            }
            long now = clock.millis();
            if (failingSince < 0) {
                failingSince = now;
            }
            if (now - failingSince > settings.patience().toMillis()) {
                throw failure(ErrorCode.SERVICE_UNAVAILABLE, true, "the upstream " + settings.upstream() + " has been failing for "
                        + settings.patience().toSeconds() + " s: " + e.detail, "上游 " + settings.upstream() + " 持续 "
                        + settings.patience().toSeconds() + " 秒不可用", e);
            }
        }
    }

    /** Throws the cancellation when the attempt was stopped (the upstream task is cancelled by the onCancel action). */
    private static void checkCancelled(RunContext context) throws EngineFailure {
        if (context.cancelled()) {
            throw new EngineFailure(ErrorCode.TASK_CANCELLED, ErrorCode.TASK_CANCELLED.message(), false, NAME, null);
        }
    }

    /** Waits, waking early when the attempt is stopped. */
    private static void pause(Duration wait, RunContext context) throws EngineFailure {
        long until = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < until) {
            checkCancelled(context);
            sleep(Duration.ofNanos(Math.min(until - System.nanoTime(), 100_000_000L)));
        }
        checkCancelled(context);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(Math.max(0, d.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Duration longer(Duration wait) {
        Duration next = wait.plus(wait.dividedBy(2));
        return next.compareTo(settings.pollMax()) > 0 ? settings.pollMax() : next;
    }

    private EngineFailure refused(Upstream.CallFailed e, String english, String chinese) {
        if (e.code.equals(ErrorCode.INVALID_API_KEY.code())) {
            return failure(ErrorCode.ENGINE_UNAVAILABLE, false, "the upstream " + settings.upstream()
                    + " refuses the relay key (check VEDIT_RELAY_KEY): " + e.detail, "上游 " + settings.upstream() + " 拒绝了转发密钥（请检查 VEDIT_RELAY_KEY）", e);
        }
        ErrorCode code = ErrorCode.ofCode(e.code);
        if (code == ErrorCode.UNKNOWN) {
            code = ErrorCode.GENERATION_FAILED;
        }
        // The upstream's own bilingual message, when it sent one, says best what to fix.
        String message = e.detail.contains(" | ") ? e.detail : code.message(english + ": " + e.detail, chinese + "：" + e.detail);
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("node_name", NAME);
        reason.put("exception_type", "UpstreamRefused");
        reason.put("exception_message", message);
        reason.put("upstream_error_code", e.code);
        return new EngineFailure(code, message, false, NAME, e, reason);
    }

    private static EngineFailure failure(ErrorCode code, boolean transientFailure, String english, String chinese, Throwable cause) {
        return new EngineFailure(code, code.message(english, chinese), transientFailure, NAME, cause);
    }

    /** The result's file extension: the upstream's outputType when it is a plain one, else the URL's, else mp4. */
    private static String outputType(String declared, String url) {
        String type = declared.toLowerCase(Locale.ROOT);
        if (OUTPUT_TYPE.matcher(type).matches()) {
            return type;
        }
        String path = url.replaceAll("[?#].*$", "");
        int dot = path.lastIndexOf('.');
        String ext = dot < 0 ? "" : path.substring(dot + 1).toLowerCase(Locale.ROOT);
        return OUTPUT_TYPE.matcher(ext).matches() ? ext : "mp4";
    }

    private Optional<RelayState> readState(String state) {
        try {
            RelayState s = json.readValue(state, RelayState.class);
            return s.upstream() == null || s.phase() == null ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            return Optional.empty(); // another engine's state (the route changed): start afresh
        }
    }

    private String write(RelayState state) {
        try {
            return json.writeValueAsString(state);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the work dir is removed with the attempt
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
