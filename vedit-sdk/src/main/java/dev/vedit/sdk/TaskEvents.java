package dev.vedit.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vedit.wire.QueryReply;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A task's live events ({@code GET /vedit/v1/tasks/{taskId}/events}, a vedit extension): each element is the task
 * as {@link VeditClient#query} returns it, one per change of status or progress, and the last one has status
 * {@code SUCCESS} or {@code FAILED}. A dropped connection is reopened with {@code Last-Event-ID} (the retry
 * policy's attempts and back-off, counted afresh after each event), so nothing is missed; close it to stop early.
 * Not thread-safe: one consumer reads it.
 *
 * <pre>{@code
 * try (TaskEvents events = client.events(taskId)) {
 *     for (QueryReply task : events) {
 *         System.out.println(task.status() + " " + task.progress());
 *     }
 * }
 * }</pre>
 */
public final class TaskEvents implements Iterable<QueryReply>, AutoCloseable {
    private static final Set<String> TERMINAL = Set.of("SUCCESS", "FAILED");

    private final HttpClient http;
    private final URI uri;
    private final String apiKey;
    private final RetryPolicy retry;
    private final ObjectMapper json;
    private final String taskId;
    private String lastEventId;
    private Stream<String> open;
    private Iterator<String> lines;
    private QueryReply next;
    private boolean done;
    private boolean closed;
    private int failures;

    TaskEvents(HttpClient http, URI baseUrl, String apiKey, RetryPolicy retry, ObjectMapper json, String taskId) {
        this.http = http;
        this.uri = URI.create(baseUrl + "/vedit/v1/tasks/" + java.net.URLEncoder.encode(taskId, java.nio.charset.StandardCharsets.UTF_8) + "/events");
        this.apiKey = apiKey;
        this.retry = retry;
        this.json = json;
        this.taskId = taskId;
    }

    /** The events as a sequential stream; closing the stream closes the connection. */
    public Stream<QueryReply> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(this::close);
    }

    @Override
    public Iterator<QueryReply> iterator() {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                if (next == null && !done && !closed) {
                    next = read();
                }
                return next != null;
            }

            @Override
            public QueryReply next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                QueryReply r = next;
                next = null;
                return r;
            }
        };
    }

    /** The id of the last event received: what a resumption sends as {@code Last-Event-ID}. */
    public String lastEventId() {
        return lastEventId;
    }

    /** The next event, or {@code null} when the task has ended (or the stream was closed). */
    private QueryReply read() {
        while (!done && !closed) {
            try {
                if (lines == null && !connect()) {
                    done = true;
                    return null;
                }
                String id = null;
                StringBuilder data = new StringBuilder();
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.startsWith("id:")) {
                        id = line.substring(3).strip();
                    } else if (line.startsWith("data:")) {
                        data.append(line.substring(5).stripLeading());
                    } else if (line.isEmpty() && !data.isEmpty()) {
                        QueryReply event = json.readValue(data.toString(), QueryReply.class);
                        if (id != null) {
                            lastEventId = id;
                        }
                        failures = 0;
                        if (TERMINAL.contains(event.status())) {
                            done = true;
                            closeConnection();
                        }
                        return event;
                    }
                }
                // The server ended the stream before the terminal event (a restart, a proxy): reopen where we were.
                closeConnection();
                pause();
            } catch (IOException | java.io.UncheckedIOException e) {
                closeConnection();
                if (closed) {
                    return null;
                }
                pause();
            }
        }
        return null;
    }

    private void pause() {
        failures++;
        if (failures >= retry.maxAttempts()) {
            throw new ConnectionException("the event stream of task " + taskId + " dropped " + failures + " times in a row", false, null);
        }
        long millis = Math.min(retry.maxDelay().toMillis(), retry.initialDelay().toMillis() << Math.min(20, failures - 1));
        try {
            Thread.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while waiting to reopen the event stream of task " + taskId, false, null);
        }
    }

    /** Opens the stream; false when the server says nothing more will come (204). */
    private boolean connect() throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + apiKey)
                .header("Accept", "text/event-stream").header("User-Agent", "vedit-java-sdk/0.1").GET();
        if (lastEventId != null) {
            b.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(b.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectionException("interrupted while opening the event stream of task " + taskId, false, null);
        }
        if (response.statusCode() == 204) {
            response.body().close();
            return false;
        }
        if (response.statusCode() != 200) {
            String body;
            try (Stream<String> s = response.body()) {
                body = String.join("\n", s.toList());
            }
            JsonNode parsed = null;
            try {
                parsed = json.readTree(body);
            } catch (IOException e) {
                // not JSON: the status speaks
            }
            throw ErrorMapping.forHttpStatus(response.statusCode(), parsed, body, null);
        }
        open = response.body();
        lines = open.iterator();
        return true;
    }

    private void closeConnection() {
        if (open != null) {
            open.close();
        }
        open = null;
        lines = null;
    }

    /** Stops reading and closes the connection. */
    @Override
    public void close() {
        closed = true;
        closeConnection();
    }
}
