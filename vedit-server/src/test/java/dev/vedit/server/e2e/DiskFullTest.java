package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.http.TestServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the embedded database: {@code /healthz} says the node cannot take work (503, naming the disk),
 * and once space is freed the service recovers by itself, without a restart. The data dir is a small tmpfs
 * mounted for the test (needs root, as the development machines and CI run; elsewhere the test is skipped).
 */
class DiskFullTest {
    private static final String O3 = "/openapi/v2/kling-video-o3-pro/video-edit";

    @TempDir
    Path dir;
    Path mount;

    @BeforeEach
    void mountTmpfs() throws Exception {
        mount = Files.createDirectories(dir.resolve("small"));
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=192m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assumeTrue(p.waitFor() == 0, "cannot mount a tmpfs here: " + out);
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", mount.toString()).inheritIO().start().waitFor();
    }

    @Test
    void aFullDiskMakesHealthSay503AndTheServiceRecoversWhenSpaceIsFreed() throws Exception {
        try (TestServer s = new TestServer(mount.resolve("data"), c -> c.withQueue(c.queue().withWorkers(0)))) {
            assertThat(health(s).statusCode()).isEqualTo(200);
            String before = submit(s).path("taskId").asText();
            assertThat(before).isNotEmpty();

            Path filler = mount.resolve("filler");
            fill(filler);
            await().atMost(Duration.ofSeconds(10)).until(() -> health(s).statusCode() == 503);
            assertThat(health(s).body()).contains("\"disk\"", "MB free");
            for (int i = 0; i < 5; i++) {
                submit(s); // fails while the disk is full (answered, not crashed): the database hits the full disk
            }

            Files.delete(filler);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(health(s).statusCode()).isEqualTo(200);
                assertThat(submit(s).path("errorCode").asText()).isEmpty();
            });
            assertThat(s.post("/openapi/v2/query", s.keyA, Map.of("taskId", before)).path("status").asText()).isEqualTo("QUEUED");
        }
    }

    private static void fill(Path filler) {
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(chunk);
            }
        } catch (IOException full) {
            // No space left on the device: exactly what the test wants.
        }
    }

    private static HttpResponse<String> health(TestServer s) {
        return s.raw(HttpRequest.newBuilder(URI.create(s.url("/healthz"))).build());
    }

    private static JsonNode submit(TestServer s) throws IOException {
        HttpResponse<String> r = s.raw(HttpRequest.newBuilder(URI.create(s.url(O3))).header("Authorization", "Bearer " + s.keyA)
                .POST(HttpRequest.BodyPublishers.ofString(s.json.writeValueAsString(
                        Map.of("prompt", "mirror", "videoUrl", "https://example.com/a.mp4")))).build());
        return s.json.readTree(r.body());
    }
}
