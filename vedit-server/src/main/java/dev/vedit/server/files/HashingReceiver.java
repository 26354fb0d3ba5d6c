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
 * <p>With {@code overlap}, the bytes go through a pipeline while the receiving thread goes on reading and parsing
 * the next ones: a writer thread writes them, then a hashing thread hashes them and releases them. A large upload
 * then costs about the slowest of the three passes (receive and parse, write, hash) instead of their sum; with the
 * write and the hash on one thread, that thread was the bound (it was busy all through a 1 GB upload while the
 * receiving thread waited for room, and half a core stood idle). Without it (small bodies, where threads cost more
 * than they save) both happen on the caller's thread.
 *
 * <p>Not thread-safe: one receiving thread calls {@link #accept}, then {@link #finish} or {@link #close}.
 */
public final class HashingReceiver implements AutoCloseable {
    /**
     * Buffers waiting for each of the two threads. With the writer's batch in hand, it bounds what a sender faster
     * than the disk or the hash can pin (at 64 KiB per network buffer, 24 MiB) while leaving enough slack that a
     * short stall of one stage does not stop the others.
     */
    private static final int IN_FLIGHT = 128;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private record Piece(ByteBuffer bytes, Runnable release) {
    }

    /** Marks the end of the body in the queue. */
    private static final Piece END = new Piece(ByteBuffer.allocate(0), () -> {
    });

    private final Path file;
    private final FileChannel channel;
    private final MessageDigest digest;
    /** To the writer; null when both passes run on the receiving thread. */
    private final BlockingQueue<Piece> toWrite;
    /** From the writer to the hasher, in the order they arrived (the hash needs it). */
    private final BlockingQueue<Piece> toHash;
    private final Thread writer;
    private final Thread hasher;
    private volatile IOException failure;
    private long size;
    private boolean finished;

    private HashingReceiver(Path file, boolean overlap) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.digest = sha256();
        if (overlap) {
            this.toWrite = new ArrayBlockingQueue<>(IN_FLIGHT);
            this.toHash = new ArrayBlockingQueue<>(IN_FLIGHT);
            // Platform threads: the hash is pure CPU, and both would hold a virtual thread's carrier for the whole body.
            int n = THREADS.incrementAndGet();
            this.writer = Thread.ofPlatform().daemon(true).name("upload-write-" + n).start(this::write);
            this.hasher = Thread.ofPlatform().daemon(true).name("upload-hash-" + n).start(this::hash);
        } else {
            this.toWrite = null;
            this.toHash = null;
            this.writer = null;
            this.hasher = null;
        }
    }

    /**
     * A receiver writing to a new file in {@code dir}.
     *
     * @param overlap write and hash on two more threads (worth it for large bodies, on more than one core)
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
        if (toWrite == null) {
            try {
                writeAll(List.of(bytes));
                digest.update(bytes.duplicate());
            } finally {
                release.run();
            }
            return;
        }
        try {
            toWrite.put(new Piece(bytes, release));
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
            if (writer != null) {
                toWrite.put(END);
                writer.join();
                hasher.join();
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

    /** Abandons a body that was not {@link #finish finished}: stops the two threads and deletes the file. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (writer != null) {
            writer.interrupt();
            hasher.interrupt();
            try {
                writer.join();
                hasher.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Whatever the threads did not take is still ours to release.
            for (BlockingQueue<Piece> queue : List.of(toWrite, toHash)) {
                for (Piece p; (p = queue.poll()) != null; ) {
                    p.release().run();
                }
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

    /**
     * The writer: takes what has arrived in one go, writes it in one system call, and hands each piece on to the
     * hasher. After a failed write it only passes the pieces on, so that the receiving thread never waits on a full
     * queue and every piece is still released once.
     */
    private void write() {
        List<Piece> batch = new ArrayList<>(IN_FLIGHT);
        List<ByteBuffer> buffers = new ArrayList<>(IN_FLIGHT);
        int handedOn = 0;
        try {
            while (true) {
                batch.add(toWrite.take());
                toWrite.drainTo(batch);
                for (Piece p : batch) {
                    if (p != END) {
                        buffers.add(p.bytes());
                    }
                }
                try {
                    if (failure == null && !buffers.isEmpty()) {
                        writeAll(buffers);
                    }
                } catch (IOException | RuntimeException e) {
                    // Kept for the receiving thread, which reports it.
                    failure = e instanceof IOException io ? io : new IOException("writing the upload failed", e);
                }
                for (handedOn = 0; handedOn < batch.size(); handedOn++) {
                    toHash.put(batch.get(handedOn));
                }
                if (batch.getLast() == END) {
                    return;
                }
                batch.clear();
                buffers.clear();
                handedOn = 0;
            }
        } catch (InterruptedException e) {
            // abandoned (close): what this thread holds and has not handed on is released here
            for (Piece p : batch.subList(handedOn, batch.size())) {
                p.release().run();
            }
        }
    }

    /** The hasher: hashes the written pieces in their order and releases them. */
    private void hash() {
        try {
            for (Piece p; (p = toHash.take()) != END; ) {
                try {
                    if (failure == null) {
                        // The hash reads the bytes through its own view, leaving the buffer as it was lent.
                        digest.update(p.bytes().duplicate());
                    }
                } finally {
                    p.release().run();
                }
            }
        } catch (InterruptedException e) {
            // abandoned (close): the closing thread releases what is left in the queue
        }
    }

    /** Writes all of {@code buffers} at the file's end, leaving the buffers' positions as they were. */
    private void writeAll(List<ByteBuffer> buffers) throws IOException {
        ByteBuffer[] views = new ByteBuffer[buffers.size()];
        long left = 0;
        for (int i = 0; i < views.length; i++) {
            views[i] = buffers.get(i).duplicate();
            left += views[i].remaining();
        }
        while (left > 0) {
            left -= channel.write(views);
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
