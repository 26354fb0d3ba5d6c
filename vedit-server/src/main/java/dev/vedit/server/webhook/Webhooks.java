package dev.vedit.server.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.Account;
import dev.vedit.server.db.Database;
import dev.vedit.server.outbound.OutboundClient;
import dev.vedit.server.task.TaskEndHook;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.RequestValidator;
import dev.vedit.wire.VeditException;
import dev.vedit.wire.WebhookDetail;
import dev.vedit.wire.WebhookEvent;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TASK_END webhooks of this process: the hook that records a delivery with each ending task, the dispatcher
 * that sends them (signed, retried, durable), and what the API offers over them (detail, retry, secrets).
 */
public final class Webhooks implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Webhooks.class);

    private final DeliveryStore store;
    private final WebhookSecrets secrets;
    private final OutboundClient client;
    private final WebhookSettings settings;
    private final Clock clock;
    private final ObjectMapper json;
    private Dispatcher dispatcher;

    /** Not sending yet: the task system needs {@link #taskEndHook()} first, and {@link #start} needs the task system. */
    public Webhooks(Database db, OutboundClient client, WebhookSettings settings, Clock clock, ObjectMapper json) {
        this.store = new DeliveryStore(db.jdbi());
        this.secrets = new WebhookSecrets(db.jdbi());
        this.client = client;
        this.settings = settings;
        this.clock = clock;
        this.json = json;
    }

    /** For the task store: records a delivery in the transaction of each ending task that has a webhook URL. */
    public TaskEndHook taskEndHook() {
        return store.enqueueOnTaskEnd();
    }

    /**
     * Starts sending.
     *
     * @param taskView          the query object of a task (by id), which the TASK_END body carries
     * @param exclusiveDatabase the database is held by this process alone (embedded H2): attempts left in
     *                          flight by a previous process are retried at once instead of after their lease
     * @param attempts          told the outcome of every attempt ({@code delivered}, {@code retry}, {@code failed}, {@code gone})
     */
    public synchronized void start(LongFunction<QueryReply> taskView, boolean exclusiveDatabase, java.util.function.Consumer<String> attempts) {
        if (exclusiveDatabase) {
            int released = store.releaseAllInFlight(clock.millis());
            if (released > 0) {
                log.info("{} webhook attempt(s) left in flight by a previous process will be sent again", released);
            }
        }
        dispatcher = new Dispatcher(store, secrets, client, settings, taskId -> payload(taskId, taskView.apply(taskId)), clock, attempts);
        dispatcher.start();
    }

    /** The delivery of a task of the account, if the task has one (another account's task reads as none). */
    public Optional<WebhookDetail> detail(Account account, long taskId) {
        return store.forTask(taskId, account.id()).map(this::detail);
    }

    /**
     * Sends a delivery of the account again, now, optionally to a new URL.
     *
     * @throws VeditException {@link ErrorCode#INVALID_URL} when {@code newUrl} is not an http(s) URL with a host
     */
    public RetryOutcome retry(Account account, long webhookId, String newUrl) {
        // The same rule as at submit, so that nothing reaches the store that submit would refuse.
        String url = RequestValidator.webhookUrl(newUrl, ErrorCode.INVALID_URL);
        RetryOutcome outcome = store.retry(webhookId, account.id(), url, clock.millis());
        if (outcome == RetryOutcome.SCHEDULED && dispatcher != null) {
            dispatcher.wake();
        }
        return outcome;
    }

    /** The account's signing secret (created on first use). */
    public String secret(Account account) {
        return secrets.of(account.id());
    }

    /** A new signing secret for the account; the old one stops being used at once. */
    public String rotateSecret(Account account) {
        return secrets.rotate(account.id());
    }

    @Override
    public synchronized void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private String payload(long taskId, QueryReply view) {
        try {
            return json.writeValueAsString(new WebhookEvent(WebhookEvent.TASK_END, Long.toString(taskId), view));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WebhookDetail detail(Delivery d) {
        String eventData = "";
        if (d.payload() != null) {
            try {
                JsonNode data = json.readTree(d.payload()).get("eventData");
                eventData = data == null ? "" : json.writeValueAsString(data);
            } catch (JsonProcessingException e) {
                eventData = "";
            }
        }
        String response = d.responseStatus() != null ? "HTTP " + d.responseStatus() + ": " + nullToEmpty(d.responseBody())
                : nullToEmpty(d.lastError());
        return new WebhookDetail(Long.toString(d.id()), "****", Long.toString(d.taskId()), d.url(), eventData, d.status().name(),
                response, Math.max(0, d.attempts() - 1), Instant.ofEpochMilli(d.createdAt()).toString(),
                Instant.ofEpochMilli(d.updatedAt()).toString(),
                d.status() == DeliveryStatus.PENDING ? Instant.ofEpochMilli(d.nextAttemptAt()).toString() : null);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
