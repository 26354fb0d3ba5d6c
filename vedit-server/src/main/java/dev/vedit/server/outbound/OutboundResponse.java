package dev.vedit.server.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.util.OptionalLong;
import org.eclipse.jetty.http.HttpFields;

/**
 * A response whose headers arrived; the body streams from {@link #body()}. Closing it before the body ends
 * aborts the exchange, which is how callers enforce size limits.
 */
public record OutboundResponse(int status, HttpFields headers, InputStream body) implements AutoCloseable {

    /** A header value, or {@code null}. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The declared {@code Content-Length}, if any. */
    public OptionalLong contentLength() {
        long length = headers.getLongField("Content-Length");
        return length < 0 ? OptionalLong.empty() : OptionalLong.of(length);
    }

    @Override
    public void close() throws IOException {
        body.close();
    }
}
