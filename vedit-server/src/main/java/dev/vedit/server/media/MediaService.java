package dev.vedit.server.media;

import dev.vedit.server.db.Sql;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.files.ReceivedFile;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.UploadReply;
import dev.vedit.wire.VeditException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores media (client uploads and engine results) and hands out unguessable, expiring download links.
 * Objects are content addressed ({@code <prefix>/<sha256>.<ext>}), so identical files are stored once.
 */
public final class MediaService {
    private static final String OWNED_UPLOAD_COUNT = Sql.load(MediaService.class, "owned-upload-count");

    /** Key prefix of client uploads, as in the contract's {@code fileName}. */
    public static final String UPLOAD_PREFIX = "openapi";
    /** Key prefix of files stored with {@link #storeFile}. */
    public static final String OUTPUT_PREFIX = "outputs";

    private static final Logger LOG = LoggerFactory.getLogger(MediaService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MediaRepository repository;
    private final MediaStore store;
    private final Path tempDir;
    private final String publicBaseUrl;
    private final long maxUploadBytes;
    private final Duration linkTtl;
    private final Duration orphanGrace;
    private final Clock clock;

    /**
     * @param jdbi           the database with the {@code media_objects} and {@code media_links} tables
     * @param store          where the bytes go
     * @param tempDir        where uploads are spooled while hashed and checked (created when missing)
     * @param publicBaseUrl  how clients reach this server, e.g. {@code https://vedit.example.com}
     * @param maxUploadBytes the largest upload accepted (e.g. 200 MiB)
     * @param linkTtl        how long an upload's download URL stays valid (e.g. 24 h)
     * @param orphanGrace    how long {@link #cleanup()} keeps an unreferenced object after it was stored, so a
     *                       task can still attach its output (e.g. 1 h)
     * @param clock          the time source for expiry
     */
    public MediaService(Jdbi jdbi, MediaStore store, Path tempDir, String publicBaseUrl, long maxUploadBytes,
                        Duration linkTtl, Duration orphanGrace, Clock clock) throws IOException {
        this.repository = new MediaRepository(jdbi);
        this.store = store;
        this.tempDir = Files.createDirectories(tempDir);
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
        this.maxUploadBytes = maxUploadBytes;
        this.linkTtl = linkTtl;
        this.orphanGrace = orphanGrace;
        this.clock = clock;
    }

    /**
     * Stores an upload and links it for {@link #linkTtl}. The body is streamed to disk while hashed, never
     * held in memory.
     *
     * @throws VeditException {@link ErrorCode#FILE_TOO_LARGE} over the limit, {@link ErrorCode#MEDIA_INVALID}
     *                        when the content is not an accepted format
     */
    public UploadReply.Uploaded upload(InputStream body, String originalFileName, long accountId) throws IOException {
        Path temp = Files.createTempFile(tempDir, "upload-", ".part");
        try {
            return stored(temp, HashingCopy.copy(body, temp, maxUploadBytes), originalFileName, accountId);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Stores an upload the HTTP layer has already received to a file of its own, hashed as it arrived: the file is
     * moved into the store, not copied, and its hash taken as it is (reading every byte back to hash it was the
     * largest cost of a large upload after receiving it). The file is this call's: moved or deleted.
     *
     * @throws VeditException as {@link #upload(InputStream, String, long)}
     */
    public UploadReply.Uploaded upload(ReceivedFile body, String originalFileName, long accountId) throws IOException {
        try {
            if (body.size() > maxUploadBytes) {
                throw HashingCopy.tooLarge(maxUploadBytes);
            }
            return stored(body.file(), new HashingCopy.Result(body.sha256(), body.size()), originalFileName, accountId);
        } finally {
            Files.deleteIfExists(body.file());
        }
    }

    private UploadReply.Uploaded stored(Path temp, HashingCopy.Result content, String originalFileName, long accountId) throws IOException {
        MediaFormat format = uploadableFormat(temp, content.size(), originalFileName);
        String name = content.sha256() + "." + format.extension();
        String key = UPLOAD_PREFIX + "/" + name;
        record(key, content, format, temp);
        MediaLink link = createLink(key, accountId, name, linkTtl);
        return new UploadReply.Uploaded(format.mediaType(), link.url(), key, Long.toString(content.size()));
    }

    /**
     * Moves a finished file (an engine's output) into the store and records it.
     *
     * @throws VeditException {@link ErrorCode#MEDIA_INVALID} when its content is no known format
     */
    public StoredMedia storeFile(Path file) throws IOException {
        HashingCopy.Result hashed = HashingCopy.hash(file);
        // Text has no magic bytes: a workflow's text output comes as a .txt file the engine wrote itself.
        MediaFormat format = MediaSniffer.sniff(file).or(() -> file.getFileName().toString().endsWith(".txt")
                ? Optional.of(MediaFormat.TXT) : Optional.empty()).orElseThrow(() -> VeditException.of(ErrorCode.MEDIA_INVALID,
                "the result file " + file.getFileName() + " is no known media format",
                "结果文件 " + file.getFileName() + " 不是可识别的媒体格式"));
        String key = OUTPUT_PREFIX + "/" + hashed.sha256() + "." + format.extension();
        record(key, hashed, format, file);
        return new StoredMedia(key, hashed.sha256(), hashed.size(), format);
    }

    /**
     * A fresh download URL for an upload named by its {@code fileName} (the upload reply's {@code openapi/<sha256>.<ext>},
     * which workflow clients send as a media value), if that account uploaded it and it is still stored.
     */
    public Optional<String> linkToUpload(String fileName, long accountId) {
        if (!fileName.matches(UPLOAD_PREFIX + "/[0-9a-f]{64}\\.[a-z0-9]{2,5}")) {
            return Optional.empty();
        }
        int owned = repository.jdbi().withHandle(h -> h.createQuery(OWNED_UPLOAD_COUNT)
                .bind("key", fileName).bind("account", accountId).mapTo(Integer.class).one());
        if (owned == 0) {
            return Optional.empty();
        }
        return Optional.of(createLink(fileName, accountId, fileName.substring(UPLOAD_PREFIX.length() + 1), linkTtl).url());
    }

    /** A new public URL to a stored object, valid for {@code ttl}. */
    public MediaLink createLink(String mediaKey, long accountId, String fileName, Duration ttl) {
        String token = newToken();
        long now = clock.millis();
        long expiresAt = now + ttl.toMillis();
        String contentType = formatOfKey(mediaKey).map(MediaFormat::contentType).orElse("application/octet-stream");
        repository.insertLink(token, mediaKey, accountId, fileName, contentType, expiresAt, now);
        return new MediaLink(token, linkUrl(token, fileName), expiresAt);
    }

    /** The public URL of a link. */
    public String linkUrl(String token, String fileName) {
        return publicBaseUrl + "/media/" + token + "/" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Deletes expired links, then objects that nothing refers to any more (no link, no task output) and that
     * were stored longer ago than the grace period. Safe to call periodically and from several processes.
     */
    public CleanupResult cleanup() {
        long now = clock.millis();
        int links = repository.deleteExpiredLinks(now);
        long storedBefore = now - orphanGrace.toMillis();
        int objects = 0;
        for (String key : repository.orphanCandidates(storedBefore)) {
            // The file goes inside the transaction: a concurrent upload of the same content waits on the row
            // lock and then stores the file afresh instead of linking to a file being deleted.
            boolean deleted = repository.jdbi().inTransaction(h -> {
                if (!MediaRepository.deleteIfOrphan(h, key, storedBefore)) {
                    return false;
                }
                try {
                    store.delete(key);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return true;
            });
            if (deleted) {
                objects++;
            }
        }
        if (links > 0 || objects > 0) {
            LOG.info("Media cleanup: {} expired links, {} unreferenced objects deleted", links, objects);
        }
        return new CleanupResult(links, objects);
    }

    /** What {@link #cleanup()} deleted. */
    public record CleanupResult(int expiredLinks, int objects) {
    }

    Optional<OwnMedia> findOwnMedia(String token) {
        return repository.findOwnMedia(token, clock.millis());
    }

    Optional<MediaInfo> findFacts(String sha256) {
        return repository.findFacts(sha256);
    }

    void saveFacts(String sha256, MediaInfo info) {
        repository.insertFacts(sha256, info, clock.millis());
    }

    Optional<LinkTarget> findLiveLink(String token) {
        return repository.findLiveLink(token, clock.millis());
    }

    MediaStore store() {
        return store;
    }

    String publicBaseUrl() {
        return publicBaseUrl;
    }

    private void record(String key, HashingCopy.Result content, MediaFormat format, Path file) throws IOException {
        // Row first: a cleanup deleting the same key holds the row lock until its file is gone, so the put
        // below then stores the file again.
        repository.upsertObject(key, content.sha256(), content.size(), format, clock.millis());
        store.put(key, file);
    }

    private static MediaFormat uploadableFormat(Path file, long size, String originalFileName) throws IOException {
        String shown = originalFileName == null || originalFileName.isBlank() ? "the file" : originalFileName;
        if (size == 0) {
            throw VeditException.of(ErrorCode.MEDIA_INVALID, shown + " is empty; send the file's content",
                    shown + " 为空文件，请上传文件内容");
        }
        Optional<MediaFormat> format = MediaSniffer.sniff(file);
        if (format.isPresent() && format.get().uploadable()) {
            return format.get();
        }
        String detected = format.map(f -> "its content is " + f.name()).orElse("its content is no known media format");
        String detectedZh = format.map(f -> "其内容为 " + f.name()).orElse("其内容不是可识别的媒体格式");
        String accepted = Arrays.stream(MediaFormat.values()).filter(MediaFormat::uploadable)
                .map(MediaFormat::name).collect(Collectors.joining(", "));
        throw VeditException.of(ErrorCode.MEDIA_INVALID,
                shown + " cannot be uploaded: " + detected + "; accepted formats are " + accepted,
                shown + " 无法上传：" + detectedZh + "；支持的格式为 " + accepted);
    }

    private static Optional<MediaFormat> formatOfKey(String key) {
        String extension = key.substring(key.lastIndexOf('.') + 1);
        return Arrays.stream(MediaFormat.values()).filter(f -> f.extension().equals(extension)).findFirst();
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
