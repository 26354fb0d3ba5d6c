package dev.vedit.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where media bytes live, addressed by keys such as {@code openapi/<sha256>.mp4}. Keys are content
 * addressed, so an object never changes once stored. Implementations: {@link DiskMediaStore} (one machine, or a
 * shared volume) and {@link S3MediaStore} (an S3-compatible bucket shared by many machines).
 */
public interface MediaStore {

    /**
     * Takes ownership of a finished file and stores it under {@code key}. When the key already exists the
     * call is a no-op (same key, same content) and the file is deleted.
     */
    StoredObject put(String key, Path file) throws IOException;

    /**
     * Opens {@code length} bytes from {@code offset} ({@code length} -1: to the end).
     *
     * @throws java.nio.file.NoSuchFileException when the key does not exist
     */
    InputStream open(String key, long offset, long length) throws IOException;

    /** The size in bytes; {@link java.nio.file.NoSuchFileException} when the key does not exist. */
    long size(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** A local file with the object's bytes that a process such as ffmpeg can read, when the store has one. */
    Optional<Path> localPath(String key);

    /** Removes the object; no error when it does not exist. */
    void delete(String key) throws IOException;
}
