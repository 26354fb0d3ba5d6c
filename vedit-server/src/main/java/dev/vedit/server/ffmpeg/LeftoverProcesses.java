package dev.vedit.server.ffmpeg;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FFmpeg processes that an earlier run of this node left behind. A {@code kill -9} of the service gives its
 * children no signal: they are re-parented and go on writing outputs of attempts that the restarted service
 * runs again, and burn CPU no limit watches any more (the CPU budget and time limit live in the dead JVM).
 *
 * <p>They are found by what they work on rather than by a record of process ids: every ffmpeg and ffprobe vedit
 * starts names its files by absolute path inside the data directory, and a data directory belongs to one process
 * at a time (the embedded database locks it; several processes must never share one). So, at start-up, before
 * anything is started, a process that is not this JVM's descendant and names a path inside the data directory on
 * its command line is a leftover.
 */
public final class LeftoverProcesses {
    private static final Logger log = LoggerFactory.getLogger(LeftoverProcesses.class);

    private LeftoverProcesses() {
    }

    /**
     * Kills (SIGKILL) every leftover process of {@code dataDir} with its own children, and waits for them to end.
     *
     * @return the process ids killed
     */
    public static List<Long> kill(Path dataDir) {
        String inside = dataDir.toAbsolutePath().normalize() + "/";
        ProcessHandle self = ProcessHandle.current();
        Set<Long> ours = self.descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        List<ProcessHandle> leftovers = ProcessHandle.allProcesses()
                .filter(p -> p.pid() != self.pid() && !ours.contains(p.pid()))
                .filter(p -> isTool(p) && namesPathInside(p, inside))
                .toList();
        for (ProcessHandle p : leftovers) {
            log.warn("killing {} (pid {}), left running by an earlier run of this node", p.info().command().orElse("a process"), p.pid());
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (ProcessHandle p : leftovers) {
            p.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        return leftovers.stream().map(ProcessHandle::pid).toList();
    }

    /** Only the tools vedit starts: nothing else on the machine is ever touched, whatever its arguments say. */
    private static boolean isTool(ProcessHandle p) {
        String command = p.info().command().orElse("");
        String name = command.substring(command.lastIndexOf('/') + 1);
        return name.equals("ffmpeg") || name.equals("ffprobe");
    }

    private static boolean namesPathInside(ProcessHandle p, String inside) {
        String[] args = p.info().arguments().orElse(new String[0]);
        for (String arg : args) {
            if (arg.startsWith(inside) || arg.startsWith("file:" + inside) || arg.contains("=" + inside)) {
                return true;
            }
        }
        return false;
    }
}
