package dev.vedit.server.task;

import dev.vedit.server.engine.EngineFailure;
import dev.vedit.server.engine.EngineOutput;
import dev.vedit.wire.FieldSpec;
import java.nio.file.Path;

/** What the queue needs from the media layer: inputs brought to local disk and checked, outputs kept and linked. */
public interface TaskMedia {

    /**
     * Brings the media at {@code url} (http(s), {@code data:} or one of our links) into {@code dir}, checked
     * against the field's formats and size.
     *
     * @throws EngineFailure with a code, and {@code transientFailure} when trying again may help
     */
    Path fetch(String url, FieldSpec field, Path dir) throws EngineFailure;

    /**
     * Moves an engine output into the media store and gives it an expiring, unguessable link.
     *
     * @throws EngineFailure (transient) when the store cannot take it: full, read-only or gone
     */
    TaskOutput keep(long accountId, int index, EngineOutput output) throws EngineFailure;

    /** Whether a URL is one of this server's own links (uploads, results), read locally rather than over the network. */
    boolean isOwnUrl(String url);

    /** The public URL of a kept output. */
    String url(TaskOutput output);
}
