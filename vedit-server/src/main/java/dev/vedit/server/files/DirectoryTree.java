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
}
