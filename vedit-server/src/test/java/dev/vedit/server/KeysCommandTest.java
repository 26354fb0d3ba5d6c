package dev.vedit.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.server.http.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code vedit keys} works on the configured database whether or not the service runs: on H2 a separate process
 * reaches the file a running service holds (AUTO_SERVER), on PostgreSQL anything can; and what it does counts in
 * the running service at once (a new key works, a revoked one gets 1002/802, new limits apply).
 */
class KeysCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        String lastLine() {
            String[] lines = out.strip().split("\n");
            return lines[lines.length - 1].strip();
        }
    }

    /** {@code vedit keys ...} in its own JVM, as an operator runs it beside the service. */
    static Run child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.vedit.server.Main", "keys"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = Thread.ofVirtual().start(() -> {
            try {
                p.getErrorStream().transferTo(err);
            } catch (java.io.IOException ignored) {
                // the process ended
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        errReader.join();
        return new Run(p.exitValue(), out, err.toString(StandardCharsets.UTF_8));
    }

    /** {@code vedit keys ...} in this JVM. */
    static Run inProcess(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new KeysCommand());
        cli.setExecutionStrategy(parseResult -> {
            for (CommandLine.ParseResult r = parseResult; r != null; r = r.subcommand()) {
                if (r.commandSpec().userObject() instanceof KeysCommand.Action a) {
                    a.out = new PrintStream(out, true, StandardCharsets.UTF_8);
                    a.err = new PrintStream(err, true, StandardCharsets.UTF_8);
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        int exit = cli.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onTheEmbeddedDatabaseKeysWorkWithTheServiceStoppedAndWhileItRuns() throws Exception {
        Path data = dir.resolve("data");
        // Stopped: the command opens (and creates) the database itself.
        Run created = inProcess("create", "--label", "offline", "--data-dir", data.toString());
        assertThat(created.exit()).as(created.err()).isZero();
        String offlineKey = created.lastLine();
        assertThat(offlineKey).matches("[0-9a-f]{32}");

        try (TestServer s = new TestServer(data)) {
            assertThat(accountStatusCode(s, offlineKey)).as("a key made while the service was down").isEqualTo(0);

            // Running: a second process reaches the file the service holds (a JVM start each: two are enough to show it).
            Run online = child("create", "--label", "online", "--concurrency", "3", "--queue", "9", "--data-dir", data.toString());
            assertThat(online.exit()).as(online.err() + online.out()).isZero();
            String onlineKey = online.lastLine();
            assertThat(accountStatusCode(s, onlineKey)).isEqualTo(0);
            JsonNode queue = get(s, "/openapi/v2/queue/status", onlineKey);
            assertThat(queue.path("data").path("concurrentLimit").asInt()).as(queue.toString()).isEqualTo(3);

            Run list = inProcess("list", "--json", "--data-dir", data.toString());
            assertThat(list.exit()).as(list.err()).isZero();
            JsonNode keys = s.json.readTree(list.out());
            JsonNode onlineInfo = find(keys, "online");
            assertThat(onlineInfo.path("lastUsedAt").isNumber()).as("last use is shown").isTrue();
            assertThat(onlineInfo.path("revokedAt").isNull()).isTrue();
            assertThat(list.out()).doesNotContain(onlineKey).doesNotContain(offlineKey);

            // The service remembers the key (it holds the file, so H2's triggers tell it of every change): the revoke below
            // must reach it although the key is answered from memory.
            assertThat(s.server.apiKeys().caching()).isTrue();
            assertThat(accountStatusCode(s, onlineKey)).isEqualTo(0);
            long lookups = s.server.apiKeys().databaseLookups();
            assertThat(accountStatusCode(s, onlineKey)).isEqualTo(0);
            assertThat(s.server.apiKeys().databaseLookups()).as("answered from memory").isEqualTo(lookups);

            // Limits changed by another process are seen on the next request, although the key is remembered.
            Run limits = child("limits", onlineInfo.path("id").asText(), "--concurrency", "5", "--data-dir", data.toString());
            assertThat(limits.exit()).as(limits.err()).isZero();
            assertThat(get(s, "/openapi/v2/queue/status", onlineKey).path("data").path("concurrentLimit").asInt()).isEqualTo(5);

            Run revoke = child("revoke", onlineInfo.path("id").asText(), "--data-dir", data.toString());
            assertThat(revoke.exit()).as(revoke.err()).isZero();
            assertThat(revoke.out()).contains("revoked");
            assertThat(accountStatusCode(s, onlineKey)).as("revoked: refused at once").isEqualTo(802);
            assertThat(s.post("/openapi/v2/query", onlineKey, Map.of("taskId", "1")).path("errorCode").asText()).isEqualTo("1002");

            Run rotate = inProcess("rotate", find(keys, "offline").path("id").asText(), "--data-dir", data.toString());
            assertThat(rotate.exit()).as(rotate.err()).isZero();
            assertThat(accountStatusCode(s, offlineKey)).isEqualTo(802);
            assertThat(accountStatusCode(s, rotate.lastLine())).isEqualTo(0);

            Run table = inProcess("list", "--data-dir", data.toString());
            assertThat(table.out()).contains("ID", "LAST USED", "offline", "online", "revoked", "active");
        }
    }

    @Test
    void onPostgresARevokeByTheCommandIsRefusedAtOnceByARunningNode() throws Exception {
        String url = TestDatabases.newPostgresDatabase();
        try (TestServer s = new TestServer(dir.resolve("pg"), c -> c.withDatabase(url, "postgres", "postgres"))) {
            String[] db = {"--db-url", url, "--db-user", "postgres", "--db-password", "postgres"};
            Run created = inProcess(concat(new String[] {"create", "--label", "pg", "--queue", "1"}, db));
            assertThat(created.exit()).as(created.err()).isZero();
            String key = created.lastLine();
            assertThat(accountStatusCode(s, key)).isEqualTo(0);

            Run limits = inProcess(concat(new String[] {"limits", idOf(created), "--queue", "5"}, db));
            assertThat(limits.exit()).as(limits.err()).isZero();
            assertThat(limits.out()).contains("5 queued");

            Run revoke = inProcess(concat(new String[] {"revoke", idOf(created)}, db));
            assertThat(revoke.exit()).as(revoke.err()).isZero();
            assertThat(accountStatusCode(s, key)).isEqualTo(802);
            assertThat(accountStatusCode(s, s.keyA)).isEqualTo(0);
            assertThat(s.server.apiKeys().caching()).as("PostgreSQL: every request reads its key").isFalse();
        }
    }

    /** Two api nodes on one PostgreSQL: a revoke through one node, and limits set by the command, count on both at once. */
    @Test
    void onPostgresTwoNodesSeeARevokeAndNewLimitsOnTheNextRequest() throws Exception {
        String url = TestDatabases.newPostgresDatabase();
        String keyA = TestServer.newKey();
        String keyB = TestServer.newKey();
        java.util.function.UnaryOperator<ServerConfig> pg = c -> c.withDatabase(url, "postgres", "postgres");
        try (TestServer a = new TestServer(dir.resolve("a"), pg, keyA, keyB); TestServer b = new TestServer(dir.resolve("b"), pg, keyA, keyB)) {
            String[] db = {"--db-url", url, "--db-user", "postgres", "--db-password", "postgres"};
            Run created = inProcess(concat(new String[] {"create", "--label", "two", "--concurrency", "2"}, db));
            assertThat(created.exit()).as(created.err()).isZero();
            String key = created.lastLine();
            for (TestServer node : List.of(a, b)) {
                assertThat(get(node, "/openapi/v2/queue/status", key).path("data").path("concurrentLimit").asInt()).isEqualTo(2);
            }

            Run limits = inProcess(concat(new String[] {"limits", idOf(created), "--concurrency", "6"}, db));
            assertThat(limits.exit()).as(limits.err()).isZero();
            for (TestServer node : List.of(a, b)) {
                assertThat(get(node, "/openapi/v2/queue/status", key).path("data").path("concurrentLimit").asInt()).isEqualTo(6);
            }

            // The key's own account revokes it through node a; node b refuses it on its very next request.
            JsonNode revoked = a.post("/vedit/v1/keys/" + idOf(created) + "/revoke", key, "{}");
            assertThat(revoked.path("code").asInt()).as(revoked.toString()).isZero();
            assertThat(accountStatusCode(b, key)).isEqualTo(802);
            assertThat(b.post("/openapi/v2/query", key, Map.of("taskId", "1")).path("errorCode").asText()).isEqualTo("1002");
            assertThat(accountStatusCode(a, key)).isEqualTo(802);
            assertThat(accountStatusCode(b, keyA)).isEqualTo(0);
        }
    }

    @Test
    void mistakesExitWithOneAndSayWhatIsWrong() {
        Path data = dir.resolve("m");
        Run unknown = inProcess("revoke", "12345", "--data-dir", data.toString());
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("no key with id 12345");
        Run badLimit = inProcess("create", "--concurrency", "0", "--data-dir", data.toString());
        assertThat(badLimit.exit()).isEqualTo(1);
        assertThat(badLimit.err()).contains("concurrency must be between 1 and");
    }

    private static String idOf(Run created) {
        // "created key 7 for account 3 (...)"
        String first = created.out().strip().split("\n")[0];
        return first.split(" ")[2];
    }

    private static JsonNode find(JsonNode keys, String label) {
        for (JsonNode k : keys) {
            if (label.equals(k.path("label").asText())) {
                return k;
            }
        }
        throw new AssertionError("no key labelled " + label + " in " + keys);
    }

    private static int accountStatusCode(TestServer s, String key) {
        return s.post("/uc/openapi/accountStatus", key, Map.of()).path("code").asInt();
    }

    private static JsonNode get(TestServer s, String path, String key) throws Exception {
        HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url(path))).header("Authorization", "Bearer " + key).build());
        return s.json.readTree(r.body());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
