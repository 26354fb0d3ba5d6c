package dev.vedit.server.media;

/**
 * An object recorded in {@code media_objects}.
 *
 * @param key    the media key, e.g. {@code outputs/<sha256>.mp4}
 * @param format what its content is; {@code format.extension()} is the wire {@code outputType}
 */
public record StoredMedia(String key, String sha256, long size, MediaFormat format) {
}
