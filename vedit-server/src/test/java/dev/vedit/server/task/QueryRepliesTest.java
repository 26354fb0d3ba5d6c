package dev.vedit.server.task;

import static dev.vedit.server.task.TaskBuilder.NOW;
import static dev.vedit.server.task.TaskBuilder.aTask;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.server.auth.Account;
import dev.vedit.server.auth.ApiKeys;
import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.QueryReply;
import dev.vedit.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Query replies kept on the embedded database ({@link QueryReplies}): in every state the reply is byte for byte the one
 * encoded from the row as it is now, a reply that only a change of the row can change is answered from memory, and
 * every change, by any writer, even one that races the query, is in the very next reply.
 */
class QueryRepliesTest {
    @TempDir
    Path dir;
    Database db;
    TaskQueue queue;
    TaskReads reads;
    QueryReplies replies;
    /** The service as a node runs it, keeping replies. */
    TaskService service;
    /** The same service keeping nothing: every query reads and encodes (as on PostgreSQL). */
    TaskService uncached;
    final ObjectMapper json = WireJson.newMapper();
    /** Fixed, so that a running task's cost time is the same for both services. */
    final Clock clock = Clock.fixed(Instant.ofEpochMilli(NOW + 7_300), ZoneOffset.UTC);
    final TaskIds ids = new TaskIds(Clock.systemUTC());
    Account account;
    Account stranger;

    @BeforeEach
    void setUp() {
        db = TestDatabases.h2(dir);
        queue = new TaskQueue(db);
        reads = new TaskReads(db.jdbi());
        replies = QueryReplies.forService(db);
        service = service(replies);
        uncached = service(QueryReplies.none());
        ApiKeys keys = new ApiKeys(db.jdbi(), Clock.systemUTC(), 2, 100);
        account = keys.createAccount("polling", ApiKeys.generate());
        stranger = keys.createAccount("stranger", ApiKeys.generate());
    }

    @AfterEach
    void tearDown() {
        replies.close();
        if (db != null) {
            db.close();
        }
    }

    @Test
    void inEveryStateTheReplyIsTheOneEncodedFromTheRowAndAChangeIsNeverMissed() {
        Task t = queued();
        assertReply(t.id(), true);

        Task running = queue.claim("w1", NOW, e -> 100).orElseThrow();
        assertThat(running.id()).isEqualTo(t.id());
        assertReply(t.id(), false); // its cost time moves with the clock: never kept

        assertThat(queue.heartbeat(t.id(), "w1", 1, 40, NOW + 2_000)).isEqualTo(TaskQueue.Heartbeat.OWNED);
        assertReply(t.id(), false);

        assertThat(queue.succeed(t.id(), "w1", 1, List.of(new TaskOutput(0, "openapi/a/out.mp4", "mp4", "local", "tok0"),
                new TaskOutput(1, "openapi/a/out.png", "png", "local", "tok1")), NOW + 5_000)).isTrue();
        assertReply(t.id(), true);
        assertThat(new String(service.queryJson(account, t.id()), StandardCharsets.UTF_8))
                .contains("\"status\":\"SUCCESS\"", "/media/tok0/out.mp4", "/media/tok1/out.png");

        Task cancelled = queued();
        assertReply(cancelled.id(), true);
        assertThat(queue.requestCancel(cancelled.id(), account.id(), NOW + 1_000)).isEqualTo(TaskQueue.CancelOutcome.CANCELLED);
        assertReply(cancelled.id(), true);
        assertThat(new String(service.queryJson(account, cancelled.id()), StandardCharsets.UTF_8)).contains(ErrorCode.TASK_CANCELLED.code());

        Task failed = queued();
        assertReply(failed.id(), true);
        queue.claim("w2", NOW, e -> 100).orElseThrow();
        assertThat(queue.fail(failed.id(), "w2", 1, ErrorCode.GENERATION_FAILED, "the engine gave up",
                "{\"node_name\":\"n\",\"exception_type\":\"E\",\"exception_message\":\"m\"}", NOW + 3_000)).isTrue();
        assertReply(failed.id(), true);

        // A retry waits in the queue with its last attempt's start: its cost time moves, so it is not kept either.
        Task retried = queued();
        queue.claim("w3", NOW, e -> 100).orElseThrow();
        assertThat(queue.rescueStale(NOW + 1, NOW + 1, NOW + 1)).isEqualTo(1);
        assertReply(retried.id(), false);
    }

    @Test
    void aChangeByAnotherWriterIsInTheNextReply() throws Exception {
        Task t = queued();
        assertReply(t.id(), true);
        // Not through TaskQueue: straight into the database over a connection of its own.
        try (Connection writer = DriverManager.getConnection(Database.h2Url(dir));
             PreparedStatement s = writer.prepareStatement("UPDATE tasks SET status = 'FAILED', error_code = '2002', finished_at = ? WHERE id = ?")) {
            s.setLong(1, NOW + 1);
            s.setLong(2, t.id());
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
        assertThat(new String(service.queryJson(account, t.id()), StandardCharsets.UTF_8)).contains("\"status\":\"FAILED\"");
        assertReply(t.id(), true);
    }

    /**
     * The race a reply kept from a plain read would lose: the trigger fires inside the changing statement, before its
     * commit, and a query in that window reads the old row. It may answer with it, but must not keep it: the read it
     * keeps from waits for the commit.
     */
    @Test
    void aQueryDuringAnUncommittedChangeWaitsForTheCommitAndKeepsTheNewRow() throws Exception {
        Task t = queued();
        assertReply(t.id(), true);
        try (Connection writer = DriverManager.getConnection(Database.h2Url(dir))) {
            writer.setAutoCommit(false);
            try (PreparedStatement s = writer.prepareStatement("UPDATE tasks SET status = 'FAILED', error_code = '2002', finished_at = ? WHERE id = ?")) {
                s.setLong(1, NOW + 1);
                s.setLong(2, t.id());
                assertThat(s.executeUpdate()).isEqualTo(1);
            }
            assertThat(replies.get(t.id())).as("dropped inside the changing statement").isNull();
            CompletableFuture<byte[]> query = CompletableFuture.supplyAsync(() -> service.queryJson(account, t.id()));
            Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> blockedSessions(writer) > 0 || query.isDone());
            assertThat(query).as("the query waits for the change to commit or roll back").isNotDone();
            writer.commit();
            assertThat(new String(query.get(1, TimeUnit.MINUTES), StandardCharsets.UTF_8)).contains("\"status\":\"FAILED\"");
        }
        assertReply(t.id(), true);
        assertThat(new String(service.queryJson(account, t.id()), StandardCharsets.UTF_8)).contains("\"status\":\"FAILED\"");
    }

    @Test
    void anotherAccountsQueryOfAKeptReplyIsNotFound() {
        Task t = queued();
        assertReply(t.id(), true);
        byte[] notFound = encode(QueryReply.notFound(Long.toString(t.id())));
        assertThat(service.queryJson(stranger, t.id())).isEqualTo(notFound);
        assertThat(uncached.queryJson(stranger, t.id())).isEqualTo(notFound);
        long unknown = ids.next();
        assertThat(service.queryJson(account, unknown)).isEqualTo(uncached.queryJson(account, unknown))
                .isEqualTo(encode(QueryReply.notFound(Long.toString(unknown))));
    }

    @Test
    void nothingIsKeptWhileThisProcessDoesNotHoldTheDatabase() {
        Task t = queued();
        assertReply(t.id(), true);
        db.close();
        db = null;
        assertThat(replies.get(t.id())).as("the file is closed: its trigger is gone from this JVM").isNull();
        assertThat(replies.stamp()).isNegative();
    }

    /**
     * Asserts that both services answer with what today's query answered (the row read now, encoded), twice, and whether
     * the reply is then kept.
     */
    private void assertReply(long taskId, boolean kept) {
        String expected = new String(encode(uncached.view(reads.find(taskId).orElseThrow())), StandardCharsets.UTF_8);
        for (int i = 0; i < 2; i++) {
            assertThat(new String(service.queryJson(account, taskId), StandardCharsets.UTF_8)).isEqualTo(expected);
            assertThat(new String(uncached.queryJson(account, taskId), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
        assertThat(replies.get(taskId) != null).as("kept").isEqualTo(kept);
        if (kept) {
            assertThat(new String(replies.get(taskId).json(), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    private Task queued() {
        Task t = aTask().withId(ids.next()).forAccount(account.id()).submittedAt(NOW).build();
        queue.insert(t);
        return t;
    }

    private byte[] encode(QueryReply reply) {
        try {
            return json.writeValueAsBytes(reply);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private TaskService service(QueryReplies kept) {
        return new TaskService(queue, reads, kept, null, null, new LinkedMedia(), new QueueSignal(), QueueSettings.defaults(), null, clock, json);
    }

    /** Outputs linked as the media layer links them; nothing is fetched or kept here. */
    private static final class LinkedMedia implements TaskMedia {
        @Override
        public Path fetch(String url, FieldSpec field, Path dir) {
            throw new UnsupportedOperationException();
        }

        @Override
        public TaskOutput keep(long accountId, int index, EngineOutput output) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isOwnUrl(String url) {
            return false;
        }

        @Override
        public String url(TaskOutput output) {
            return "http://127.0.0.1:8080/media/" + output.linkToken() + "/" + output.mediaKey().substring(output.mediaKey().lastIndexOf('/') + 1);
        }
    }

    private static int blockedSessions(Connection c) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
