package dev.vedit.server.e2e;

import static dev.vedit.server.task.QueueSettingsBuilder.fastQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.sdk.AuthenticationException;
import dev.vedit.sdk.ConnectionException;
import dev.vedit.sdk.EditRequest;
import dev.vedit.sdk.Edits;
import dev.vedit.sdk.InvalidRequestException;
import dev.vedit.sdk.LimitExceededException;
import dev.vedit.sdk.NotFoundException;
import dev.vedit.sdk.RetryPolicy;
import dev.vedit.sdk.TaskFailedException;
import dev.vedit.sdk.VeditClient;
import dev.vedit.server.http.TestServer;
import dev.vedit.server.task.QueueSettings;
import dev.vedit.wire.AccountStatus;
import dev.vedit.wire.QueueStatus;
import dev.vedit.wire.TaskPage;
import dev.vedit.wire.TaskSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK against a real server: each error family from a real reply, the task list, account and queue status.
 * The server runs no workers, so submitted tasks stay queued and nothing depends on FFmpeg timing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SdkAgainstServerTest {
    private static final int KEY_QUEUE_LIMIT = 3;
    private static final String VIDEO = "https://cdn.example.com/in.mp4";

    @TempDir
    static Path dir;
    TestServer s;
    VeditClient a;
    VeditClient b;

    @BeforeAll
    void start() {
        QueueSettings noWorkers = fastQueue().workers(0).build();
        s = new TestServer(dir, c -> c.withQueue(noWorkers).withLimits(1, KEY_QUEUE_LIMIT));
        a = client(s.keyA);
        b = client(s.keyB);
    }

    @AfterAll
    void stop() {
        s.close();
    }

    VeditClient client(String key) {
        return VeditClient.builder().baseUrl(s.server.baseUrl()).apiKey(key)
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)))
                .pollInterval(Duration.ofMillis(50), Duration.ofMillis(100)).build();
    }

    static EditRequest mirror() {
        return Edits.klingO3Pro().prompt("mirror it").videoUrl(VIDEO).build();
    }

    @Test
    void anEditTheEngineCannotDoIsAnInvalidRequestWithTheServersCode() {
        assertThatThrownBy(() -> a.submit(Edits.klingO3Pro().prompt("turn it into anime style").videoUrl(VIDEO).build()))
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo("2001");
                    assertThat(e.getMessage()).contains("|");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void theClientRefusesABodyExactlyAsTheServerDoes() {
        Map<String, Object> body = Map.of("prompt", "mirror", "videoUrl", "ftp://x/y.mp4");
        JsonNode server = a.call("POST", "/openapi/v2/kling-video-o3-pro/video-edit", body);
        assertThatThrownBy(() -> a.submit("kling-video-o3-pro/video-edit", body))
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo(server.path("errorCode").asText()).isEqualTo("1001");
                    assertThat(e.getMessage()).isEqualTo(server.path("errorMessage").asText());
                    assertThat(e.field()).contains("videoUrl");
                });
    }

    @Test
    void anUnknownKeyIsAnAuthenticationErrorOnEveryReplyShape() {
        VeditClient stranger = client("not-a-key");
        assertThatThrownBy(() -> stranger.query("1383453458050519040"))
                .asInstanceOf(type(AuthenticationException.class)).satisfies(e -> assertThat(e.errorCode()).isEqualTo("1002"));
        assertThatThrownBy(stranger::account)
                .asInstanceOf(type(AuthenticationException.class)).satisfies(e -> assertThat(e.errorCode()).isEqualTo("802"));
        assertThatThrownBy(() -> stranger.upload(new ByteArrayInputStream(new byte[] {1, 2, 3}), "x.mp4"))
                .asInstanceOf(type(AuthenticationException.class)).satisfies(e -> assertThat(e.errorCode()).isEqualTo("401"));
    }

    @Test
    void anUnknownTaskIsNotFoundForQueryAndCancel() {
        assertThatThrownBy(() -> a.query("1383453458050519040"))
                .asInstanceOf(type(NotFoundException.class)).satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo("1004");
                    assertThat(e.taskId()).contains("1383453458050519040");
                });
        assertThatThrownBy(() -> a.cancel("1383453458050519040"))
                .asInstanceOf(type(NotFoundException.class)).satisfies(e -> assertThat(e.errorCode()).isEqualTo("807"));
    }

    @Test
    void anotherKeysTaskIsNotFound() {
        String taskId = a.submit(mirror()).taskId();
        a.cancel(taskId);
        assertThatThrownBy(() -> b.query(taskId)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> b.cancel(taskId)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aFullQueueIsALimitErrorWithARetryHint() {
        LimitExceededException limit = null;
        for (int i = 0; i <= KEY_QUEUE_LIMIT && limit == null; i++) {
            try {
                b.submit(mirror());
            } catch (LimitExceededException e) {
                limit = e;
            }
        }
        assertThat(limit).isNotNull();
        assertThat(limit.errorCode()).isEqualTo("421");
        assertThat(limit.retryAfter()).isPositive();
        assertThat(limit.getMessage()).contains("queued tasks");
        QueueStatus queue = b.queueStatus();
        assertThat(queue.queuedCount()).isEqualTo(KEY_QUEUE_LIMIT);
    }

    @Test
    void aQueueLimitRefusalCountsEveryQueuedTaskNotOnlyUpToTheLimit() {
        // The check counts each queue only up to its limit; the refusal must still say how many are queued: here a
        // limit lowered below the key's queue, so a count that stopped at the limit would say 1.
        for (int i = 0; i <= KEY_QUEUE_LIMIT; i++) {
            try {
                b.submit(mirror());
            } catch (LimitExceededException e) {
                break;
            }
        }
        assertThat(b.queueStatus().queuedCount()).isEqualTo(KEY_QUEUE_LIMIT);
        s.server.apiKeys().updateLimits(s.keyB, 1, 1);
        try {
            assertThatThrownBy(() -> b.submit(mirror())).isInstanceOf(LimitExceededException.class)
                    .hasMessageContaining("already has " + KEY_QUEUE_LIMIT + " queued tasks (limit 1)");
        } finally {
            s.server.apiKeys().updateLimits(s.keyB, 1, KEY_QUEUE_LIMIT);
        }
    }

    @Test
    void anUnreachableServiceIsAConnectionError() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        VeditClient nowhere = VeditClient.builder().baseUrl("http://127.0.0.1:" + closedPort).apiKey(s.keyA)
                .retryPolicy(RetryPolicy.NONE).build();
        assertThatThrownBy(nowhere::account)
                .asInstanceOf(type(ConnectionException.class)).satisfies(e -> assertThat(e.requestMayHaveArrived()).isFalse());
    }

    @Test
    void aCancelledQueuedTaskEndsFailedWithCode2002() {
        String taskId = a.submit(mirror()).taskId();
        a.cancel(taskId);
        assertThatThrownBy(() -> a.waitFor(taskId, Duration.ofSeconds(5)))
                .asInstanceOf(type(TaskFailedException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo("2002");
                    assertThat(e.reply().status()).isEqualTo("FAILED");
                });
    }

    @Test
    void theTaskListShowsOnlyTheCallersTasksNewestFirstInPages() {
        String first = a.submit(mirror()).taskId();
        String second = a.submit(Edits.klingO3Std().prompt("make it black and white").videoUrl(VIDEO).build()).taskId();

        TaskPage page1 = a.listTasks(1, 1);
        assertThat(page1.tasks()).extracting(TaskSummary::taskId).containsExactly(second);
        assertThat(page1.hasMore()).isTrue();
        TaskSummary newest = page1.tasks().get(0);
        assertThat(newest.endpoint()).isEqualTo("kling-video-o3-std/video-edit");
        assertThat(newest.status()).isEqualTo("QUEUED");
        assertThat(newest.prompt()).isEqualTo("make it black and white");
        assertThat(a.listTasks(2, 1).tasks()).extracting(TaskSummary::taskId).containsExactly(first);
        assertThat(a.listTasks(1, 100).tasks()).extracting(TaskSummary::taskId).startsWith(second, first);

        assertThat(b.listTasks(1, 100).tasks()).extracting(TaskSummary::taskId).doesNotContain(first, second);
        assertThatThrownBy(() -> a.listTasks(1, 101)).asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> assertThat(e.getMessage()).contains("pageSize"));
        a.cancel(first);
        a.cancel(second);
    }

    @Test
    void accountAndQueueStatusDescribeTheKey() {
        AccountStatus account = a.account();
        assertThat(account.remainMoney()).isEqualTo("999999999");
        assertThat(account.currency()).isEqualTo("CNY");
        QueueStatus queue = a.queueStatus();
        assertThat(queue.concurrentLimit()).isEqualTo(1);
        assertThat(queue.totalCurrentTasks()).isEqualTo(queue.runningCount() + queue.queuedCount());
        assertThat(a.accountAsync().join().currency()).isEqualTo("CNY");
    }
}
