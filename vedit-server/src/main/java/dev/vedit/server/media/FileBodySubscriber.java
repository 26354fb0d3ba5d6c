package dev.vedit.server.media;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Writes a response body to a file and gives up (closing the connection) as soon as it exceeds a limit,
 * so a lying or missing {@code Content-Length} cannot fill the disk. Completes with the byte count.
 */
final class FileBodySubscriber implements HttpResponse.BodySubscriber<Long> {

    /** Thrown (as the failure of the body) when the body exceeds the limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("response body exceeds the size limit");
        }
    }

    /** A subscriber that takes no body at all: it closes the connection at once and completes with -1. */
    static HttpResponse.BodySubscriber<Long> refusing() {
        return new FileBodySubscriber(null, 0, null);
    }

    /** A subscriber that takes no body because its declared length is over the limit. */
    static HttpResponse.BodySubscriber<Long> refusingTooLarge() {
        return new FileBodySubscriber(null, 0, new TooLarge());
    }

    private final Path target;
    private final long maxBytes;
    private final IOException refusal;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private FileChannel channel;
    private Flow.Subscription subscription;
    private long written;

    FileBodySubscriber(Path target, long maxBytes) {
        this(target, maxBytes, null);
    }

    private FileBodySubscriber(Path target, long maxBytes, IOException refusal) {
        this.target = target;
        this.maxBytes = maxBytes;
        this.refusal = refusal;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (target == null) {
            s.cancel();
            if (refusal != null) {
                result.completeExceptionally(refusal);
            } else {
                result.complete(-1L);
            }
            return;
        }
        try {
            channel = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            fail(e);
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        try {
            for (ByteBuffer buffer : buffers) {
                written += buffer.remaining();
                if (written > maxBytes) {
                    fail(new TooLarge());
                    return;
                }
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        } catch (IOException e) {
            fail(e);
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        closeChannel();
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        closeChannel();
        result.complete(written);
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    private void fail(IOException error) {
        subscription.cancel();
        closeChannel();
        result.completeExceptionally(error);
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The result already reports the outcome; the caller deletes the file.
            }
        }
    }
}
