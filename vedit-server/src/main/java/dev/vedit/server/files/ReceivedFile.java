package dev.vedit.server.files;

import java.nio.file.Path;

/**
 * A body received in full into a file of its own, with the SHA-256 and size taken of the bytes as they arrived
 * ({@link HashingReceiver}), handed from the HTTP layer to the media store: the store moves the file into place and
 * takes the hash as it is, so no byte is read back or written a second time. Whoever receives one owns the file.
 *
 * @param file   the body's bytes
 * @param sha256 lower-case hex SHA-256 of the file's content
 * @param size   the file's size in bytes
 */
public record ReceivedFile(Path file, String sha256, long size) {
}
