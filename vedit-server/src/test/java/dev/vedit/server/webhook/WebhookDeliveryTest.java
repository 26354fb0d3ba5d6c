package dev.vedit.server.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.Account;
import dev.vedit.server.auth.ApiKeys;
import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.server.outbound.AddressPolicy;
import dev.vedit.server.outbound.OutboundClient;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.Usage;
import dev.vedit.wire.VeditException;
import dev.vedit.wire.WebhookDetail;
import dev.vedit.wire.WebhookSignature;
import dev.vedit.wire.WireJson;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deliveries to real receivers over HTTP, on a real (H2) database, with a fast retry schedule. */
class WebhookDeliveryTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    final ObjectMapper json = WireJson.newMapper();

    @TempDir
    Path dir;
    Database db;
    OutboundClient client;
    Webhooks webhooks;
    EndedTasks tasks;
    Account account;
    WebhookSettings settings = new WebhookSettings(List.of(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(300)),
            Duration.ofSeconds(5), 4, Duration.ofMillis(50));

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2(dir);
        client = new OutboundClient(new AddressPolicy(List.of("127.0.0.1")), Duration.ofSeconds(2), "vedit-test");
        account = new ApiKeys(db.jdbi(), Clock.systemUTC(), 2, 100).createAccount("test", ApiKeys.generate());
    }

    @AfterEach
    void tearDown() {
        if (webhooks != null) {
            webhooks.close();
        }
        client.close();
        db.close();
    }

    static QueryReply view(long taskId) {
        return new QueryReply(Long.toString(taskId), "FAILED", "2002", "cancelled", null, Map.of(), new Usage(null, "0", "1", null),
                "", "", null, null);
    }

    void start(WebhookSettings s) {
        webhooks = new Webhooks(db, client, s, Clock.systemUTC(), json);
        tasks = new EndedTasks(db.jdbi(), webhooks.taskEndHook());
        webhooks.start(WebhookDeliveryTest::view, true, outcome -> { });
    }

    WebhookDetail awaitStatus(long taskId, String status) {
        return await().atMost(WAIT).until(() -> webhooks.detail(account, taskId).orElseThrow(),
                d -> d.callbackStatus().equals(status));
    }

    @Test
    void aDeliveryIsSignedAndCarriesTheQueryObjectAsEventData() throws Exception {
        start(settings);
        try (Receiver receiver = new Receiver(n -> Receiver.Answer.of(200))) {
            long task = tasks.end(account.id(), receiver.url("/hook?source=vedit"), System.currentTimeMillis());

            WebhookDetail detail = awaitStatus(task, "SUCCESS");
            assertThat(receiver.received).hasSize(1);
            Receiver.Received got = receiver.received.getFirst();
            JsonNode body = json.readTree(got.body());
            assertThat(body.path("event").asText()).isEqualTo("TASK_END");
            assertThat(body.path("taskId").asText()).isEqualTo(Long.toString(task));
            assertThat(body.path("eventData").isObject()).isTrue();
            assertThat(body.get("eventData")).isEqualTo(json.valueToTree(view(task)));
            assertThat(got.headers().get("Content-Type")).startsWith("application/json");
            assertThat(got.headers().get("webhook-id")).isEqualTo("msg_" + detail.id());
            assertThat(json.readTree(detail.eventData())).isEqualTo(body.get("eventData"));
            assertThat(detail.callbackResponse()).isEqualTo("HTTP 200: ");
            assertThat(detail.retryCount()).isZero();

            String secret = webhooks.secret(account);
            WebhookSignature.verify(secret, got.headers(), got.body(), WebhookSignature.DEFAULT_TOLERANCE, Instant.now());
            byte[] tampered = new String(got.body(), StandardCharsets.UTF_8).replace("FAILED", "SUCCESS").getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> WebhookSignature.verify(secret, got.headers(), tampered, WebhookSignature.DEFAULT_TOLERANCE,
                    Instant.now())).isInstanceOf(VeditException.class).hasMessageContaining("tampered");
            assertThatThrownBy(() -> WebhookSignature.verify(secret, got.headers(), got.body(), WebhookSignature.DEFAULT_TOLERANCE,
                    Instant.now().plus(Duration.ofMinutes(10)))).isInstanceOf(VeditException.class).hasMessageContaining("replay");
            assertThatThrownBy(() -> WebhookSignature.verify(webhooks.rotateSecret(account), got.headers(), got.body(),
                    WebhookSignature.DEFAULT_TOLERANCE, Instant.now())).as("a rotated secret no longer verifies old deliveries")
                    .isInstanceOf(VeditException.class);
        }
    }

    @Test
    void aReceiverAnswering500IsRetriedUntil200UnderTheSameWebhookId() throws Exception {
        start(settings);
        try (Receiver receiver = new Receiver(n -> n == 1 ? new Receiver.Answer(500, "boom", 0) : Receiver.Answer.of(204))) {
            long task = tasks.end(account.id(), receiver.url("/hook"), System.currentTimeMillis());

            WebhookDetail detail = awaitStatus(task, "SUCCESS");
            assertThat(receiver.received).hasSize(2);
            assertThat(detail.retryCount()).isEqualTo(1);
            assertThat(detail.callbackResponse()).isEqualTo("HTTP 204: ");
            assertThat(receiver.received).extracting(r -> r.headers().get("webhook-id")).containsOnly("msg_" + detail.id());
            assertThat(receiver.received.get(1).body()).isEqualTo(receiver.received.get(0).body());
            assertThat(receiver.received.get(1).at() - receiver.received.get(0).at()).as("backoff, 300 ms ± 20 %").isGreaterThanOrEqualTo(200);
            for (Receiver.Received r : receiver.received) {
                WebhookSignature.verify(webhooks.secret(account), r.headers(), r.body(), WebhookSignature.DEFAULT_TOLERANCE, Instant.now());
            }
        }
    }

    @Test
    void aReceiverThatIsDownIsRetriedUntilItComesUp() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        start(settings.withRetrySchedule(List.of(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500),
                Duration.ofMillis(500), Duration.ofMillis(500))));
        long task = tasks.end(account.id(), "http://127.0.0.1:" + port + "/hook", System.currentTimeMillis());

        WebhookDetail down = await().atMost(WAIT).until(() -> webhooks.detail(account, task).orElseThrow(),
                d -> !d.callbackResponse().isEmpty());
        assertThat(down.callbackStatus()).isIn("PENDING", "SENDING");
        try (Receiver receiver = new Receiver(port, n -> Receiver.Answer.of(200))) {
            WebhookDetail up = awaitStatus(task, "SUCCESS");
            assertThat(up.retryCount()).isGreaterThanOrEqualTo(1);
            assertThat(receiver.received).hasSize(1);
        }
    }

    @Test
    void aHangingReceiverTimesOutIsRetriedAndHoldsUpNoOtherDelivery() {
        start(settings.withAttemptTimeout(Duration.ofSeconds(4)));
        try (Receiver hanging = new Receiver(n -> n == 1 ? new Receiver.Answer(200, "", 30_000) : Receiver.Answer.of(200));
             Receiver quick = new Receiver(n -> Receiver.Answer.of(200))) {
            long beforeTheSend = System.currentTimeMillis();
            long slow = tasks.end(account.id(), hanging.url("/hook"), System.currentTimeMillis());
            await().atMost(WAIT).until(() -> hanging.received.size() == 1);
            long fast = tasks.end(account.id(), quick.url("/hook"), System.currentTimeMillis());

            awaitStatus(fast, "SUCCESS");
            assertThat(webhooks.detail(account, slow).orElseThrow().callbackStatus()).as("the hanging attempt is still in flight")
                    .isEqualTo("SENDING");
            WebhookDetail detail = awaitStatus(slow, "SUCCESS");
            assertThat(hanging.received).hasSizeGreaterThanOrEqualTo(2);
            assertThat(detail.retryCount()).isGreaterThanOrEqualTo(1);
            // From before the send, not from the first arrival: on a busy machine the first request may arrive a second
            // or more after its attempt began, and the timeout runs from the attempt's start.
            assertThat(hanging.received.get(1).at() - beforeTheSend).as("only after the 4 s timeout (counted from before the send)")
                    .isGreaterThanOrEqualTo(4_000);
        }
    }

    @Test
    void aReceiverAnswering410IsNeverAskedAgain() throws InterruptedException {
        start(settings);
        try (Receiver receiver = new Receiver(n -> new Receiver.Answer(410, "unsubscribed", 0))) {
            long task = tasks.end(account.id(), receiver.url("/hook"), System.currentTimeMillis());

            WebhookDetail detail = awaitStatus(task, "GONE");
            assertThat(detail.callbackResponse()).isEqualTo("HTTP 410: unsubscribed");
            Thread.sleep(1_000); // three retry intervals
            assertThat(receiver.received).hasSize(1);
        }
    }

    @Test
    void retriesEndAfterTheScheduleAndTheFirstKilobyteOfTheAnswerIsKept() {
        start(settings.withRetrySchedule(List.of(Duration.ofMillis(100), Duration.ofMillis(100))));
        String longAnswer = "x".repeat(3000);
        try (Receiver receiver = new Receiver(n -> new Receiver.Answer(503, longAnswer, 0))) {
            long task = tasks.end(account.id(), receiver.url("/hook"), System.currentTimeMillis());

            WebhookDetail detail = awaitStatus(task, "FAILED");
            assertThat(receiver.received).hasSize(3);
            assertThat(detail.retryCount()).isEqualTo(2);
            assertThat(detail.callbackResponse()).isEqualTo("HTTP 503: " + "x".repeat(1024));
            assertThat(detail.nextAttemptTime()).isNull();
        }
    }

    @Test
    void aRestartInTheMiddleOfTheScheduleKeepsTheDeliveryGoing() {
        WebhookSettings slow = settings.withRetrySchedule(List.of(Duration.ofSeconds(2), Duration.ofSeconds(2)));
        start(slow);
        try (Receiver receiver = new Receiver(n -> n == 1 ? Receiver.Answer.of(500) : Receiver.Answer.of(200))) {
            long task = tasks.end(account.id(), receiver.url("/hook"), System.currentTimeMillis());
            await().atMost(WAIT).until(() -> webhooks.detail(account, task).orElseThrow().callbackResponse().equals("HTTP 500: "));

            webhooks.close();
            db.close();
            db = TestDatabases.h2(dir);
            start(slow);

            WebhookDetail detail = awaitStatus(task, "SUCCESS");
            assertThat(receiver.received).hasSize(2);
            assertThat(receiver.received).extracting(r -> r.headers().get("webhook-id")).containsOnly("msg_" + detail.id());
        }
    }

    @Test
    void anAttemptInFlightWhenTheProcessDiedIsSentAgainOnRestart() {
        try (Receiver receiver = new Receiver(n -> Receiver.Answer.of(200))) {
            DeliveryStore store = new DeliveryStore(db.jdbi());
            long task = new EndedTasks(db.jdbi(), store.enqueueOnTaskEnd()).end(account.id(), receiver.url("/hook"),
                    System.currentTimeMillis());
            // A node claimed it and died mid-attempt (kill -9): the row is SENDING, its lease far from over.
            assertThat(store.claim("dead-node", System.currentTimeMillis(), Duration.ofHours(1).toMillis(), 1)).hasSize(1);

            start(settings);

            awaitStatus(task, "SUCCESS");
            assertThat(receiver.received).hasSize(1);
        }
    }

    @Test
    void aPrivateReceiverIsRefusedWithoutTheOperatorsAllowlist() {
        client.close();
        client = new OutboundClient(new AddressPolicy(List.of()), Duration.ofSeconds(2), "vedit-test");
        start(settings);
        try (Receiver receiver = new Receiver(n -> Receiver.Answer.of(200))) {
            long task = tasks.end(account.id(), receiver.url("/hook"), System.currentTimeMillis());

            WebhookDetail detail = awaitStatus(task, "FAILED");
            assertThat(detail.callbackResponse()).contains("private or reserved", "127.0.0.1");
            assertThat(detail.retryCount()).as("no retry can succeed").isZero();
            assertThat(receiver.received).isEmpty();
        }
    }
}
