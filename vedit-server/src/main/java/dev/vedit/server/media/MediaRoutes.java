package dev.vedit.server.media;

import dev.vedit.server.http.Sendfile;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * Serves media links: {@code GET} and {@code HEAD} {@value #PATH}, with single byte ranges. The token is the
 * capability, so no API key is needed. Register it for both methods:
 * {@code config.routes.get(MediaRoutes.PATH, routes); config.routes.head(MediaRoutes.PATH, routes);}
 */
public final class MediaRoutes implements Handler {
    public static final String PATH = "/media/{token}/{name}";

    private static final String NOT_FOUND_BODY = "{\"code\":404,\"message\":\""
            + "Media not found or its link has expired; upload the file again or query the task for a fresh URL"
            + " | 媒体不存在或链接已过期，请重新上传文件或重新查询任务以获取新链接\"}";
    private static final int BUFFER = 64 * 1024;
    /**
     * How much of a local file is mapped at a time on the zero-copy path: large enough that the per-write cost
     * vanishes, small enough that a slow client pins little address space (mappings are released by the GC).
     */
    static final long MAPPED_CHUNK = 16L * 1024 * 1024;

    private final MediaService media;
    /** Responses sent on the zero-copy path; a test reads it to know which path served its bytes. */
    private final LongAdder mappedResponses = new LongAdder();

    public MediaRoutes(MediaService media) {
        this.media = media;
    }

    @Override
    public void handle(Context ctx) throws Exception {
        Optional<LinkTarget> link = media.findLiveLink(ctx.pathParam("token"));
        MediaStore store = media.store();
        if (link.isEmpty() || !store.exists(link.get().mediaKey())) {
            ctx.status(404).contentType("application/json; charset=utf-8")
                    .result(NOT_FOUND_BODY.getBytes(StandardCharsets.UTF_8));
            return;
        }
        String key = link.get().mediaKey();
        long size = store.size(key);
        // Written on the servlet response directly: bytes go out unbuffered and uncompressed.
        HttpServletResponse res = ctx.res();
        res.setHeader("Accept-Ranges", "bytes");
        res.setHeader("Cache-Control", "private, max-age=3600");
        ByteRange.Request request = ByteRange.parse(ctx.header("Range"), size);
        if (request instanceof ByteRange.Unsatisfiable) {
            res.setStatus(416);
            res.setHeader("Content-Range", "bytes */" + size);
            res.setContentLengthLong(0);
            return;
        }
        long offset = 0;
        long length = size;
        if (request instanceof ByteRange.Part(ByteRange range)) {
            offset = range.first();
            length = range.length();
            res.setStatus(206);
            res.setHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        } else {
            res.setStatus(200);
        }
        res.setContentType(link.get().contentType());
        res.setContentLengthLong(length);
        if (ctx.method() == HandlerType.HEAD) {
            return;
        }
        Optional<Path> local = store.localPath(key);
        try (OutputStream out = res.getOutputStream()) {
            if (local.isPresent() && out instanceof HttpOutput jetty) {
                mappedResponses.increment();
                sendMapped(local.get(), offset, length, jetty);
            } else {
                copy(store, key, offset, length, out);
            }
        }
    }

    long mappedResponses() {
        return mappedResponses.sum();
    }

    /**
     * The zero-copy path for a file on this machine (the disk store): the file's pages are mapped and handed to
     * Jetty as they are, each mapping lent to {@link Sendfile} for its write, so that the connection sends it with
     * {@code sendfile} (the page cache goes to the socket, no copy through user space). A {@code read} into a byte
     * array and a write from it cost two copies and a pass over every byte in Java.
     */
    private static void sendMapped(Path file, long offset, long length, HttpOutput out) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long end = offset + length;
            for (long position = offset; position < end; ) {
                long n = Math.min(MAPPED_CHUNK, end - position);
                MappedByteBuffer chunk = channel.map(FileChannel.MapMode.READ_ONLY, position, n);
                try (Sendfile.Lease lease = Sendfile.lend(chunk, channel, position)) {
                    out.write(chunk);
                }
                position += n;
            }
        }
    }

    /** Any other store (S3): streamed through one buffer. */
    private static void copy(MediaStore store, String key, long offset, long length, OutputStream out) throws IOException {
        try (InputStream in = store.open(key, offset, length)) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        }
    }
}
