package dev.vedit.server.http;

import dev.vedit.server.files.HashingReceiver;
import dev.vedit.server.files.ReceivedFile;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Receives the multipart upload body: the part named {@value #FIELD} is written to a file of its own and hashed
 * while it arrives ({@link HashingReceiver}), straight from the connection's buffers. Jetty's servlet multipart
 * support spooled the part to a file, and the store then read every byte back to hash it; here each byte is parsed
 * once, written once and hashed once, and the hash can run on a second core while the next bytes are received.
 *
 * <p>The body is read from Jetty's core request (the servlet layer's own multipart support reads it the same way),
 * chunk by chunk, and parsed by Jetty's {@link MultiPart.Parser}. Every refusal leaves nothing behind: the file of
 * a refused or broken upload is deleted before the error is thrown.
 */
final class MultipartUpload {
    static final String FIELD = "file";
    /** Room for the multipart boundaries and part headers around the file itself. */
    static final long OVERHEAD = 1024 * 1024;
    /** The longest file name an upload may carry (most file systems' limit); only its extension is ever used. */
    static final int MAX_FILE_NAME = 255;
    /**
     * The longest headers of one part: a file name of {@value #MAX_FILE_NAME} characters, percent-encoded or in
     * UTF-8, and its usual companions fit easily; a longer header is a malformed or hostile request.
     */
    private static final int MAX_PART_HEADERS = 8 * 1024;
    /** A form carries the file and perhaps a few fields; hundreds of parts are no upload of ours. */
    private static final int MAX_PARTS = 64;
    /**
     * From this declared size on, the file is written and hashed on two threads of their own: below it, starting
     * them costs more than overlapping the passes saves.
     */
    private static final long OVERLAP_FROM = 1024 * 1024;

    /** An upload received in full: the file (owned by the caller now) and the name the client gave it. */
    record Received(ReceivedFile file, String fileName) {
    }

    private final Path dir;
    private final long maxFileBytes;
    private final Supplier<VeditException> tooLarge;

    /**
     * @param dir          where the file is written while it arrives (next to the media store, so that storing it is
     *                     a rename)
     * @param maxFileBytes the largest file accepted
     * @param tooLarge     the error for a file over the limit
     */
    MultipartUpload(Path dir, long maxFileBytes, Supplier<VeditException> tooLarge) {
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
        this.tooLarge = tooLarge;
    }

    /**
     * Reads the whole body of {@code request} (a {@code multipart/form-data} request) and returns its file.
     *
     * @throws VeditException {@link ErrorCode#FILE_TOO_LARGE} as soon as the file (or the body) passes the limit,
     *                        {@link ErrorCode#INVALID_PARAMETERS} for a body that is no well-formed multipart form, a
     *                        missing {@value #FIELD} field, or a file name or part header that is too long
     */
    Received receive(HttpServletRequest request) throws IOException {
        return receive(request.getContentType(), request.getContentLengthLong(), ServletContextRequest.getServletContextRequest(request));
    }

    /** {@link #receive(HttpServletRequest)} of a body with this content type, declared length (-1: unknown) and content. */
    Received receive(String contentType, long declared, Content.Source body) throws IOException {
        String boundary = contentType == null ? null : MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "the multipart/form-data content type has no boundary parameter;"
                    + " send it as the HTTP client builds it (e.g. curl -F file=@clip.mp4)", "multipart/form-data 请求缺少 boundary 参数");
        }
        boolean overlap = (declared < 0 || declared >= OVERLAP_FROM) && Runtime.getRuntime().availableProcessors() > 1;
        Parts parts = new Parts(overlap);
        MultiPart.Parser parser = new MultiPart.Parser(boundary, parts);
        parser.setPartHeadersMaxLength(MAX_PART_HEADERS);
        parser.setMaxParts(MAX_PARTS);
        long bodyLimit = maxFileBytes + OVERHEAD;
        long read = 0;
        try {
            while (true) {
                Content.Chunk chunk = next(body);
                if (Content.Chunk.isFailure(chunk)) {
                    throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "the upload body could not be received to its end ("
                            + chunk.getFailure() + ")", "上传请求体未能完整接收");
                }
                boolean last = chunk.isLast();
                try {
                    read += chunk.remaining();
                    if (read > bodyLimit) {
                        throw tooLarge.get();
                    }
                    // The parser lends the part's bytes to the listener as slices of this chunk.
                    parser.parse(chunk);
                } finally {
                    chunk.release();
                }
                if (parts.failure != null) {
                    throw parts.failure;
                }
                if (last) {
                    break;
                }
            }
            if (!parts.complete) {
                throw badMultipart("it ended before its closing boundary");
            }
            if (parts.file == null) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "the multipart field \"" + FIELD + "\" is missing",
                        "缺少 multipart 字段 \"" + FIELD + "\"");
            }
            ReceivedFile file;
            try {
                file = parts.file.finish();
            } catch (IOException e) {
                throw storageFailure(e); // finish() deleted the file
            } finally {
                parts.file = null;
            }
            return new Received(file, parts.fileName);
        } finally {
            if (parts.file != null) {
                parts.file.close();
            }
        }
    }

    /** The next chunk of the body, waiting for it (uploads run on virtual threads, so the wait is cheap). */
    private static Content.Chunk next(Content.Source body) throws IOException {
        while (true) {
            Content.Chunk chunk = body.read();
            if (chunk != null) {
                return chunk;
            }
            CompletableFuture<Void> ready = new CompletableFuture<>();
            body.demand(() -> ready.complete(null));
            try {
                ready.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while receiving the upload");
            } catch (ExecutionException e) {
                throw new IOException(e.getCause());
            }
        }
    }

    private static VeditException badMultipart(String why) {
        return VeditException.of(ErrorCode.INVALID_PARAMETERS, "the multipart body could not be read (" + why
                + "); send the file as multipart/form-data in a field named \"" + FIELD + "\"", "无法读取 multipart 请求体");
    }

    /**
     * The parser's listener: the first {@value #FIELD} part goes to a {@link HashingReceiver}, other parts are
     * dropped as they arrive. The parser swallows what a listener throws, so a failure is kept here and checked by
     * the receiving loop after each chunk; once there is one, later content is ignored.
     */
    private final class Parts extends MultiPart.AbstractPartsListener {
        private final boolean overlap;
        HashingReceiver file;
        String fileName;
        /** True while the current part is the file being received. */
        boolean inFile;
        boolean complete;
        RuntimeException failure;

        Parts(boolean overlap) {
            this.overlap = overlap;
        }

        @Override
        public void onPartHeaders() {
            if (failure != null || file != null || !FIELD.equals(getName())) {
                return;
            }
            String name = getFileName();
            if (name != null && name.length() > MAX_FILE_NAME) {
                failure = VeditException.of(ErrorCode.INVALID_PARAMETERS, "the file name is longer than " + MAX_FILE_NAME
                        + " characters (got " + name.length() + "); rename the file", "文件名超过 " + MAX_FILE_NAME
                        + " 个字符（当前 " + name.length() + "），请重命名文件");
                return;
            }
            try {
                file = HashingReceiver.create(dir, overlap);
                fileName = name;
                inFile = true;
            } catch (IOException e) {
                failure = storageFailure(e);
            }
        }

        /**
         * The chunk is lent for the call (a slice of the chunk being parsed, sharing its reference count): kept past
         * it, it is retained first, and released once written and hashed.
         */
        @Override
        public void onPartContent(Content.Chunk chunk) {
            if (failure != null || !inFile || !chunk.hasRemaining()) {
                return;
            }
            if (file.size() + chunk.remaining() > maxFileBytes) {
                failure = tooLarge.get();
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            Runnable release;
            if (chunk.canRetain()) {
                chunk.retain();
                release = chunk::release;
            } else {
                // The parser's own bytes (a boundary prefix that turned out to be content): its buffer is not ours
                // to keep, and the write may happen after this call.
                bytes = ByteBuffer.allocate(bytes.remaining()).put(bytes.duplicate()).flip();
                release = () -> {
                };
            }
            try {
                file.accept(bytes, release);
            } catch (IOException e) {
                failure = storageFailure(e);
            }
        }

        @Override
        public void onPartEnd() {
            super.onPartEnd();
            inFile = false;
        }

        @Override
        public void onPart(String name, String fileName, HttpFields headers) {
            // parts are handled as they stream (onPartHeaders, onPartContent)
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        @Override
        public void onFailure(Throwable cause) {
            if (failure != null) {
                return;
            }
            // Jetty says "headers max length exceeded" for a part header past MAX_PART_HEADERS.
            failure = String.valueOf(cause.getMessage()).contains("max length")
                    ? VeditException.of(ErrorCode.INVALID_PARAMETERS, "a part header of the multipart body is too long (the file name"
                            + " may be at most " + MAX_FILE_NAME + " characters)",
                    "multipart 请求体的分段头过长（文件名最多 " + MAX_FILE_NAME + " 个字符）")
                    : badMultipart(String.valueOf(cause.getMessage()));
        }
    }

    private static VeditException storageFailure(IOException e) {
        return VeditException.of(ErrorCode.SERVICE_UNAVAILABLE, "the upload could not be written to storage (" + e
                + "); the disk may be full or read-only, retry later", "上传文件无法写入存储（磁盘可能已满或只读），请稍后重试");
    }
}
