package dev.vedit.server.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a body to a file of its own as it arrives and takes its SHA-256 from the same bytes, so that nothing is
 * read back afterwards. The buffers are handed over as they came off the connection (no copy); each is written
 * once and hashed once, then released to its owner.
 *
 * <p>With {@code overlap}, the write and the hash run on a second thread while the receiving thread goes on
 * reading and parsing the next bytes: on a machine with a free core a large upload then costs about the slower
 * of the two passes instead of their sum. Without it (small bodies, where a thread costs more than it saves) both
 * happen on the caller's thread.
 *
 * <p>Not thread-safe: one receiving thread calls {@link #accept}, then {@link #finish} or {@link #close}.
 */
public final class HashingReceiver implements AutoCloseable {
    /**
     * Buffers in flight between the two threads. It bounds what a sender faster than the disk or the hash can
     * pin (at 64 KiB per network buffer, 16 MiB) while leaving enough slack that a short stall of either
     * side does not stop the other.
     */
    private static final int IN_FLIGHT = 256;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private record Piece(ByteBuffer bytes, Runnable release) {
    }

    /** Marks the end of the body in the queue. */
    private static final Piece END = new Piece(ByteBuffer.allocate(0), () -> {
    });

    private final Path file;
    private final FileChannel channel;
    private final MessageDigest digest;
    /** Null when both passes run on the receiving thread. */
    private final BlockingQueue<Piece> queue;
    private final Thread worker;
    private volatile IOException failure;
    private long size;
    private boolean finished;

    private HashingReceiver(Path file, boolean overlap) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.digest = sha256();
        if (overlap) {
            this.queue = new ArrayBlockingQueue<>(IN_FLIGHT);
            // A platform thread: the hash is pure CPU and would hold a virtual thread's carrier for its whole run.
            this.worker = Thread.ofPlatform().daemon(true).name("upload-hash-" + THREADS.incrementAndGet()).start(this::drain);
        } else {
            this.queue = null;
            this.worker = null;
        }
    }

    /**
     * A receiver writing to a new file in {@code dir}.
     *
     * @param overlap write and hash on a second thread (worth it for large bodies, on more than one core)
     */
    public static HashingReceiver create(Path dir, boolean overlap) throws IOException {
        Path file = Files.createTempFile(dir, "upload-", ".part");
        try {
            return new HashingReceiver(file, overlap);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** Bytes accepted so far. */
    public long size() {
        return size;
    }

    /**
     * Takes the next bytes of the body; {@code release} runs once they are written and hashed (or dropped after
     * a failure), on whichever thread did it. The buffer must not change until then.
     *
     * @throws IOException when an earlier write failed (the disk is full, …)
     */
    public void accept(ByteBuffer bytes, Runnable release) throws IOException {
        if (finished) {
            release.run();
            throw new IllegalStateException("the body is already finished");
        }
        IOException failed = failure;
        if (failed != null) {
            release.run();
            throw failed;
        }
        size += bytes.remaining();
        if (queue == null) {
            try {
                consume(List.of(bytes));
            } finally {
                release.run();
            }
            return;
        }
        try {
            queue.put(new Piece(bytes, release));
        } catch (InterruptedException e) {
            release.run();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while receiving the body");
        }
    }

    /**
     * Waits for every accepted byte to be written and hashed and closes the file, which the caller now owns.
     *
     * @throws IOException when a write failed; the file is deleted then
     */
    public ReceivedFile finish() throws IOException {
        try {
            if (worker != null) {
                queue.put(END);
                worker.join();
            }
            if (failure != null) {
                throw failure;
            }
            channel.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterruptedIOException("interrupted while finishing the body");
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        finished = true;
        return new ReceivedFile(file, HexFormat.of().formatHex(digest.digest()), size);
    }

    /** Abandons a body that was not {@link #finish finished}: stops the second thread and deletes the file. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Whatever the worker did not take is still ours to release.
            for (Piece p; (p = queue.poll()) != null; ) {
                p.release().run();
            }
        }
        try {
            channel.close();
        } catch (IOException e) {
            // being abandoned: the delete below is what matters
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the abandoned upload " + file, e);
        }
    }

    /** The second thread: takes what has arrived in one go, writes it in one system call, hashes it, releases it. */
    private void drain() {
        List<Piece> batch = new ArrayList<>(IN_FLIGHT);
        List<ByteBuffer> buffers = new ArrayList<>(IN_FLIGHT);
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch);
                boolean end = false;
                for (Piece p : batch) {
                    if (p == END) {
                        end = true;
                    } else {
                        buffers.add(p.bytes());
                    }
                }
                try {
                    if (failure == null && !buffers.isEmpty()) {
                        consume(buffers);
                    }
                } catch (IOException | RuntimeException e) {
                    // Kept for the receiving thread, which reports it; from here on pieces are only released, so
                    // that the receiving thread never waits on a full queue.
                    failure = e instanceof IOException io ? io : new IOException("writing the upload failed", e);
                } finally {
                    batch.forEach(p -> p.release().run());
                    batch.clear();
                    buffers.clear();
                }
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // abandoned (close): the closing thread releases what is left
            for (Piece p : batch) {
                p.release().run();
            }
        }
    }

    private void consume(List<ByteBuffer> buffers) throws IOException {
        ByteBuffer[] toWrite = new ByteBuffer[buffers.size()];
        for (int i = 0; i < toWrite.length; i++) {
            // The write moves the buffer's position; the hash reads the same bytes through its own view.
            toWrite[i] = buffers.get(i).duplicate();
        }
        long left = 0;
        for (ByteBuffer b : toWrite) {
            left += b.remaining();
        }
        while (left > 0) {
            left -= channel.write(toWrite);
        }
        for (ByteBuffer b : buffers) {
            digest.update(b);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
