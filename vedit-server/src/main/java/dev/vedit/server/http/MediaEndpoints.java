package dev.vedit.server.http;

import dev.vedit.wire.UploadReply;
import io.javalin.http.Context;
import java.io.InputStream;

/** The media operations the HTTP API exposes. */
public interface MediaEndpoints {

    /**
     * Stores an upload for the account.
     *
     * @throws dev.vedit.wire.VeditException when it is too large or not an accepted type
     */
    UploadReply.Uploaded upload(InputStream body, String fileName, long accountId);

    /** Serves {@code GET}/{@code HEAD /media/{token}/{name}}, with Range support. */
    void download(Context ctx);
}
