package dev.vedit.server.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * An engine that runs whole ComfyUI workflows (RunningHub's workflow and AI-app API) rather than one model endpoint's
 * template. The task system knows this interface only, not the ComfyUI engine behind it.
 */
public interface WorkflowEngine {

    /** What a loader input takes. */
    enum MediaKind {
        IMAGE, VIDEO, AUDIO
    }

    /** A loader's file input. */
    record LoaderInput(String input, MediaKind kind) {
    }

    /**
     * Loader inputs that take a file uploaded to ComfyUI's input folder, by node class: ComfyUI's core loaders and the
     * common Video Helper Suite ones. A value given for one of these is fetched (same outbound rules as model inputs) and
     * uploaded, never set as text.
     */
    Map<String, LoaderInput> MEDIA_INPUTS = Map.of(
            "LoadImage", new LoaderInput("image", MediaKind.IMAGE),
            "LoadImageMask", new LoaderInput("image", MediaKind.IMAGE),
            "LoadVideo", new LoaderInput("file", MediaKind.VIDEO),
            "VHS_LoadVideo", new LoaderInput("video", MediaKind.VIDEO),
            "LoadAudio", new LoaderInput("audio", MediaKind.AUDIO),
            "VHS_LoadAudioUpload", new LoaderInput("audio", MediaKind.AUDIO));

    /** The engine's name, as in {@link Engine#name()}. */
    String name();

    /** The configured pools of servers: the values {@code instanceType} may take. */
    Set<String> pools();

    /**
     * Checks a graph against the servers of its pool ({@code /object_info}: node classes, fixed choices), using the
     * result of the periodic check when there is one for {@code graph.key()}, else asking the servers now.
     */
    Check check(Graph graph);

    /** The registered workflows, checked with the engine's own periodic check from now on. */
    void checkPeriodically(Supplier<Collection<Graph>> registered);

    /**
     * Runs a graph whose literal values are final, except the media inputs, which get the files given: they are uploaded
     * to the server first. Every output node's files come back in node order, as ComfyUI saved them (not re-encoded),
     * each with its extension as {@code outputType} and its node as {@code nodeId}; text outputs as {@code .txt} files.
     */
    List<EngineOutput> runWorkflow(Graph graph, List<Media> media, RunContext context) throws EngineFailure;

    /**
     * A graph to run.
     *
     * @param key   names it for the periodic checks: the same key means the same graph
     * @param graph API-format workflow: node id → {class_type, inputs}
     * @param pool  the pool of servers it runs on
     */
    record Graph(String key, ObjectNode graph, String pool) {
    }

    /** A media file for one node input (a loader's image, video or audio). */
    record Media(String nodeId, String input, Path file) {
    }

    /** Whether a graph can run in its pool. */
    enum Verdict {
        /** Some reachable server can run it. */
        RUNNABLE,
        /** Every reachable server lacks a node class or a fixed choice: {@link Check#nodeErrors()} says which. */
        NOT_RUNNABLE,
        /** No server of the pool answers; it may come back. */
        UNREACHABLE
    }

    /**
     * @param verdict    what the check found
     * @param nodeErrors ComfyUI-shaped {@code node_errors} (empty when runnable)
     * @param problem    one line saying why not, empty when runnable
     */
    record Check(Verdict verdict, ObjectNode nodeErrors, String problem) {
    }
}
