package dev.vedit.server.webhook;

import dev.vedit.server.task.Task;
import dev.vedit.server.task.TaskEndHook;
import dev.vedit.wire.TaskStatus;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;

/**
 * Test fixture: task rows that end at once, with the webhook hook run in the ending transaction (as
 * {@code TaskQueue} runs it; that seam has its own test in {@code TaskStoreContract}).
 */
final class EndedTasks {
    private static final AtomicLong IDS = new AtomicLong(1_900_000_000_000_000_000L);

    private final Jdbi jdbi;
    private final TaskEndHook hook;

    EndedTasks(Jdbi jdbi, TaskEndHook hook) {
        this.jdbi = jdbi;
        this.hook = hook;
    }

    /** A task of the account that ended FAILED (cancelled) just now, with this webhook URL (or none). */
    long end(long accountId, String webhookUrl, long now) {
        long id = IDS.incrementAndGet();
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO tasks (id, account_id, endpoint, engine, status, request_json, plan_json, webhook_url, client_id,
                                attempt, max_attempts, run_after, cancel_requested, error_code, error_message, created_at, finished_at,
                                updated_at)
                            VALUES (:id, :a, 'kling-video-o3-pro/video-edit', 'local', 'FAILED', '{}', '{}', :url,
                                '0123456789abcdef0123456789abcdef', 0, 3, :now, TRUE, '2002', 'cancelled', :now, :now, :now)""")
                    .bind("id", id).bind("a", accountId).bind("url", webhookUrl).bind("now", now).execute();
            hook.taskEnded(h, new Task(id, accountId, "kling-video-o3-pro/video-edit", "local", TaskStatus.FAILED, "{}", "{}", webhookUrl,
                    "0123456789abcdef0123456789abcdef", 0, 3, now, null, null, true, null, "2002", "cancelled", null, now, null, now, null), now);
        });
        return id;
    }
}
