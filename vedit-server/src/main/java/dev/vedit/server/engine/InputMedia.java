package dev.vedit.server.engine;

import java.nio.file.Path;

/** This server's own media, for an engine that is given URLs but must hand the files themselves to a remote side. */
public interface InputMedia {
    InputMedia NONE = new InputMedia() {
        @Override
        public boolean isOwn(String url) {
            return false;
        }

        @Override
        public Path copy(String url, Path dir) throws EngineFailure {
            throw new IllegalStateException("no media access in this run");
        }
    };

    /** Whether {@code url} is one of this server's own links (an upload's download_url, a result), unreachable from outside. */
    boolean isOwn(String url);

    /** Brings the file behind one of this server's own links into {@code dir}; returns its path. */
    Path copy(String url, Path dir) throws EngineFailure;
}
