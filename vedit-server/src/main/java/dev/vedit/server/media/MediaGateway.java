package dev.vedit.server.media;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.auth.Account;
import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.server.facts.MediaInfo;
import dev.vedit.server.files.DirectoryTree;
import dev.vedit.server.files.ReceivedFile;
import dev.vedit.server.http.MediaEndpoints;
import dev.vedit.server.task.SubmitMedia;
import dev.vedit.server.task.TaskMedia;
import dev.vedit.server.task.TaskOutput;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.FieldSpec;
import dev.vedit.wire.FieldType;
import dev.vedit.wire.UploadReply;
import dev.vedit.wire.ValidatedRequest;
import dev.vedit.wire.VeditException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media layer as the task system and the HTTP API use it: uploads, {@code data:} URIs stored at
 * submit, inputs fetched and checked against their field, outputs kept behind expiring links.
 */
public final class MediaGateway implements TaskMedia, SubmitMedia, MediaEndpoints {
    private static final Logger log = LoggerFactory.getLogger(MediaGateway.class);

    private final MediaService media;
    private final MediaFetcher fetcher;
    private final MediaRoutes routes;
    private final MediaChecks checks;
    private final Duration resultTtl;
    private final long maxFetchBytes;
    private final Path scratch;

    /**
     * @param maxFetchBytes the largest input fetched for a field without a size limit of its own
     * @param scratch       where submit-time checks place short-lived copies
     */
    public MediaGateway(MediaService media, MediaFetcher fetcher, MediaChecks checks, Duration resultTtl, long maxFetchBytes, Path scratch) {
        this.media = media;
        this.fetcher = fetcher;
        this.routes = new MediaRoutes(media);
        this.checks = checks;
        this.resultTtl = resultTtl;
        this.maxFetchBytes = maxFetchBytes;
        this.scratch = scratch;
    }

    // ---- HTTP ----

    @Override
    public UploadReply.Uploaded upload(ReceivedFile body, String fileName, long accountId) {
        try {
            return media.upload(body, fileName, accountId);
        } catch (IOException e) {
            // The body is already spooled to local disk: failing here means our storage, not the client.
            throw VeditException.of(ErrorCode.SERVICE_UNAVAILABLE, "the upload could not be written to storage (" + e
                    + "); the disk may be full or read-only, retry later", "上传文件无法写入存储（磁盘可能已满或只读），请稍后重试");
        }
    }

    @Override
    public void download(Context ctx) {
        try {
            routes.handle(ctx);
        } catch (EofException e) {
            // The client closed the connection mid-download (a cancelled download, a player seeking elsewhere): our side
            // did nothing wrong and there is nobody left to answer, so it is not logged as a failure.
            log.debug("a download's client went away: {}", e.toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- at submit ----

    /**
     * Stores {@code data:} URIs (the task then holds a link, not the base64) and checks media that is
     * already on this server (uploads, and those data URIs) against the field, so a wrong format, size or
     * duration is refused at once. Remote URLs are fetched and checked by the worker.
     */
    @Override
    public ValidatedRequest prepare(Account account, ValidatedRequest request) {
        ObjectNode params = request.params().deepCopy();
        for (FieldSpec field : request.model().fields()) {
            if (!field.type().isMedia() || !params.hasNonNull(field.name())) {
                continue;
            }
            if (field.list()) {
                ArrayNode urls = JsonNodeFactory.instance.arrayNode();
                int i = 0;
                for (var n : params.get(field.name())) {
                    urls.add(prepareOne(account, request, field, n.asText(), i++));
                }
                params.set(field.name(), urls);
            } else {
                params.put(field.name(), prepareOne(account, request, field, params.get(field.name()).asText(), 0));
            }
        }
        return new ValidatedRequest(request.model(), params, request.webhookUrl());
    }

    private String prepareOne(Account account, ValidatedRequest request, FieldSpec field, String url, int index) {
        String where = field.list() ? field.name() + "[" + index + "]" : field.name();
        String checkedUrl = DataUri.is(url) ? storeDataUri(account, url, where) : url;
        try {
            Optional<OwnMedia> own = fetcher.resolveOwn(checkedUrl);
            if (own.isEmpty()) {
                return url; // a public URL: the worker fetches and checks it
            }
            acceptable(own.get().format(), own.get().size(), field, where);
            // Our own media is checked from its probe facts, kept by content hash: no copy and no ffprobe here
            // after the first submit that names the same content (issue 15).
            MediaInfo info = facts(own.get(), field, index);
            if (field.type() == FieldType.VIDEO) {
                checks.checkVideo(info, field, request.model());
            } else {
                checks.checkImage(info, field, index);
            }
            return checkedUrl;
        } catch (VeditException e) {
            throw new VeditException(e.code(), prefixed(where, e.getMessage()));
        } catch (EngineFailure f) {
            throw new VeditException(f.code(), f.getMessage());
        }
    }

    /** The facts stored for this content, or a probe of the stored file (in place when the store is a local disk) recorded for next time. */
    private MediaInfo facts(OwnMedia own, FieldSpec field, int index) throws EngineFailure {
        Optional<MediaInfo> known = media.findFacts(own.sha256());
        if (known.isPresent()) {
            return known.get();
        }
        String what = field.type() == FieldType.VIDEO ? field.name() : MediaChecks.imageName(field, index);
        Optional<Path> local = media.store().localPath(own.mediaKey());
        MediaInfo info;
        if (local.isPresent()) {
            info = checks.probe(local.get(), what);
        } else {
            // An object store: ffprobe needs a file, so this first probe of the content copies it once.
            Path dir = scratch.resolve("submit-" + java.util.UUID.randomUUID());
            try (InputStream in = media.store().open(own.mediaKey(), 0, -1)) {
                Files.createDirectories(dir);
                Path file = dir.resolve("probe." + own.format().extension());
                Files.copy(in, file);
                info = checks.probe(file, what);
            } catch (IOException e) {
                throw VeditException.of(ErrorCode.SERVICE_UNAVAILABLE, what + " could not be read from storage (" + e
                        + "); retry later", what + " 无法从存储读取，请稍后重试");
            } finally {
                deleteTree(dir);
            }
        }
        media.saveFacts(own.sha256(), info);
        return info;
    }

    private String storeDataUri(Account account, String url, String where) {
        DataUri uri;
        try {
            uri = DataUri.parse(url);
        } catch (VeditException e) {
            throw new VeditException(e.code(), prefixed(where, e.getMessage()));
        }
        try (InputStream in = uri.open()) {
            return media.upload(in, where, account.id()).downloadUrl();
        } catch (DataUri.BadPayload e) {
            throw VeditException.of(ErrorCode.INVALID_URL, where + " is a data: URI whose payload is not valid base64",
                    where + " 是 data: URI，但其内容不是有效的 base64");
        } catch (IOException e) {
            throw VeditException.of(ErrorCode.SERVICE_UNAVAILABLE, where + " could not be written to storage (" + e
                    + "); the disk may be full or read-only, retry later", where + " 无法写入存储（磁盘可能已满或只读），请稍后重试");
        }
    }

    // ---- in the worker ----

    @Override
    public Path fetch(String url, FieldSpec field, Path dir) throws EngineFailure {
        return fetchChecked(url, field, field.name(), dir);
    }

    private Path fetchChecked(String url, FieldSpec field, String where, Path dir) throws EngineFailure {
        long limit = field.maxBytes() > 0 ? field.maxBytes() : maxFetchBytes;
        FetchedMedia fetched;
        try {
            fetched = fetcher.fetch(url, limit, dir);
        } catch (TransientFetchException e) {
            throw new EngineFailure(e.code(), prefixed(where, e.getMessage()), true, "fetch", e);
        } catch (VeditException e) {
            throw new EngineFailure(e.code(), prefixed(where, e.getMessage()), false, "fetch", e);
        } catch (IOException e) {
            throw new EngineFailure(ErrorCode.FILE_PROCESSING_FAILED, ErrorCode.FILE_PROCESSING_FAILED.message(
                    where + " could not be stored locally (" + e.getMessage() + ")", where + " 无法保存到本地"), true, "fetch", e);
        }
        try {
            acceptable(fetched.format(), fetched.size(), field, where);
        } catch (VeditException e) {
            throw new EngineFailure(e.code(), e.getMessage(), false, "fetch", null);
        }
        return fetched.path();
    }

    /** Whether media of this format and size may go into the field (its kind, its formats, its size limit). */
    private void acceptable(MediaFormat format, long size, FieldSpec field, String where) {
        long limit = field.maxBytes() > 0 ? field.maxBytes() : maxFetchBytes;
        if (size > limit) {
            VeditException tooLarge = HashingCopy.tooLarge(limit);
            throw new VeditException(tooLarge.code(), prefixed(where, tooLarge.getMessage()));
        }
        String kind = switch (field.type()) {
            case VIDEO -> "video";
            case AUDIO -> "audio";
            default -> "image";
        };
        if (!format.mediaType().equals(kind) || !field.acceptsFormat(format.extension())) {
            throw new VeditException(ErrorCode.MEDIA_INVALID, ErrorCode.MEDIA_INVALID.message(
                    where + " is " + article(format.extension()) + " " + format.extension().toUpperCase(Locale.ROOT)
                            + " " + format.mediaType() + "; this field accepts " + String.join(", ", field.formats()),
                    where + " 是 " + format.extension().toUpperCase(Locale.ROOT) + " 格式的" + format.mediaType()
                            + "，该字段只接受 " + String.join("、", field.formats())));
        }
    }

    @Override
    public TaskOutput keep(long accountId, int index, EngineOutput output) throws EngineFailure {
        try {
            StoredMedia stored = media.storeFile(output.file());
            String fileName = stored.key().substring(stored.key().lastIndexOf('/') + 1);
            MediaLink link = media.createLink(stored.key(), accountId, fileName, resultTtl);
            return new TaskOutput(index, stored.key(), output.outputType(), output.nodeId(), link.token());
        } catch (IOException e) {
            // Transient: the operator may free space or fix permissions before the next attempt.
            throw new EngineFailure(ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE.message(
                    "the result could not be written to storage (" + e + "); the disk may be full or read-only",
                    "结果无法写入存储（磁盘可能已满或只读）"), true, "storage", e);
        }
    }

    @Override
    public boolean isOwnUrl(String url) {
        return fetcher.isOwnUrl(url);
    }

    @Override
    public String url(TaskOutput output) {
        return media.linkUrl(output.linkToken(), output.mediaKey().substring(output.mediaKey().lastIndexOf('/') + 1));
    }

    private static String prefixed(String where, String message) {
        return message.contains(where) ? message : where + ": " + message;
    }

    private static String article(String word) {
        return "aeiou".indexOf(Character.toLowerCase(word.charAt(0))) >= 0 ? "an" : "a";
    }

    private static void deleteTree(Path dir) {
        try {
            DirectoryTree.delete(dir);
        } catch (IOException ignored) {
            // a leftover scratch dir is removed with the next start's clean-up
        }
    }

    /** Runs {@link MediaService#cleanup()}; for a periodic task. */
    public void cleanup() {
        media.cleanup();
    }
}
