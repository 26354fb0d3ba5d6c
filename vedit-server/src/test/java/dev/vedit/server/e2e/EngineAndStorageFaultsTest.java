package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.files.DirectoryTree;
import dev.vedit.server.http.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults injected into a running service: FFmpeg killed by a signal on every attempt, and media storage that
 * refuses writes. The service stays up, each task ends with a clear code, and it recovers once the fault goes.
 */
class EngineAndStorageFaultsTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";

    @TempDir
    Path dir;

    @Test
    void anFfmpegKilledOnEveryAttemptEndsTheTaskFailedWithACodeAfterItsRetries() throws Exception {
        Path data = dir.resolve("server");
        try (TestServer s = new TestServer(data)) {
            Path clip = new Clips(data.resolve("cache")).clip(dir.resolve("in.mp4"), 320, 240, 3.0);
            String video = Uploads.downloadUrl(s, s.keyA, "in.mp4", Files.readAllBytes(clip));
            ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
            // SIGKILL every ffmpeg this JVM starts, as the OOM killer or a crash would: no attempt can finish.
            killer.scheduleWithFixedDelay(() -> ProcessHandle.current().descendants()
                    .filter(h -> h.info().command().orElse("").endsWith("/ffmpeg"))
                    .forEach(ProcessHandle::destroyForcibly), 0, 10, TimeUnit.MILLISECONDS);
            JsonNode end;
            try {
                String id = s.post(O3, s.keyA, Map.of("prompt", "slow it down to half speed", "videoUrl", video)).path("taskId").asText();
                end = awaitEnd(s, id, Duration.ofSeconds(60));
            } finally {
                killer.shutdownNow();
                killer.awaitTermination(5, TimeUnit.SECONDS);
            }
            assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("FAILED");
            assertThat(end.path("errorCode").asText()).isEqualTo("1015");
            assertThat(end.path("errorMessage").asText()).contains("ffmpeg died").contains("after 3 attempts").contains(" | ");
            // The engine is healthy again once nothing kills it.
            String next = s.post(O3, s.keyA, Map.of("prompt", "mirror it", "videoUrl", video)).path("taskId").asText();
            assertThat(awaitEnd(s, next, Duration.ofSeconds(60)).path("status").asText()).isEqualTo("SUCCESS");
        }
    }

    @Test
    void storageThatRefusesWritesFailsUploadsAndResultsClearlyAndTheServiceRecovers() throws Exception {
        Path data = dir.resolve("server");
        try (TestServer s = new TestServer(data)) {
            byte[] clip = Files.readAllBytes(new Clips(data.resolve("cache")).clip(dir.resolve("in.mp4"), 160, 120, 1.0));
            String video = Uploads.downloadUrl(s, s.keyA, "in.mp4", clip);

            // The store's directories made unusable. chmod would not stop root (tests may run as root), so a plain
            // file takes each directory's place: every write below it genuinely fails in the kernel (ENOTDIR).
            Path outputs = data.resolve("media").resolve("outputs");
            Path uploads = data.resolve("media").resolve("openapi");
            Path uploadsAside = data.resolve("media").resolve("openapi-aside");
            DirectoryTree.delete(outputs);
            Files.writeString(outputs, "not a directory");

            String id = s.post(O3, s.keyA, Map.of("prompt", "make it black and white", "videoUrl", video)).path("taskId").asText();
            JsonNode end = awaitEnd(s, id, Duration.ofSeconds(90));
            assertThat(end.path("status").asText()).as(end.toString()).isEqualTo("FAILED");
            assertThat(end.path("errorCode").asText()).isEqualTo("1010");
            assertThat(end.path("errorMessage").asText()).contains("could not be written to storage").contains(" | ");

            Files.move(uploads, uploadsAside);
            Files.writeString(uploads, "not a directory");
            HttpResponse<String> refused = Uploads.upload(s, s.keyA, "other.mp4", clip);
            assertThat(refused.statusCode()).isEqualTo(503);
            JsonNode reply = s.json.readTree(refused.body());
            assertThat(reply.path("code").asInt()).isEqualTo(1010);
            assertThat(reply.path("message").asText()).contains("could not be written to storage").contains(" | ");
            assertThat(s.post("/uc/openapi/accountStatus", s.keyA, Map.of()).path("code").asInt()).as("the API stays up").isZero();

            // The fault is repaired: the same work now succeeds, and no temp files were left behind.
            Files.delete(uploads);
            Files.move(uploadsAside, uploads);
            Files.delete(outputs);
            assertThat(Uploads.upload(s, s.keyA, "other.mp4", clip).statusCode()).isEqualTo(200);
            String again = s.post(O3, s.keyA, Map.of("prompt", "make it black and white", "videoUrl", video)).path("taskId").asText();
            assertThat(awaitEnd(s, again, Duration.ofSeconds(60)).path("status").asText()).isEqualTo("SUCCESS");
            for (String area : List.of("work", "tmp")) {
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    try (Stream<Path> left = Files.walk(data.resolve(area))) {
                        return left.noneMatch(Files::isRegularFile);
                    }
                });
            }
        }
    }

    static JsonNode awaitEnd(TestServer s, String id, Duration limit) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(limit).pollInterval(Duration.ofMillis(200)).until(() -> {
            last[0] = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", id));
            return Set.of("SUCCESS", "FAILED").contains(last[0].path("status").asText());
        });
        return last[0];
    }
}
