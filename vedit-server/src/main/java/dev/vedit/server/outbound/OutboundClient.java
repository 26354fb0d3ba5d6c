package dev.vedit.server.outbound;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;

/**
 * The one HTTP client for requests this server makes on a user's behalf (media fetches, webhooks). It only
 * speaks http and https; it resolves each host once, checks every address against the {@link AddressPolicy}
 * and connects to exactly those addresses, so DNS rebinding cannot slip a private address in between the
 * check and the connection. TLS still verifies the certificate against the URL's host name. Redirects are
 * never followed here: a caller that wants them follows them itself, sending each hop through this client.
 */
public final class OutboundClient implements AutoCloseable {
    private final HttpClient client;
    /** Set by {@link #close}: a request after it must not start the client again (it would never be stopped). */
    private boolean closed;

    /**
     * @param policy         which addresses may be reached
     * @param connectTimeout how long opening one connection may take
     * @param userAgent      the {@code User-Agent} header sent
     */
    public OutboundClient(AddressPolicy policy, Duration connectTimeout, String userAgent) {
        // We connect to addresses we resolved ourselves, so TLS must still check the certificate against the URL's
        // host name (Jetty's default too; set here so it cannot silently change).
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setEndpointIdentificationAlgorithm("HTTPS");
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(tls);
        client = new HttpClient(new HttpClientTransportOverHTTP(connector));
        client.setSocketAddressResolver(new CheckingResolver(policy));
        client.setFollowRedirects(false);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, userAgent));
        // Cookies one site sets must never travel to the next request another user's URL triggers.
        client.setHttpCookieStore(new HttpCookieStore.Empty());
    }

    /**
     * The client, started on first use: starting it builds the TLS context (key and trust stores, cipher suites) and its
     * buffer pool, a noticeable part of the service's start-up, for requests that many services never make (no
     * webhook, no media URL to fetch). Once started it stays so until {@link #close}.
     */
    private HttpClient started() throws IOException {
        if (client.isStarted()) {
            return client;
        }
        synchronized (this) {
            if (closed) {
                throw new IOException("the outbound HTTP client is closed (the service is stopping)");
            }
            if (!client.isStarted()) {
                try {
                    client.start();
                } catch (Exception e) {
                    throw new IOException("the outbound HTTP client did not start: " + e, e);
                }
            }
            return client;
        }
    }

    /** Whether the client is started (tests: it starts on the first request). */
    boolean running() {
        return client.isStarted();
    }

    /**
     * Sends one request and returns once the response headers arrived; the caller reads the body from the
     * returned response and must close it. {@code timeout} bounds the whole exchange, body included: a body
     * still streaming when it runs out fails the read.
     *
     * @param body the request body, or {@code null} for none
     * @throws VeditException          {@link ErrorCode#INVALID_URL}: not http(s), no host, or a blocked address
     *                                 ({@link BlockedAddressException})
     * @throws UnknownHostException    the host does not resolve
     * @throws SocketTimeoutException  no response headers within {@code timeout}
     * @throws IOException             the connection failed
     */
    public OutboundResponse send(String method, URI uri, Map<String, String> headers, byte[] body, String contentType, Duration timeout)
            throws IOException {
        checkHttpUri(uri);
        long started = System.nanoTime();
        Request request = started().newRequest(uri)
                .method(HttpMethod.fromString(method))
                .followRedirects(false)
                .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        request.headers(h -> headers.forEach(h::put));
        if (body != null) {
            request.body(new BytesRequestContent(contentType, body));
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            long left = timeout.toNanos() - (System.nanoTime() - started);
            Response response = listener.get(Math.max(1, left), TimeUnit.NANOSECONDS);
            return new OutboundResponse(response.getStatus(), response.getHeaders(), listener.getInputStream());
        } catch (TimeoutException e) {
            request.abort(e);
            throw timeout(uri, timeout, e);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for " + uri.getHost());
        } catch (ExecutionException e) {
            throw unwrap(e.getCause(), uri, timeout);
        }
    }

    /** Whether a failure (of {@link #send} or of reading a body) is a timeout. */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        closed = true;
        try {
            client.stop();
        } catch (Exception e) {
            // Closing at shutdown: nothing left to do about it.
        }
    }

    private static IOException unwrap(Throwable failure, URI uri, Duration timeout) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof VeditException refused) {
                throw refused;
            }
            if (t instanceof UnknownHostException unknown) {
                return unknown;
            }
        }
        if (isTimeout(failure)) {
            return timeout(uri, timeout, failure);
        }
        return failure instanceof IOException io ? io : new IOException(String.valueOf(failure.getMessage()), failure);
    }

    private static SocketTimeoutException timeout(URI uri, Duration timeout, Throwable cause) {
        SocketTimeoutException e = new SocketTimeoutException(uri.getHost() + " did not answer within " + timeout.toMillis() + " ms");
        e.initCause(cause);
        return e;
    }

    /** Refuses anything but an absolute http or https URL with a host. */
    public static void checkHttpUri(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw VeditException.of(ErrorCode.INVALID_URL, "only http and https URLs can be requested, not " + scheme + ":",
                    "仅支持 http 和 https 链接，不支持 " + scheme + ":");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw VeditException.of(ErrorCode.INVALID_URL, "the URL has no host", "链接缺少主机名");
        }
    }

    /**
     * Jetty asks this for the addresses of every new connection: one lookup, every address checked, and
     * only those handed back. The lookup blocks, so it runs on a virtual thread, off Jetty's selector.
     */
    private record CheckingResolver(AddressPolicy policy) implements SocketAddressResolver {
        @Override
        public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
            Thread.ofVirtual().name("vedit-resolve").start(() -> {
                List<InetAddress> addresses;
                try {
                    addresses = policy.resolve(host);
                } catch (UnknownHostException | RuntimeException e) {
                    promise.failed(e);
                    return;
                }
                promise.succeeded(addresses.stream().map(a -> new InetSocketAddress(a, port)).toList());
            });
        }
    }
}
