package dev.vedit.server.media;

import dev.vedit.server.outbound.OutboundClient;
import dev.vedit.server.outbound.OutboundResponse;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Brings a task's media input onto local disk. Accepts this server's own download URLs (resolved from the
 * database, no network round trip), {@code data:} URIs (Base64) and public http(s) URLs.
 *
 * <p>Failures are {@link VeditException}s; those worth retrying later are {@link TransientFetchException}s.
 */
public final class MediaFetcher {
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final MediaService media;
    /** The public base URL's host: a {@code /media/...} path under it, by any scheme or port, is this server's own. */
    private final String ownHost;
    private final OutboundClient client;
    private final Duration timeout;

    /**
     * @param media     resolves this server's own download URLs (those under its public base URL's host)
     * @param client    the outbound client (it enforces the address policy on every hop)
     * @param timeout   the longest one fetch may take, redirects and body included (e.g. 120 s)
     */
    public MediaFetcher(MediaService media, OutboundClient client, Duration timeout) {
        this.media = media;
        String host = URI.create(media.publicBaseUrl()).getHost();
        this.ownHost = host == null ? null : host.toLowerCase(Locale.ROOT);
        this.client = client;
        this.timeout = timeout;
    }

    /**
     * Fetches {@code url} into {@code targetDir} and sniffs its content.
     *
     * @throws VeditException {@link ErrorCode#INVALID_URL} (bad, refused, unknown or expired URL, HTTP 4xx),
     *                        {@link ErrorCode#FILE_TOO_LARGE} (over {@code maxBytes}), {@link ErrorCode#MEDIA_INVALID}
     *                        (empty or no known format), {@link TransientFetchException} (worth a retry)
     * @throws IOException    when the local disk fails
     */
    public FetchedMedia fetch(String url, long maxBytes, Path targetDir) throws IOException {
        if (url == null || url.isBlank()) {
            throw invalidUrl("the URL is empty", "链接为空");
        }
        Files.createDirectories(targetDir);
        if (DataUri.is(url)) {
            return fetchDataUri(DataUri.parse(url), maxBytes, targetDir);
        }
        URI uri = parseHttpUri(url);
        Optional<String> ownToken = ownToken(url, uri);
        if (ownToken.isPresent()) {
            return fetchOwn(ownToken.get(), maxBytes, targetDir);
        }
        return fetchHttp(uri, maxBytes, targetDir);
    }

    /** Whether a URL is one of this server's own download links (read locally, without a network round trip). */
    public boolean isOwnUrl(String url) {
        if (!url.regionMatches(true, 0, "http", 0, 4)) {
            return false;
        }
        try {
            URI uri = URI.create(url);
            return uri.getHost() != null && ownToken(url, uri).isPresent();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * This server's own download URL resolved to its stored object without reading it, or empty for any other
     * URL; an expired or unknown link of ours is refused as {@link #fetch} refuses it.
     */
    Optional<OwnMedia> resolveOwn(String url) {
        if (!isOwnUrl(url)) {
            return Optional.empty();
        }
        String token = ownToken(url, URI.create(url)).orElseThrow();
        MediaStore store = media.store();
        return Optional.of(media.findOwnMedia(token).filter(o -> existsQuietly(store, o.mediaKey()))
                .orElseThrow(() -> invalidUrl(
                        "this download URL has expired or does not exist; upload the file again for a new URL",
                        "该下载链接已过期或不存在，请重新上传文件以获取新链接")));
    }

    private Optional<String> ownToken(String url, URI uri) {
        String base = media.publicBaseUrl() + "/media/";
        String rest;
        if (url.startsWith(base)) {
            rest = url.substring(base.length());
        } else if (uri.getHost().toLowerCase(Locale.ROOT).equals(ownHost) && uri.getRawPath() != null
                && uri.getRawPath().startsWith("/media/")) {
            rest = uri.getRawPath().substring("/media/".length());
        } else {
            return Optional.empty();
        }
        int slash = rest.indexOf('/');
        String token = slash < 0 ? rest : rest.substring(0, slash);
        return Optional.of(token);
    }

    private FetchedMedia fetchOwn(String token, long maxBytes, Path targetDir) throws IOException {
        MediaStore store = media.store();
        LinkTarget link = media.findLiveLink(token).filter(l -> existsQuietly(store, l.mediaKey()))
                .orElseThrow(() -> invalidUrl(
                        "this download URL has expired or does not exist; upload the file again for a new URL",
                        "该下载链接已过期或不存在，请重新上传文件以获取新链接"));
        long size = store.size(link.mediaKey());
        if (size > maxBytes) {
            throw HashingCopy.tooLarge(maxBytes);
        }
        Path part = targetDir.resolve(UUID.randomUUID() + ".part");
        Optional<Path> local = store.localPath(link.mediaKey());
        try {
            if (local.isPresent()) {
                linkOrCopy(local.get(), part);
            } else {
                try (InputStream in = store.open(link.mediaKey(), 0, -1)) {
                    Files.copy(in, part);
                }
            }
            return sniffed(part, "the linked file", "该链接文件");
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** A hard link costs nothing and leaves the store's file alone when the caller deletes its copy. */
    private static void linkOrCopy(Path source, Path target) throws IOException {
        try {
            Files.createLink(target, source);
        } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private FetchedMedia fetchDataUri(DataUri uri, long maxBytes, Path targetDir) throws IOException {
        if (uri.maxDecodedBytes() - 2 > maxBytes) {
            throw HashingCopy.tooLarge(maxBytes);
        }
        Path part = targetDir.resolve(UUID.randomUUID() + ".part");
        try {
            try (InputStream in = uri.open()) {
                HashingCopy.copy(in, part, maxBytes);
            } catch (DataUri.BadPayload e) {
                throw invalidUrl("the data: URI is not valid Base64 (" + e.getMessage() + ")",
                        "data: URI 不是有效的 Base64 编码（" + e.getMessage() + "）");
            }
            return sniffed(part, "the data: URI", "data: URI");
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private FetchedMedia fetchHttp(URI start, long maxBytes, Path targetDir) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        URI current = start;
        Path part = targetDir.resolve(UUID.randomUUID() + ".part");
        try {
            for (int redirects = 0; ; redirects++) {
                try (OutboundResponse response = send(current, deadline)) {
                    int status = response.status();
                    if (REDIRECTS.contains(status)) {
                        if (redirects >= MAX_REDIRECTS) {
                            throw invalidUrl("more than " + MAX_REDIRECTS + " redirects from " + shown(start)
                                            + "; use the file's final URL",
                                    "来自 " + shown(start) + " 的重定向超过 " + MAX_REDIRECTS + " 次，请使用文件的最终链接");
                        }
                        // The next hop goes through the outbound client again: its address is checked anew.
                        current = redirectTarget(current, response.header("Location"));
                        continue;
                    }
                    if (status / 100 != 2) {
                        throw statusFailure(current, status);
                    }
                    if (response.contentLength().orElse(-1) > maxBytes) {
                        throw HashingCopy.tooLarge(maxBytes);
                    }
                    try {
                        HashingCopy.copy(response.body(), part, maxBytes);
                    } catch (FileSystemException local) {
                        throw local;
                    } catch (IOException e) {
                        throw readFailure(current, e);
                    }
                    return sniffed(part, shown(start), shown(start));
                }
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private OutboundResponse send(URI uri, long deadline) throws IOException {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            throw timedOut(uri, null);
        }
        try {
            return client.send("GET", uri, Map.of(), null, null, Duration.ofNanos(remaining));
        } catch (UnknownHostException e) {
            throw invalidUrl("the host " + uri.getHost() + " does not exist; check the URL", "主机 " + uri.getHost() + " 不存在，请检查链接");
        } catch (InterruptedIOException e) {
            Thread.currentThread().interrupt();
            throw new TransientFetchException("fetching " + shown(uri) + " was interrupted; retry",
                    "下载 " + shown(uri) + " 被中断，请重试", e);
        } catch (IOException e) {
            throw readFailure(uri, e);
        }
    }

    private TransientFetchException readFailure(URI uri, IOException e) {
        if (OutboundClient.isTimeout(e)) {
            return timedOut(uri, e);
        }
        return new TransientFetchException(
                "could not download " + shown(uri) + " (" + e + "); check that the URL is reachable or retry",
                "无法下载 " + shown(uri) + "（" + e + "），请确认链接可访问或重试", e);
    }

    private URI redirectTarget(URI from, String location) {
        if (location == null || location.isBlank()) {
            throw invalidUrl(shown(from) + " answered a redirect without a Location", shown(from) + " 返回了缺少 Location 的重定向");
        }
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw invalidUrl(shown(from) + " redirects to an invalid URL", shown(from) + " 重定向到无效链接");
        }
        checkHttpScheme(next);
        return next;
    }

    private FetchedMedia sniffed(Path part, String source, String sourceZh) throws IOException {
        long size = Files.size(part);
        if (size == 0) {
            throw VeditException.of(ErrorCode.MEDIA_INVALID, source + " is empty", source + " 为空");
        }
        MediaFormat format = MediaSniffer.sniff(part).orElseThrow(() -> VeditException.of(ErrorCode.MEDIA_INVALID,
                "the content of " + source + " is no known media format; send an image, video or audio file",
                sourceZh + " 的内容不是可识别的媒体格式，请提供图片、视频或音频文件"));
        Path file = part.resolveSibling(UUID.randomUUID() + "." + format.extension());
        Files.move(part, file);
        return new FetchedMedia(file, size, format);
    }

    private static URI parseHttpUri(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (java.net.URISyntaxException e) {
            throw invalidUrl("the URL is malformed (" + e.getReason() + ")", "链接格式错误（" + e.getReason() + "）");
        }
        checkHttpScheme(uri);
        return uri;
    }

    private static void checkHttpScheme(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw invalidUrl("only http, https and data: URLs are accepted, not " + shown(uri),
                    "仅支持 http、https 和 data: 链接，不支持 " + shown(uri));
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw invalidUrl("the URL " + shown(uri) + " has no host", "链接 " + shown(uri) + " 缺少主机名");
        }
    }

    private static VeditException statusFailure(URI uri, int status) {
        String english = shown(uri) + " answered HTTP " + status;
        String chinese = shown(uri) + " 返回 HTTP " + status;
        if (status == 408 || status == 429 || status >= 500) {
            return new TransientFetchException(english + "; retry later", chinese + "，请稍后重试", null);
        }
        return invalidUrl(english + "; check that the URL points to a downloadable file",
                chinese + "，请确认链接指向可下载的文件");
    }

    private TransientFetchException timedOut(URI uri, Throwable cause) {
        return new TransientFetchException(
                "downloading " + shown(uri) + " took longer than " + timeout.toSeconds() + " s; use a faster host or retry",
                "下载 " + shown(uri) + " 超过 " + timeout.toSeconds() + " 秒，请使用更快的地址或重试", cause);
    }

    private static VeditException invalidUrl(String english, String chinese) {
        return VeditException.of(ErrorCode.INVALID_URL, english, chinese);
    }

    /** The URL without its query (which may hold credentials), shortened for messages. */
    private static String shown(URI uri) {
        String text = uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            text = uri.getScheme() + "://" + uri.getHost() + (uri.getRawPath() == null ? "" : uri.getRawPath());
        }
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static boolean existsQuietly(MediaStore store, String key) {
        try {
            return store.exists(key);
        } catch (IOException e) {
            return false;
        }
    }
}
