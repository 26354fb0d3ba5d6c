package dev.vedit.server.live;

import dev.vedit.server.db.Sql;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.Account;
import dev.vedit.server.db.Database;
import dev.vedit.server.http.V1Routes;
import dev.vedit.server.task.Task;
import dev.vedit.server.task.TaskService;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.V1Reply;
import dev.vedit.wire.VeditException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live task events as server-sent events: {@code GET /vedit/v1/tasks/{taskId}/events} (one task, ends after its
 * terminal event) and {@code GET /vedit/v1/events} (every task of the account, open until the client leaves).
 *
 * <p>Each event is a snapshot: its {@code data} is the v2 task object that {@code /openapi/v2/query} returns, sent
 * whenever the task's status, progress or history changes. The streams read the database, the one place every
 * node writes to, so a stream on an api node sees what workers on other machines do (on PostgreSQL as on H2); a
 * change reaches the client within one poll interval. No node-to-node channel is needed and none can be missed.
 *
 * <p>Resuming ({@code Last-Event-ID}, as {@code EventSource} sends it after a drop): a task stream's event id names
 * the task's state ({@code <history row id>.<progress>}); a client that comes back with the id of the current state
 * gets nothing until the next change, and one whose state is older gets the current one at once (states it missed
 * collapse into the latest: each event carries the whole task). A finished task whose terminal event the client
 * already has answers 204, which tells {@code EventSource} to stop reconnecting. The account stream's id is the
 * database time of the newest change sent; resuming sends every task changed since (a few seconds earlier, for
 * clock differences between nodes), so nothing is missed and little is repeated.
 */
public final class EventRoutes {
    private static final String CHANGED_SINCE = Sql.load(EventRoutes.class, "changed-since");
    private static final String LAST_EVENT = Sql.load(EventRoutes.class, "last-event");

    private static final Logger log = LoggerFactory.getLogger(EventRoutes.class);
    /** How far back an account stream looks again: writers on other nodes stamp changes with their own clocks. */
    static final long CLOCK_SKEW_MILLIS = 5_000;

    private final TaskService tasks;
    private final Jdbi jdbi;
    private final V1Routes v1;
    private final ObjectMapper json;
    private final Duration poll;
    private final Duration heartbeat;

    /**
     * @param poll      how often a stream looks at the database
     * @param heartbeat how often an idle stream sends a comment, so proxies and the idle timeout keep it open
     */
    public EventRoutes(TaskService tasks, Jdbi jdbi, V1Routes v1, ObjectMapper json, Duration poll, Duration heartbeat) {
        this.tasks = tasks;
        this.jdbi = jdbi;
        this.v1 = v1;
        this.json = json;
        this.poll = poll;
        this.heartbeat = heartbeat;
    }

    public void install(JavalinConfig config) {
        config.routes.get("/vedit/v1/tasks/{taskId}/events", this::taskStream);
        config.routes.get("/vedit/v1/events", this::accountStream);
    }

    private void taskStream(Context ctx) throws IOException {
        Account account;
        long taskId;
        try {
            account = v1.caller(ctx);
            taskId = V1Routes.longParam(ctx, "taskId");
        } catch (VeditException e) {
            v1.fail(ctx, e);
            return;
        }
        Optional<Task> first = tasks.find(account, taskId);
        if (first.isEmpty()) {
            ctx.status(404).contentType("application/json;charset=utf-8").result(json.writeValueAsBytes(
                    V1Reply.error(V1Reply.APIKEY_TASK_NOT_FOUND, "APIKEY_TASK_NOT_FOUND: no task " + taskId + " for this API key | 该 API Key 下不存在此任务")));
            return;
        }
        String resumeFrom = ctx.header("Last-Event-ID");
        State state = state(first.get());
        if (state.terminal() && state.id().equals(resumeFrom)) {
            ctx.status(204); // the client has the end already: EventSource stops reconnecting on 204
            return;
        }
        try (Stream out = open(ctx)) {
            String sent = resumeFrom;
            long lastWrite = System.nanoTime();
            while (true) {
                if (!state.id().equals(sent)) {
                    out.event(state.id(), json.writeValueAsString(state.view()));
                    sent = state.id();
                    lastWrite = System.nanoTime();
                    if (state.terminal()) {
                        return;
                    }
                } else if (System.nanoTime() - lastWrite > heartbeat.toNanos()) {
                    out.comment("keep-alive");
                    lastWrite = System.nanoTime();
                }
                sleep();
                Optional<Task> now = tasks.find(account, taskId);
                if (now.isEmpty()) {
                    return; // deleted under us: nothing more will come
                }
                state = state(now.get());
            }
        } catch (IOException e) {
            log.debug("event stream of task {} closed by the client: {}", taskId, e.toString());
        } catch (RuntimeException e) {
            if (!Database.unreachable(e)) {
                throw e;
            }
            // The database went away: end the stream; the client resumes with Last-Event-ID once it is back.
            log.warn("event stream of task {} ended: database unreachable", taskId);
        }
    }

    private void accountStream(Context ctx) throws IOException {
        Account account;
        try {
            account = v1.caller(ctx);
        } catch (VeditException e) {
            v1.fail(ctx, e);
            return;
        }
        // Without Last-Event-ID: changes from now on (a few seconds back, see CLOCK_SKEW_MILLIS).
        long cursor = parseCursor(ctx.header("Last-Event-ID")).orElse(System.currentTimeMillis());
        Map<Long, Seen> seen = new HashMap<>();
        try (Stream out = open(ctx)) {
            long lastWrite = System.nanoTime();
            while (true) {
                long since = cursor - CLOCK_SKEW_MILLIS;
                List<Change> changes = jdbi.withHandle(h -> h.createQuery(CHANGED_SINCE)
                        .bind("account", account.id()).bind("since", since)
                        .map((rs, c) -> new Change(rs.getLong(1), rs.getString(2) + "/" + rs.getObject(3) + "/" + rs.getObject(5), rs.getLong(4)))
                        .list());
                for (Change change : changes) {
                    Seen before = seen.get(change.taskId());
                    cursor = Math.max(cursor, change.updatedAt());
                    if (before != null && before.key().equals(change.key())) {
                        continue;
                    }
                    seen.put(change.taskId(), new Seen(change.key(), change.updatedAt()));
                    Optional<Task> task = tasks.find(account, change.taskId());
                    if (task.isPresent()) {
                        out.event(Long.toString(cursor), json.writeValueAsString(tasks.view(task.get())));
                        lastWrite = System.nanoTime();
                    }
                }
                // Only changes inside the look-back window can come again; older entries are not needed to skip them.
                long horizon = cursor - 2 * CLOCK_SKEW_MILLIS;
                seen.values().removeIf(s -> s.updatedAt() < horizon);
                if (System.nanoTime() - lastWrite > heartbeat.toNanos()) {
                    out.comment("keep-alive");
                    lastWrite = System.nanoTime();
                }
                sleep();
            }
        } catch (IOException e) {
            log.debug("account event stream closed by the client: {}", e.toString());
        } catch (RuntimeException e) {
            if (!Database.unreachable(e)) {
                throw e;
            }
            log.warn("account event stream ended: database unreachable");
        }
    }

    private static Optional<Long> parseCursor(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty(); // not one of ours: start from now, as without it
        }
    }

    private record Change(long taskId, String key, long updatedAt) {
    }

    private record Seen(String key, long updatedAt) {
    }

    /** A task's current state as a stream sees it: the event id names it. */
    private record State(String id, QueryReply view, boolean terminal) {
    }

    private State state(Task task) {
        QueryReply view = tasks.view(task);
        Long lastEvent = jdbi.withHandle(h -> h.createQuery(LAST_EVENT)
                .bind("id", task.id()).mapTo(Long.class).findOne().orElse(null));
        int progress = view.progress() == null ? 0 : view.progress();
        String id = (lastEvent == null ? 0 : lastEvent) + "." + progress;
        return new State(id, view, "SUCCESS".equals(view.status()) || "FAILED".equals(view.status()));
    }

    private void sleep() throws IOException {
        try {
            Thread.sleep(poll);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private Stream open(Context ctx) throws IOException {
        // Written on the servlet response directly: each event leaves at once, unbuffered and uncompressed.
        HttpServletResponse res = ctx.res();
        res.setStatus(200);
        res.setContentType("text/event-stream;charset=utf-8");
        res.setHeader("Cache-Control", "no-cache");
        res.setHeader("X-Accel-Buffering", "no"); // nginx: do not hold events back
        Stream stream = new Stream(res.getOutputStream());
        stream.write("retry: " + Math.max(1000, poll.toMillis() * 4) + "\n\n");
        return stream;
    }

    /** The wire format of server-sent events. */
    private static final class Stream implements AutoCloseable {
        private final OutputStream out;

        Stream(OutputStream out) {
            this.out = out;
        }

        void event(String id, String data) throws IOException {
            // JSON from Jackson has no raw line breaks (they are escaped in strings), so one data line holds it.
            write("id: " + id + "\ndata: " + data + "\n\n");
        }

        void comment(String text) throws IOException {
            write(": " + text + "\n\n");
        }

        void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
