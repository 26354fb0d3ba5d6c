package dev.vedit.server.engine.comfyui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleConsumer;

/**
 * Follows one prompt on ComfyUI's event socket: progress as nodes finish and samplers step, and the event that ends
 * it ({@code execution_success}, {@code execution_error}, {@code execution_interrupted}). Binary preview frames are
 * ignored. When the socket drops, {@link #closed()} says so and the caller falls back to {@code /history}.
 */
final class PromptWatch implements WebSocket.Listener {
    /** How a prompt ended, as the socket reported it. */
    record End(String type, JsonNode data) {
    }

    private final String promptId;
    private final int nodeCount;
    private final DoubleConsumer progress;
    private final ObjectMapper json;
    private final BlockingQueue<End> ends = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();
    private final Set<String> finished = new HashSet<>();
    private volatile boolean closed;
    private volatile double stepFraction;

    PromptWatch(String promptId, int nodeCount, DoubleConsumer progress, ObjectMapper json) {
        this.promptId = promptId;
        this.nodeCount = Math.max(1, nodeCount);
        this.progress = progress;
        this.json = json;
    }

    /** The end, if one arrives within {@code millis}. */
    Optional<End> awaitEnd(long millis) throws InterruptedException {
        return Optional.ofNullable(ends.poll(millis, TimeUnit.MILLISECONDS));
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void onOpen(WebSocket socket) {
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String message = partial.toString();
            partial.setLength(0);
            try {
                handle(json.readTree(message));
            } catch (IOException | RuntimeException e) {
                // Not a message of the protocol we know: skip it rather than lose the run.
            }
        }
        socket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
        socket.request(1); // sampler previews
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
        closed = true;
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        closed = true;
    }

    private void handle(JsonNode message) {
        String type = message.path("type").asText();
        JsonNode data = message.path("data");
        if (!promptId.equals(data.path("prompt_id").asText())) {
            return;
        }
        switch (type) {
            case "execution_cached" -> data.path("nodes").forEach(n -> finished.add(n.asText()));
            case "executing" -> {
                stepFraction = 0;
                report();
            }
            case "progress_state" -> data.path("nodes").fields().forEachRemaining(n -> {
                if ("finished".equals(n.getValue().path("state").asText())) {
                    finished.add(n.getKey());
                }
            });
            case "progress" -> {
                double max = data.path("max").asDouble(0);
                stepFraction = max > 0 ? data.path("value").asDouble(0) / max : 0;
                report();
            }
            case "executed" -> {
                finished.add(data.path("node").asText());
                report();
            }
            case "execution_success", "execution_error", "execution_interrupted" -> ends.add(new End(type, data));
            default -> {
            }
        }
    }

    private void report() {
        // Never 1.0 before the outputs are downloaded and stored.
        progress.accept(Math.min(0.95, (Math.min(finished.size(), nodeCount) + stepFraction) / nodeCount * 0.95));
    }
}
