package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One ComfyUI server over its HTTP and websocket API, as recorded from ComfyUI 0.8 (see shared/comfyui-protocol):
 * upload, prompt, queue, history, view, interrupt, object_info and the event socket. Knows the protocol, not tasks.
 */
final class ComfyClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(10);

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper json;

    ComfyClient(URI base, HttpClient http, ObjectMapper json) {
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s : s + "/");
        this.http = http;
        this.json = json;
    }

    /** The server's address as configured, e.g. {@code http://gpu1:8188}. */
    String address() {
        String s = base.toString();
        return s.substring(0, s.length() - 1);
    }

    /** Thrown when the server cannot be reached or answers something other than its protocol (5xx, garbage). */
    static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** POST /prompt answered 400: the prompt failed validation; the body holds {@code error} and {@code node_errors}. */
    static final class Rejected extends Exception {
        final JsonNode body;

        Rejected(JsonNode body) {
            super(body.path("error").path("message").asText("the prompt was rejected"));
            this.body = body;
        }
    }

    /** GET /queue: {@code queue_running} and {@code queue_pending}, each a list of [number, prompt_id, prompt, extra, outputs]. */
    JsonNode queue() throws Unreachable {
        return getJson("queue");
    }

    /** Every node class the server knows with its inputs (GET /object_info). */
    JsonNode objectInfo() throws Unreachable {
        return getJson("object_info");
    }

    /** The history entry of a prompt, or empty when the server does not know it (yet, or any more: a restart forgets). */
    Optional<JsonNode> history(String promptId) throws Unreachable {
        JsonNode all = getJson("history/" + promptId);
        JsonNode entry = all.get(promptId);
        return entry == null || entry.isNull() ? Optional.empty() : Optional.of(entry);
    }

    /** Uploads a file into the server's input folder under {@code subfolder}; returns the name a loader node takes. */
    String upload(Path file, String name, String subfolder) throws Unreachable {
        String boundary = "vedit-" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        parts.add(field(boundary, "type", "input"));
        parts.add(field(boundary, "overwrite", "true"));
        parts.add(field(boundary, "subfolder", subfolder));
        parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        try {
            List<HttpRequest.BodyPublisher> publishers = new ArrayList<>();
            parts.forEach(p -> publishers.add(HttpRequest.BodyPublishers.ofByteArray(p)));
            publishers.add(HttpRequest.BodyPublishers.ofFile(file));
            publishers.add(HttpRequest.BodyPublishers.ofByteArray(end));
            HttpRequest request = HttpRequest.newBuilder(base.resolve("upload/image")).timeout(TRANSFER_TIMEOUT)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(publishers.toArray(HttpRequest.BodyPublisher[]::new))).build();
            HttpResponse<String> response = send(request);
            if (response.statusCode() != 200) {
                throw new Unreachable("upload of " + name + " answered HTTP " + response.statusCode(), null);
            }
            JsonNode reply = json.readTree(response.body());
            String sub = reply.path("subfolder").asText("");
            return sub.isEmpty() ? reply.path("name").asText(name) : sub + "/" + reply.path("name").asText(name);
        } catch (Unreachable e) {
            throw e;
        } catch (IOException e) {
            throw new Unreachable("upload of " + name + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Queues a prompt under our own id.
     *
     * @throws Rejected when ComfyUI refuses it (HTTP 400 with {@code node_errors})
     */
    void prompt(ObjectNode workflow, String promptId, String clientId, ObjectNode extraData) throws Unreachable, Rejected {
        ObjectNode body = json.createObjectNode();
        body.set("prompt", workflow);
        body.put("prompt_id", promptId);
        body.put("client_id", clientId);
        body.set("extra_data", extraData);
        HttpResponse<String> response = postJson("prompt", body);
        if (response.statusCode() == 400) {
            throw new Rejected(parse(response.body()));
        }
        if (response.statusCode() != 200) {
            throw new Unreachable("POST /prompt answered HTTP " + response.statusCode(), null);
        }
    }

    /** Removes pending prompts from the queue (a running one is not touched: see {@link #interrupt}). */
    void deleteFromQueue(String promptId) throws Unreachable {
        ObjectNode body = json.createObjectNode();
        body.putArray("delete").add(promptId);
        expectOk(postJson("queue", body), "POST /queue");
    }

    /** Interrupts the prompt if it is the one running; ComfyUI stops at the next node boundary. */
    void interrupt(String promptId) throws Unreachable {
        ObjectNode body = json.createObjectNode();
        body.put("prompt_id", promptId);
        expectOk(postJson("interrupt", body), "POST /interrupt");
    }

    /** Downloads an output file with GET /view into {@code target}. */
    void view(String filename, String subfolder, String type, Path target) throws Unreachable {
        String query = "view?filename=" + enc(filename) + "&subfolder=" + enc(subfolder) + "&type=" + enc(type);
        HttpRequest request = HttpRequest.newBuilder(base.resolve(query)).timeout(TRANSFER_TIMEOUT).GET().build();
        try {
            Path part = target.resolveSibling(target.getFileName() + ".part");
            HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(part));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(part);
                throw new Unreachable("GET /view of " + filename + " answered HTTP " + response.statusCode(), null);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (Unreachable e) {
            throw e;
        } catch (IOException e) {
            throw new Unreachable("GET /view of " + filename + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }

    /** Opens the event socket for {@code clientId}; events of prompts submitted with that client id arrive on it. */
    WebSocket events(String clientId, WebSocket.Listener listener) throws Unreachable {
        String ws = address().replaceFirst("^http", "ws") + "/ws?clientId=" + enc(clientId);
        try {
            return http.newWebSocketBuilder().connectTimeout(CALL_TIMEOUT).buildAsync(URI.create(ws), listener)
                    .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        } catch (Exception e) {
            Throwable cause = e instanceof CompletionException || e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
            throw new Unreachable("the event socket of " + address() + " could not be opened: " + cause, cause);
        }
    }

    private JsonNode getJson(String path) throws Unreachable {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT).GET().build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new Unreachable("GET /" + path + " answered HTTP " + response.statusCode(), null);
        }
        return parse(response.body());
    }

    private HttpResponse<String> postJson(String path, JsonNode body) throws Unreachable {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(CALL_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body))).build();
            return send(request);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws Unreachable {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Unreachable(address() + " is unreachable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable("interrupted", e);
        }
    }

    private JsonNode parse(String body) throws Unreachable {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new Unreachable(address() + " answered something that is not JSON", e);
        }
    }

    private static void expectOk(HttpResponse<String> response, String what) throws Unreachable {
        if (response.statusCode() != 200) {
            throw new Unreachable(what + " answered HTTP " + response.statusCode(), null);
        }
    }

    private static byte[] field(String boundary, String name, String value) {
        return ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
