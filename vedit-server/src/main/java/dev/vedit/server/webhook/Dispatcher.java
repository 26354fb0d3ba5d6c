package dev.vedit.server.webhook;

import dev.vedit.server.outbound.OutboundClient;
import dev.vedit.server.outbound.OutboundResponse;
import dev.vedit.wire.VeditException;
import dev.vedit.wire.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends due webhook deliveries. A bounded number of slots (a semaphore) holds the attempts in flight, each on
 * its own virtual thread, apart from the engine workers: a slow or dead receiver ties up one slot for at most
 * the attempt timeout, never a worker or an API thread.
 */
final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** How much of a receiver's answer is kept for getWebhookDetail. */
    static final int RESPONSE_BYTES = 1024;
    /** Beyond the attempt timeout, how long a lease lasts before another node may take the attempt over. */
    private static final long LEASE_MARGIN_MILLIS = 30_000;

    private final DeliveryStore store;
    private final WebhookSecrets secrets;
    private final OutboundClient client;
    private final WebhookSettings settings;
    private final LongFunction<String> payloads;
    private final Clock clock;
    private final String node = "node-" + UUID.randomUUID().toString().substring(0, 8);
    private final Semaphore slots;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private final Thread loop;

    /** @param payloads renders the TASK_END body of a task (by task id) */
    Dispatcher(DeliveryStore store, WebhookSecrets secrets, OutboundClient client, WebhookSettings settings, LongFunction<String> payloads,
               Clock clock) {
        this.store = store;
        this.secrets = secrets;
        this.client = client;
        this.settings = settings;
        this.payloads = payloads;
        this.clock = clock;
        this.slots = new Semaphore(settings.slots());
        this.loop = Thread.ofPlatform().daemon().name("vedit-webhooks").unstarted(this::run);
    }

    void start() {
        loop.start();
    }

    /** Looks for due deliveries now rather than at the next poll. */
    void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    private void run() {
        long lease = settings.attemptTimeout().toMillis() + LEASE_MARGIN_MILLIS;
        while (running) {
            try {
                slots.acquire();
                int free = 1 + slots.drainPermits();
                List<Delivery> claimed;
                try {
                    claimed = store.claim(node, clock.millis(), lease, free);
                } catch (RuntimeException e) {
                    slots.release(free);
                    log.warn("claiming webhook deliveries failed: {}", e.toString());
                    idle();
                    continue;
                }
                slots.release(free - claimed.size());
                for (Delivery d : claimed) {
                    Thread.ofVirtual().name("vedit-webhook-" + d.id()).start(() -> {
                        try {
                            attempt(d);
                        } finally {
                            slots.release();
                        }
                    });
                }
                if (claimed.isEmpty()) {
                    idle();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void idle() throws InterruptedException {
        synchronized (wake) {
            if (running) {
                wake.wait(settings.pollInterval().toMillis());
            }
        }
    }

    /** One attempt: send, classify the answer, record it (if this node still holds the attempt). */
    private void attempt(Delivery d) {
        Outcome outcome;
        try {
            String payload = d.payload() != null ? d.payload() : store.fixPayload(d.id(), payloads.apply(d.taskId()));
            outcome = send(d, payload.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.warn("webhook delivery {} failed unexpectedly", d.id(), e);
            outcome = Outcome.retry(null, null, "internal error: " + e);
        }
        long now = clock.millis();
        DeliveryStatus status = outcome.status;
        long next = now;
        if (status == DeliveryStatus.PENDING) {
            OptionalLong delay = settings.retryDelayMillis(d.attempts(), ThreadLocalRandom.current().nextDouble());
            if (delay.isPresent()) {
                next = now + delay.getAsLong();
            } else {
                status = DeliveryStatus.FAILED;
            }
        }
        if (!store.recordAttempt(d, node, status, next, outcome.responseStatus, outcome.responseBody, outcome.error, now)) {
            log.info("webhook delivery {}: attempt {} was taken over by another node; its outcome is not recorded", d.id(), d.attempts());
        }
    }

    private Outcome send(Delivery d, byte[] body) {
        URI uri;
        try {
            uri = new URI(d.url());
        } catch (URISyntaxException e) {
            return Outcome.refused("the webhook URL is malformed (" + e.getReason() + ")");
        }
        Map<String, String> headers = new HashMap<>(WebhookSignature.headers(secrets.of(d.accountId()), d.webhookId(), clock.instant(), body));
        try (OutboundResponse response = client.send("POST", uri, headers, body, "application/json", settings.attemptTimeout())) {
            String answer = firstBytes(response.body());
            int code = response.status();
            if (code / 100 == 2) {
                return new Outcome(DeliveryStatus.SUCCESS, code, answer, null);
            }
            if (code == 410) {
                return new Outcome(DeliveryStatus.GONE, code, answer, "the receiver answered 410 Gone: no more attempts");
            }
            return Outcome.retry(code, answer, "the receiver answered HTTP " + code);
        } catch (VeditException refused) {
            // Not http(s), or a private address the operator has not allowlisted: no retry can succeed.
            return Outcome.refused(refused.getMessage());
        } catch (IOException e) {
            String why = OutboundClient.isTimeout(e) ? "no answer within " + settings.attemptTimeout().toMillis() + " ms" : e.toString();
            return Outcome.retry(null, null, why);
        }
    }

    /**
     * The first KB of the answer; the rest is not read (closing the response aborts it). A body that breaks off
     * changes nothing: the status already decided the outcome.
     */
    private static String firstBytes(InputStream in) {
        try {
            return new String(in.readNBytes(RESPONSE_BYTES), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private record Outcome(DeliveryStatus status, Integer responseStatus, String responseBody, String error) {
        static Outcome retry(Integer status, String body, String error) {
            return new Outcome(DeliveryStatus.PENDING, status, body, error);
        }

        static Outcome refused(String error) {
            return new Outcome(DeliveryStatus.FAILED, null, null, error);
        }
    }

    @Override
    public void close() {
        running = false;
        loop.interrupt();
        try {
            loop.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
