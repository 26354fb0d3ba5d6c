package dev.vedit.server.media;

/** What an unexpired media link points to. */
record LinkTarget(String token, String mediaKey, String fileName, String contentType, long expiresAt) {
}
