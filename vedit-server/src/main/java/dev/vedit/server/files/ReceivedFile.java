package dev.vedit.server.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A body that has already been received in full into a file of its own (Jetty spools a multipart part so),
 * handed from the HTTP layer to the media store so that it can be moved into place instead of copied again.
 */
@FunctionalInterface
public interface ReceivedFile {
    /** Moves the body to {@code target}, replacing it (a body small enough to have stayed in memory is written). */
    void moveTo(Path target) throws IOException;
}
