package dev.vedit.server.media;

/**
 * One of this server's download links resolved to the stored object it names, without reading the object:
 * what a submit needs to check our own media against a field.
 *
 * @param mediaKey the object's key in the store
 * @param sha256   its content hash (the key of its probe facts)
 * @param size     bytes
 * @param format   as sniffed when it was stored
 */
record OwnMedia(String mediaKey, String sha256, long size, MediaFormat format) {
}
