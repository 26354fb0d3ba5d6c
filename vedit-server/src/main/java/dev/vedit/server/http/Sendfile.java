package dev.vedit.server.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Zero-copy file responses (the kernel's {@code sendfile}, as nginx serves static files) under Jetty, which has no
 * such path of its own: a handler writes a memory mapping of the file to the response as usual, {@linkplain #lend
 * lending} it here for the write, and when that very buffer reaches the socket this connector's end point moves its
 * bytes with {@link FileChannel#transferTo} instead of copying them out of the mapping.
 *
 * <p>Jetty's HTTP state stays right because Jetty wrote the buffer as far as it can tell: it counts its bytes against
 * the content length, and the end point advances the buffer's position by what {@code sendfile} sent, as a write
 * would. Whatever does read the buffer (TLS, HTTP/2 framing, a copy by some layer) reads the file's real bytes from
 * the mapping, so a buffer that never reaches this end point as itself is merely sent the ordinary way.
 */
public final class Sendfile {
    /** Mapped buffers lent for a write, by identity (a buffer's own hash code reads all its bytes). */
    private static final Map<Key, Region> LENT = new ConcurrentHashMap<>();
    private static final LongAdder SENT = new LongAdder();

    private Sendfile() {
    }

    /** Where a lent mapping's bytes lie: its first byte is {@code position} in {@code file}. */
    private record Region(FileChannel file, long position) {
    }

    private record Key(ByteBuffer buffer) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.buffer == buffer;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(buffer);
        }
    }

    /**
     * Lends {@code mapping} (of {@code file} from {@code position}) for one write: until the returned handle is
     * closed, a write of this buffer by this connector goes out by {@code sendfile}. {@code file} must stay open
     * until then.
     */
    public static Lease lend(MappedByteBuffer mapping, FileChannel file, long position) {
        Key key = new Key(mapping);
        LENT.put(key, new Region(file, position));
        return () -> LENT.remove(key);
    }

    /** A lent mapping, returned on close. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** Bytes sent by {@code sendfile} since the JVM started (tests read it to know which path served them). */
    public static long bytesSent() {
        return SENT.sum();
    }

    /**
     * Gives the server an HTTP/1.1 connector whose connections send lent mappings by {@code sendfile}: Jetty's own
     * otherwise. It replaces the one Javalin would add, on the host and port Javalin is started with.
     */
    public static void install(JavalinConfig config) {
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = connector(server, new HttpConnectionFactory(http));
            connector.setHost(config.jetty.host);
            connector.setPort(config.jetty.port);
            return connector;
        });
    }

    private static ServerConnector connector(Server server, ConnectionFactory factory) {
        return new ServerConnector(server, factory) {
            @Override
            protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
                SocketChannelEndPoint endPoint = new EndPoint(channel, selector, key, this);
                endPoint.setIdleTimeout(getIdleTimeout());
                return endPoint;
            }
        };
    }

    private static final class EndPoint extends SocketChannelEndPoint {
        EndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key, ServerConnector connector) {
            super(channel, selector, key, connector.getScheduler());
        }

        @Override
        public boolean flush(ByteBuffer... buffers) throws IOException {
            if (LENT.isEmpty() || !anyLent(buffers)) {
                return super.flush(buffers);
            }
            // In order, as one gathering write would: the response's headers, then the mapping, and so on; the first
            // buffer the socket does not take whole ends this flush, and Jetty calls again once the socket is writable.
            long flushed = 0;
            try {
                for (ByteBuffer buffer : buffers) {
                    if (!buffer.hasRemaining()) {
                        continue;
                    }
                    Region region = buffer instanceof MappedByteBuffer ? LENT.get(new Key(buffer)) : null;
                    if (region == null) {
                        flushed += getChannel().write(buffer);
                    } else {
                        long from = region.position() + buffer.position();
                        long n = region.file().transferTo(from, buffer.remaining(), getChannel());
                        if (n == 0 && from >= region.file().size()) {
                            // The file shrank under the response: sending nothing forever would spin, not fail.
                            throw new IOException("the file ended at " + region.file().size() + " bytes, before the response did");
                        }
                        buffer.position(buffer.position() + (int) n);
                        SENT.add(n);
                        flushed += n;
                    }
                    if (buffer.hasRemaining()) {
                        break;
                    }
                }
            } catch (IOException e) {
                throw new EofException(e);
            }
            if (flushed > 0) {
                notIdle();
            }
            for (ByteBuffer buffer : buffers) {
                if (buffer.hasRemaining()) {
                    return false;
                }
            }
            return true;
        }

        private static boolean anyLent(ByteBuffer[] buffers) {
            for (ByteBuffer buffer : buffers) {
                if (buffer instanceof MappedByteBuffer && LENT.containsKey(new Key(buffer))) {
                    return true;
                }
            }
            return false;
        }
    }
}
