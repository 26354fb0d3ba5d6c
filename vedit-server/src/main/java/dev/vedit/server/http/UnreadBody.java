package dev.vedit.server.http;

import io.javalin.http.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.io.Content;

/**
 * Every answer leaves the connection fit for the next request, or says it is not. An answer given before the body
 * was read (a wrong key, an unknown path, a body over the limit) made Jetty close the connection after it without a
 * {@code Connection: close}, so a client that kept it lost its next request ("header parser received no bytes" in the
 * JDK's client). Closing with unread bytes also makes the kernel reset the connection, and a client still writing
 * loses the answer itself: the JDK's client sends an upload from a stream in chunks, which may arrive after the
 * refusal. So a small body, of a declared length or in chunks, is read to its end before the answer and the connection
 * lives on; a large one is not read, and the answer says {@code Connection: close}.
 */
final class UnreadBody {
    /** A body left unread up to this size is read to its end before the answer. */
    private static final long DRAIN_LIMIT = 1024 * 1024;
    /** How long the rest of a small body may take to arrive; a client this slow loses the connection, not the answer. */
    private static final long DRAIN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private UnreadBody() {
    }

    /** Runs after every handler, before the answer is written. */
    static void settle(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        boolean chunked = declared < 0 && ctx.header("Transfer-Encoding") != null;
        if (declared == 0 || declared < 0 && !chunked || ctx.res().isCommitted()) {
            return;
        }
        Content.Source body = ServletContextRequest.getServletContextRequest(ctx.req());
        try {
            // A large body is settled only if the handler read it whole (an upload): not read here, nor waited for.
            if (declared > DRAIN_LIMIT ? readToItsEnd(body) : drained(body)) {
                return;
            }
        } catch (RuntimeException e) {
            // unreadable: the connection cannot carry another request
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.header("Connection", "close");
    }

    /** Whether the body's end has been read, asked without waiting: the core request repeats its last chunk. */
    private static boolean readToItsEnd(Content.Source body) {
        Content.Chunk chunk = body.read();
        if (chunk == null) {
            return false;
        }
        try {
            return chunk.isLast() && !chunk.hasRemaining() && !Content.Chunk.isFailure(chunk);
        } finally {
            chunk.release();
        }
    }

    /**
     * Reads what is left of the body to its end, waiting for chunks still on their way; false when more than
     * {@link #DRAIN_LIMIT} bytes are left, the body fails, or its rest does not arrive in time.
     */
    private static boolean drained(Content.Source body) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_WAIT_NANOS;
        long read = 0;
        while (true) {
            Content.Chunk chunk = body.read();
            if (chunk == null) {
                CompletableFuture<Void> more = new CompletableFuture<>();
                body.demand(() -> more.complete(null));
                try {
                    more.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException | ExecutionException e) {
                    return false;
                }
                continue;
            }
            try {
                if (Content.Chunk.isFailure(chunk)) {
                    return false;
                }
                read += chunk.remaining();
                if (read > DRAIN_LIMIT) {
                    return false;
                }
                if (chunk.isLast()) {
                    return true;
                }
            } finally {
                chunk.release();
            }
        }
    }
}
