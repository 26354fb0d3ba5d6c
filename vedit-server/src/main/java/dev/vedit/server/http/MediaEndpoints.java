package dev.vedit.server.http;

import dev.vedit.server.files.ReceivedFile;
import dev.vedit.wire.UploadReply;
import io.javalin.http.Context;

/** The media operations the HTTP API exposes. */
public interface MediaEndpoints {

    /**
     * Stores an upload for the account: the body received into a file of its own and hashed on arrival
     * ({@link MultipartUpload}), moved into the store; the file is the callee's from then on.
     *
     * @throws dev.vedit.wire.VeditException when it is too large or not an accepted type
     */
    UploadReply.Uploaded upload(ReceivedFile body, String fileName, long accountId);

    /** Serves {@code GET}/{@code HEAD /media/{token}/{name}}, with Range support. */
    void download(Context ctx);
}
