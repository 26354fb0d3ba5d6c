package dev.vedit.server.ffmpeg;

/** Ends a process and everything it started, at once. */
final class ProcessTree {
    private ProcessTree() {
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
