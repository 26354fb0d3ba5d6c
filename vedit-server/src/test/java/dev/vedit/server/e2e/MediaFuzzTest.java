package dev.vedit.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.http.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncated, corrupted and random-byte files under video names go through upload, submit and the worker; each
 * is refused with a clear code at upload or submit, or its task ends (never stuck) with a clear code or a real
 * result. No 5xx, no hung worker, no work files left. {@code -Dvedit.fuzz.media=N} runs more (default 12).
 */
class MediaFuzzTest {
    private static final int CASES = Integer.getInteger("vedit.fuzz.media", 12);
    private static final long SEED = Long.getLong("vedit.fuzz.seed", 20261124L);
    /** Codes that explain a bad input: unreadable/unsupported (2003), outside limits (2004), decoding failed (1015). */
    private static final Set<String> MEDIA_CODES = Set.of("2003", "2004", "1015");

    @TempDir
    Path dir;

    @Test
    void brokenMediaEndsWithAClearCodeAndNothingIsStuck() throws Exception {
        Path data = dir.resolve("server");
        try (TestServer s = new TestServer(data)) {
            Clips clips = new Clips(data.resolve("cache"));
            byte[] good = Files.readAllBytes(clips.clip(dir.resolve("good.mp4"), 160, 120, 1.0));
            Random random = new Random(SEED);
            List<String> taskIds = new ArrayList<>();
            int refusedEarly = 0;
            for (int i = 0; i < CASES; i++) {
                byte[] file = mutate(random, good, i);
                String where = "case " + i + " (seed " + SEED + ", " + file.length + " bytes)";
                HttpResponse<String> upload = Uploads.upload(s, s.keyA, "input-" + i + ".mp4", file);
                assertThat(upload.statusCode()).as(where).isEqualTo(200);
                JsonNode uploaded = s.json.readTree(upload.body());
                if (uploaded.path("code").asInt() != 0) {
                    assertThat(uploaded.path("code").asText()).as(where + " " + upload.body()).isIn("2003", "1007");
                    assertThat(uploaded.path("message").asText()).contains(" | ");
                    refusedEarly++;
                    continue;
                }
                JsonNode submitted = s.post("/openapi/v2/kling-video-o3-pro/video-edit", s.keyA,
                        Map.of("prompt", "make it black and white", "videoUrl", uploaded.path("data").path("download_url").asText()));
                if (!submitted.path("errorCode").asText().isEmpty()) {
                    assertThat(submitted.path("errorCode").asText()).as(where + " " + submitted).isIn(MEDIA_CODES);
                    assertThat(submitted.path("errorMessage").asText()).contains(" | ");
                    refusedEarly++;
                    continue;
                }
                taskIds.add(submitted.path("taskId").asText());
            }
            for (String id : taskIds) {
                JsonNode[] last = new JsonNode[1];
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    last[0] = s.post("/openapi/v2/query", s.keyA, Map.of("taskId", id));
                    return Set.of("SUCCESS", "FAILED").contains(last[0].path("status").asText());
                });
                if (last[0].path("status").asText().equals("FAILED")) {
                    assertThat(last[0].path("errorCode").asText()).as(last[0].toString()).isIn(MEDIA_CODES);
                    assertThat(last[0].path("errorMessage").asText()).contains(" | ");
                } else {
                    assertThat(last[0].path("results")).hasSize(1);
                }
            }
            assertThat(refusedEarly + taskIds.size()).isEqualTo(CASES);
            // Workers are free again: a good file still edits.
            String goodUrl = Uploads.downloadUrl(s, s.keyA, "good.mp4", good);
            String id = s.post("/openapi/v2/kling-video-o3-pro/video-edit", s.keyA,
                    Map.of("prompt", "mirror it", "videoUrl", goodUrl)).path("taskId").asText();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    s.post("/openapi/v2/query", s.keyA, Map.of("taskId", id)).path("status").asText().equals("SUCCESS"));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Stream<Path> left = Files.list(data.resolve("work"))) {
                    return left.findAny().isEmpty();
                }
            });
        }
    }

    @Test
    void playlistsAndConcatListsUnderVideoNamesAreRefusedAtUpload() throws Exception {
        try (TestServer s = new TestServer(dir.resolve("server"), c -> c.withQueue(c.queue().withWorkers(0)))) {
            for (String indirection : List.of("ffconcat version 1.0\nfile other.mp4\n",
                    "#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n")) {
                HttpResponse<String> r = Uploads.upload(s, s.keyA, "clip.mp4", indirection.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                JsonNode reply = s.json.readTree(r.body());
                assertThat(reply.path("code").asInt()).as(r.body()).isEqualTo(2003);
                JsonNode submitted = s.post("/openapi/v2/kling-video-o3-pro/video-edit", s.keyA, Map.of("prompt", "mirror",
                        "videoUrl", "data:video/mp4;base64," + java.util.Base64.getEncoder().encodeToString(indirection.getBytes())));
                assertThat(submitted.path("errorCode").asText()).as(submitted.toString()).isEqualTo("2003");
            }
        }
    }

    /** Case i: truncated, corrupted in place, random bytes behind a valid header, or pure noise, in turn. */
    private static byte[] mutate(Random random, byte[] good, int i) {
        return switch (i % 4) {
            case 0 -> Arrays.copyOf(good, 16 + random.nextInt(good.length - 16));
            case 1 -> {
                byte[] b = good.clone();
                int flips = 1 + random.nextInt(200);
                for (int k = 0; k < flips; k++) {
                    b[32 + random.nextInt(b.length - 32)] = (byte) random.nextInt(256);
                }
                yield b;
            }
            case 2 -> {
                byte[] b = new byte[1000 + random.nextInt(50_000)];
                random.nextBytes(b);
                System.arraycopy(good, 0, b, 0, 32); // an ftyp box: passes the sniffer as MP4, nothing behind it is real
                yield b;
            }
            default -> {
                byte[] b = new byte[random.nextInt(20_000)];
                random.nextBytes(b);
                yield b;
            }
        };
    }
}
