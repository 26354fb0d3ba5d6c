package dev.vedit.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.http.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Multipart uploads to a test server, as a hosted-service client sends them. */
final class Uploads {
    private Uploads() {
    }

    static HttpResponse<String> upload(TestServer s, String key, String fileName, byte[] content) {
        try {
            String boundary = "----vedit" + UUID.randomUUID();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
            return s.raw(HttpRequest.newBuilder(URI.create(s.url("/openapi/v2/media/upload/binary")))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The download_url of an upload that must succeed. */
    static String downloadUrl(TestServer s, String key, String fileName, byte[] content) {
        HttpResponse<String> r = upload(s, key, fileName, content);
        try {
            JsonNode reply = s.json.readTree(r.body());
            String url = reply.path("data").path("download_url").asText();
            if (r.statusCode() != 200 || url.isEmpty()) {
                throw new AssertionError("upload failed: HTTP " + r.statusCode() + " " + r.body());
            }
            return url;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
