package dev.vedit.bench;

import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A multipart/form-data body with text fields and one file part streamed from disk. */
record Multipart(String boundary, HttpRequest.BodyPublisher publisher) {

    static Multipart of(String fileField, Path file) throws FileNotFoundException {
        return of(fileField, file, Map.of());
    }

    static Multipart of(String fileField, Path file, Map<String, String> fields) throws FileNotFoundException {
        String boundary = "vedit-bench-" + UUID.randomUUID();
        List<HttpRequest.BodyPublisher> parts = new ArrayList<>();
        fields.forEach((name, value) -> parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n", StandardCharsets.UTF_8)));
        parts.add(HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField
                + "\"; filename=\"" + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n", StandardCharsets.UTF_8));
        parts.add(HttpRequest.BodyPublishers.ofFile(file));
        parts.add(HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
        return new Multipart(boundary, HttpRequest.BodyPublishers.concat(parts.toArray(HttpRequest.BodyPublisher[]::new)));
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }
}
