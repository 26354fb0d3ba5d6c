package dev.vedit.server.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.Account;
import dev.vedit.server.engine.Engine;
import dev.vedit.wire.EditPlan;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.ModelSpec;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.SubmitReply;
import dev.vedit.wire.TaskPage;
import dev.vedit.wire.TaskResult;
import dev.vedit.wire.TaskSummary;
import dev.vedit.wire.TaskStatus;
import dev.vedit.wire.Usage;
import dev.vedit.wire.ValidatedRequest;
import dev.vedit.wire.VeditException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Submitting, reading and cancelling tasks: the task system as the API sees it. */
public final class TaskService {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Queued tasks per workflow, as the model endpoints' queue size in the contract. */
    static final int WORKFLOW_QUEUE_SIZE = 1000;

    private final TaskQueue queue;
    private final TaskReads reads;
    private final EngineRouter engines;
    private final SubmitMedia submitMedia;
    private final TaskMedia media;
    private final QueueSignal signal;
    private final QueueSettings settings;
    private final WorkerPool workers;
    private final Clock clock;
    private final ObjectMapper json;
    private final TaskIds ids;
    private final IdempotencyKeys idempotency;
    private final SubmitBatcher batcher;
    private final QueryReplies replies;

    TaskService(TaskQueue queue, TaskReads reads, QueryReplies replies, EngineRouter engines, SubmitMedia submitMedia, TaskMedia media,
                QueueSignal signal, QueueSettings settings, WorkerPool workers, Clock clock, ObjectMapper json) {
        this.queue = queue;
        this.reads = reads;
        this.replies = replies;
        this.engines = engines;
        this.submitMedia = submitMedia;
        this.media = media;
        this.signal = signal;
        this.settings = settings;
        this.workers = workers;
        this.clock = clock;
        this.json = json;
        this.ids = new TaskIds(clock);
        this.idempotency = new IdempotencyKeys(queue.jdbi());
        this.batcher = new SubmitBatcher(queue);
    }

    /**
     * Validates, plans and queues an edit.
     *
     * @throws VeditException with the code and bilingual message the client should see
     */
    public SubmitReply submit(Account account, ModelSpec model, JsonNode body) {
        return submit(account, model, body, null).reply();
    }

    /**
     * What a submit of this body would do, without doing it (vedit's {@code ?dryRun=true}): the body is validated and
     * planned by the routed engine, nothing is stored, no media is fetched, no limit is counted. The reply has an
     * empty {@code taskId} and {@code status} and the {@code plan}; a refusal is the submit's own. The CLI uses it to
     * hear that an edit is impossible before it uploads a large file.
     */
    public SubmitReply dryRun(ModelSpec model, JsonNode body) {
        ValidatedRequest request = RequestValidator.validate(model, body);
        EngineRouter.Planned planned = engines.plan(request);
        return new SubmitReply("", "", "", "", null, null, planned.engine().promptTips(planned.plan()), planned.plan());
    }

    /** A submit's reply, and whether it is the reply to an earlier submit with the same {@code Idempotency-Key}. */
    public record Submitted(SubmitReply reply, boolean replayed) {
    }

    /**
     * Validates, plans and queues an edit, once per {@code idempotencyKey}: a submit with a key this account used in
     * the last 24 h for the same request answers with the task that one created (on any api node), and with a
     * different request is refused ({@code 1007}). Refused submits record nothing, so a corrected retry may reuse
     * the key.
     *
     * @param idempotencyKey the {@code Idempotency-Key} header, or {@code null}
     * @throws VeditException with the code and bilingual message the client should see
     */
    public Submitted submit(Account account, ModelSpec model, JsonNode body, String idempotencyKey) {
        try (SubmitBatcher.Arrival arrival = batcher.arrive()) {
            return submit(account, model, body, idempotencyKey, arrival);
        }
    }

    private Submitted submit(Account account, ModelSpec model, JsonNode body, String idempotencyKey, SubmitBatcher.Arrival arrival) {
        String key = idempotencyKey == null ? null : IdempotencyKeys.check(idempotencyKey.strip());
        ValidatedRequest request = RequestValidator.validate(model, body);
        String fingerprint = key == null ? null : IdempotencyKeys.fingerprint(model.endpoint(), write(request.params()), request.webhookUrl());
        if (key != null) {
            Optional<Submitted> earlier = replay(account, key, fingerprint);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        EngineRouter.Planned planned = engines.plan(request);
        Engine engine = planned.engine();
        EditPlan plan = planned.plan();
        request = submitMedia.prepare(account, request);

        long now = clock.millis();
        String clientId = HexFormat.of().formatHex(randomBytes(16));
        Task task = new Task(ids.next(), account.id(), model.endpoint(), engine.name(), TaskStatus.QUEUED, write(request.params()),
                write(plan), request.webhookUrl(), clientId, 0, settings.maxAttempts(), now, null, null, false, null, null, null, null,
                now, null, null, null);
        int queueSize = model.limits().queueSize();
        if (key == null) {
            batcher.insert(new SubmitBatcher.Insert(task, account.queueLimit(), queueSize, h -> { }), arrival);
        } else {
            try {
                batcher.insert(new SubmitBatcher.Insert(task, account.queueLimit(), queueSize,
                        h -> idempotency.claim(h, account.id(), key, fingerprint, task.id(), now)), arrival);
            } catch (RuntimeException e) {
                // Another submit with this key (on any node) committed first: answer with its task. Any other failure
                // of the database goes on as the error it is.
                if (!IdempotencyKeys.conflict(e)) {
                    throw e;
                }
                return awaitEarlier(account, key, fingerprint).orElseThrow(() -> e);
            }
        }
        signal.wake();
        return new Submitted(new SubmitReply(task.taskId(), TaskStatus.QUEUED.name(), "", "", null, clientId, engine.promptTips(plan), plan), false);
    }

    private Optional<Submitted> replay(Account account, String key, String fingerprint) {
        return idempotency.earlier(account.id(), key, fingerprint, clock.millis())
                .flatMap(id -> reads.find(id, account.id()))
                .map(t -> {
                    EditPlan plan = readPlan(t);
                    return new Submitted(new SubmitReply(t.taskId(), t.status().name(), "", "", null, t.clientId(),
                            plan == null ? "" : engines.promptTips(t.engine(), plan), plan), true);
                });
    }

    /** The racing submit's row may commit a moment after ours failed (H2 reports a lock timeout first): look again briefly. */
    private Optional<Submitted> awaitEarlier(Account account, String key, String fingerprint) {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Optional<Submitted> earlier = replay(account, key, fingerprint);
            if (earlier.isPresent() || System.nanoTime() > until) {
                return earlier;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /**
     * Queues a workflow run (RunningHub's workflow and AI-app API) under the same limits as an edit.
     *
     * @param engine the engine that runs it (its name is stored with the task)
     * @throws VeditException {@link ErrorCode#QUEUE_LIMIT} when the key's or the workflow's queue is full
     */
    public SubmitReply submitWorkflow(Account account, String engine, WorkflowSubmission submission) {
        long now = clock.millis();
        String clientId = HexFormat.of().formatHex(randomBytes(16));
        Task task = new Task(ids.next(), account.id(), submission.endpoint(), engine, TaskStatus.QUEUED, write(submission.requestJson()),
                write(submission.plan()), submission.webhookUrl(), clientId, 0, settings.maxAttempts(), now, null, null, false, null, null,
                null, null, now, null, null, null);
        batcher.insert(new SubmitBatcher.Insert(task, account.queueLimit(), WORKFLOW_QUEUE_SIZE, h -> { }));
        signal.wake();
        return new SubmitReply(task.taskId(), TaskStatus.QUEUED.name(), "", "", null, clientId, submission.promptTips(), submission.plan());
    }

    /**
     * The query reply for a task of the account, encoded as JSON; another account's task reads as not found. On the
     * embedded database a reply that only a change of the row can change is kept until that change ({@link QueryReplies}),
     * so a task polled while it waits, or after it ended, is answered without reading the store.
     */
    public byte[] queryJson(Account account, long taskId) {
        QueryReplies.Reply kept = replies.get(taskId);
        if (kept != null) {
            return kept.accountId() == account.id() ? kept.json() : encode(QueryReply.notFound(Long.toString(taskId)));
        }
        Optional<Task> task = reads.find(taskId, account.id());
        if (task.isPresent() && QueryReplies.keepable(task.get())) {
            // Read again under a row lock, stamped first: see QueryReplies for why a plain read may not be kept.
            long stamp = replies.stamp();
            if (stamp >= 0) {
                Optional<Task> locked = reads.findLocking(taskId).filter(t -> t.accountId() == account.id());
                if (locked.isPresent() && QueryReplies.keepable(locked.get())) {
                    byte[] reply = encode(view(locked.get()));
                    replies.put(taskId, new QueryReplies.Reply(account.id(), reply), stamp);
                    return reply;
                }
                task = locked;
            }
        }
        return encode(task.map(this::view).orElseGet(() -> QueryReply.notFound(Long.toString(taskId))));
    }

    public Optional<Task> find(Account account, long taskId) {
        return reads.find(taskId, account.id());
    }

    /** Result URLs of a finished task, in order. */
    public List<TaskResult> results(Task task) {
        return reads.outputs(task.id()).stream()
                .map(o -> new TaskResult(media.url(o), o.outputType(), o.nodeId(), null))
                .toList();
    }

    /** The v2 task object: what query returns and what a webhook carries. */
    public QueryReply view(Task task) {
        long now = clock.millis();
        boolean success = task.status() == TaskStatus.SUCCESS;
        boolean failed = task.status() == TaskStatus.FAILED;
        Integer progress = switch (task.status()) {
            case RUNNING -> workers == null ? task.progress() : workers.localProgress(task.id()).orElse(task.progress());
            case SUCCESS -> 100;
            default -> null;
        };
        return new QueryReply(
                task.taskId(),
                task.status().name(),
                failed ? nullToEmpty(task.errorCode()) : "",
                failed ? nullToEmpty(task.errorMessage()) : "",
                success ? results(task) : null,
                failed ? failedReason(task) : Map.of(),
                new Usage(null, "0", Long.toString(task.costSeconds(now)), null),
                "",
                "",
                readPlan(task),
                progress);
    }

    /** Cancels a task of the account (queued: at once; running: its FFmpeg is stopped). */
    public TaskQueue.CancelOutcome cancel(Account account, long taskId) {
        TaskQueue.CancelOutcome outcome = queue.requestCancel(taskId, account.id(), clock.millis());
        if (outcome == TaskQueue.CancelOutcome.CANCEL_REQUESTED && workers != null) {
            workers.cancelLocally(taskId);
        }
        return outcome;
    }

    /**
     * Validates and plans an edit without queueing anything: what a submit of the same body would do (the engine, the
     * operations and the words behind each), for the console's preview ({@code POST /vedit/v1/plan}). Media are not
     * fetched or probed here; a submit checks them.
     *
     * @throws VeditException with the code and bilingual message a submit would get (2001 quotes the refused words)
     */
    public EngineRouter.Planned plan(ModelSpec model, JsonNode body) {
        return engines.plan(RequestValidator.validate(model, body));
    }

    /** The {@code promptTips} a submit of this plan answers with. */
    public String promptTips(EngineRouter.Planned planned) {
        return planned.engine().promptTips(planned.plan());
    }

    /** The history of one of the account's tasks (status changes and each attempt's error), oldest first. */
    public Optional<List<TaskEvent>> history(Account account, long taskId) {
        return reads.find(taskId, account.id()).map(t -> reads.events(t.id()));
    }

    /** The validated model fields a task was submitted with (its source media URLs among them). */
    public JsonNode request(Task task) {
        try {
            return json.readTree(task.requestJson());
        } catch (JsonProcessingException e) {
            return json.createObjectNode();
        }
    }

    /**
     * A page of the account's own tasks, newest first (the vedit extension behind {@code vedit tasks list}).
     *
     * @param page     from 1
     * @param pageSize 1 to {@link TaskPage#MAX_PAGE_SIZE}
     * @throws VeditException {@link ErrorCode#INVALID_PARAMETERS} when either is out of range
     */
    public TaskPage list(Account account, int page, int pageSize) {
        // One message per parameter, naming it first, so a client (the SDK's InvalidRequestException.field()) can tell which.
        if (page < 1) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "page must be 1 or more (got " + page + ")", "page 须不小于 1（当前 " + page + "）");
        }
        if (pageSize < 1 || pageSize > TaskPage.MAX_PAGE_SIZE) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "pageSize must be 1 to " + TaskPage.MAX_PAGE_SIZE + " (got " + pageSize + ")",
                    "pageSize 须在 1 到 " + TaskPage.MAX_PAGE_SIZE + " 之间（当前 " + pageSize + "）");
        }
        long offset = (long) (page - 1) * pageSize;
        if (offset > Integer.MAX_VALUE) {
            return new TaskPage(page, pageSize, false, List.of());
        }
        List<Task> rows = reads.page(account.id(), (int) offset, pageSize + 1);
        List<TaskSummary> tasks = rows.stream().limit(pageSize).map(this::summary).toList();
        return new TaskPage(page, pageSize, rows.size() > pageSize, tasks);
    }

    private TaskSummary summary(Task task) {
        QueryReply view = view(task);
        String prompt;
        try {
            prompt = json.readTree(task.requestJson()).path("prompt").asText("");
        } catch (JsonProcessingException e) {
            prompt = "";
        }
        return new TaskSummary(task.taskId(), task.endpoint(), view.status(), view.errorCode(), view.errorMessage(), view.progress(),
                prompt, task.createdAt(), task.finishedAt());
    }

    /** The remote engine routes of this node and whether each can take work, for {@code /healthz}. */
    public List<dev.vedit.server.engine.RouteHealth> engineHealth() {
        return engines.health();
    }

    /** How many tasks the account has running and queued. */
    public TaskReads.Counts counts(Account account) {
        return reads.counts(account.id());
    }

    private Map<String, Object> failedReason(Task task) {
        if (task.failedReasonJson() != null) {
            try {
                return json.readValue(task.failedReasonJson(), json.getTypeFactory().constructMapType(Map.class, String.class, Object.class));
            } catch (JsonProcessingException e) {
                // fall through to the generic reason
            }
        }
        // A task that ended without an engine failure (cancelled while queued) gets the same three fields as every
        // other failure: clients index failedReason["node_name"] without checking it is there.
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("node_name", "");
        reason.put("exception_type", nullToEmpty(ErrorCode.ofCode(task.errorCode()).name()));
        reason.put("exception_message", nullToEmpty(task.errorMessage()));
        return reason;
    }

    private EditPlan readPlan(Task task) {
        String stored = task.planJson();
        if (stored == null) {
            return null;
        }
        EditPlan known = plans.get(stored);
        if (known != null) {
            return known;
        }
        try {
            EditPlan plan = json.readValue(stored, EditPlan.class);
            if (stored.length() <= MAX_REMEMBERED_PLAN) {
                plans.put(stored, plan);
            }
            return plan;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** Plans read back from their stored JSON, least recently used dropped first; a plan is immutable. */
    static final int REMEMBERED_PLANS = 1024;
    /** Longer plans are parsed every time, so the memory the plans keep stays bounded. */
    static final int MAX_REMEMBERED_PLAN = 8 * 1024;

    /**
     * Every query answers with the task's plan, which is stored as JSON: parsing it on every poll was a tenth of a
     * query's CPU, while a client polls the same task many times and many tasks share a plan. Keyed by the JSON
     * itself, so a changed plan is simply another entry.
     */
    private final Map<String, EditPlan> plans = java.util.Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, EditPlan> eldest) {
            return size() > REMEMBERED_PLANS;
        }
    });

    private byte[] encode(QueryReply reply) {
        try {
            return json.writeValueAsBytes(reply);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
