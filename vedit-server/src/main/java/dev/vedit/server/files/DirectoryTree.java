package dev.vedit.server.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a directory with everything below it: scratch dirs of attempts, fetches and extractions. */
public final class DirectoryTree {
    private DirectoryTree() {
    }

    /**
     * Deletes {@code dir} and everything below it, deepest first; nothing to do if it does not exist. Carries on
     * past an entry it cannot delete, so that as little as possible is left behind, then throws the first failure.
     */
    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        IOException failure = null;
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Deletes everything inside {@code dir} but keeps {@code dir} itself (created if missing). Used at start-up on
     * scratch areas whose every entry belonged to work of an earlier process: a submit's probe copy, a spooled
     * upload. Carries on past what it cannot delete and throws the first failure at the end.
     */
    public static void empty(Path dir) throws IOException {
        Files.createDirectories(dir);
        IOException failure = null;
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                try {
                    delete(entry);
                } catch (IOException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
