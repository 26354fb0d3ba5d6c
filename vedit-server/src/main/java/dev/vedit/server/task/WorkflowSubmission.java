package dev.vedit.server.task;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.WorkflowEngine;
import dev.vedit.wire.EditPlan;
import java.util.List;

/**
 * A workflow run as the task system queues it: the final graph (overrides applied, seeds chosen) and the media still to
 * fetch. Stored whole in the task, so a workflow removed or replaced later does not change a queued task.
 *
 * @param endpoint   the task's endpoint value, {@value #ENDPOINT_PREFIX}ID
 * @param graph      the graph to run and its pool
 * @param media      the loader inputs to fill with fetched files
 * @param plan       what the query reply shows as the plan
 * @param promptTips the create reply's validation result (ComfyUI's shape)
 * @param webhookUrl where the TASK_END event goes, or {@code null}
 */
public record WorkflowSubmission(String endpoint, WorkflowEngine.Graph graph, List<MediaValue> media, EditPlan plan, String promptTips,
                                 String webhookUrl) {
    /** Endpoint values of workflow tasks start with this; the rest is the workflow id. */
    public static final String ENDPOINT_PREFIX = "workflow/";

    public WorkflowSubmission {
        media = List.copyOf(media);
    }

    /** A media value for a loader input: a URL (ours, public, or a data: URI stored at submit). */
    public record MediaValue(String nodeId, String input, WorkflowEngine.MediaKind kind, String url) {
    }

    /** The task's stored request. */
    ObjectNode requestJson() {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("workflowKey", graph.key());
        request.put("instanceType", graph.pool());
        request.set("graph", graph.graph());
        ArrayNode list = request.putArray("media");
        for (MediaValue m : media) {
            list.addObject().put("nodeId", m.nodeId()).put("fieldName", m.input()).put("kind", m.kind().name()).put("url", m.url());
        }
        return request;
    }
}
