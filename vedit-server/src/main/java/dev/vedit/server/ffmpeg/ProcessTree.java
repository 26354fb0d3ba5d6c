package dev.vedit.server.ffmpeg;

/** Ends a process and everything it started, at once. */
final class ProcessTree {
    private ProcessTree() {
    }

    /** The CPU time (user and system, all threads) used so far by a process and everything it started. */
    static java.time.Duration cpuTime(Process process) {
        java.time.Duration total = process.info().totalCpuDuration().orElse(java.time.Duration.ZERO);
        for (ProcessHandle child : process.descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(java.time.Duration.ZERO));
        }
        return total;
    }

    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
