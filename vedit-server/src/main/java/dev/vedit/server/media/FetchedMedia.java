package dev.vedit.server.media;

import java.nio.file.Path;

/**
 * A media input on local disk, ready for an engine.
 *
 * @param path   the file, named {@code <random>.<ext>} inside the caller's target directory
 * @param size   bytes
 * @param format what its content is (sniffed, never taken from the URL or headers); the caller decides
 *               whether the field accepts it
 */
public record FetchedMedia(Path path, long size, MediaFormat format) {

    /** {@code video}, {@code image}, {@code audio} or {@code zip}. */
    public String mediaType() {
        return format.mediaType();
    }
}
