package dev.vedit.server.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;

/**
 * A {@link MediaStore} on the local file system: key {@code openapi/<sha256>.mp4} is the file
 * {@code root/openapi/<sha256>.mp4}. Files appear atomically (written beside the target, then renamed), so
 * a reader never sees a partial object.
 */
public final class DiskMediaStore implements MediaStore {
    private final Path root;

    /** A store under {@code root} (typically {@code dataDir/media}), created when missing. */
    public DiskMediaStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
    }

    @Override
    public StoredObject put(String key, Path file) throws IOException {
        Path target = fileOf(key);
        if (Files.exists(target)) {
            Files.deleteIfExists(file);
            return new StoredObject(key, Files.size(target));
        }
        Files.createDirectories(target.getParent());
        // Land on the target's file system first (a move across file systems is a copy), then rename.
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.move(file, temp);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return new StoredObject(key, Files.size(target));
    }

    @Override
    public InputStream open(String key, long offset, long length) throws IOException {
        if (offset < 0 || length < -1) {
            throw new IllegalArgumentException("offset " + offset + ", length " + length);
        }
        FileChannel channel = FileChannel.open(fileOf(key), StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        InputStream in = Channels.newInputStream(channel);
        return length == -1 ? in : new BoundedInputStream(in, length);
    }

    @Override
    public long size(String key) throws IOException {
        return Files.size(fileOf(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(fileOf(key));
    }

    @Override
    public Optional<Path> localPath(String key) {
        Path file = fileOf(key);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(fileOf(key));
    }

    private Path fileOf(String key) {
        return root.resolve(MediaKeys.checked(key));
    }
}
