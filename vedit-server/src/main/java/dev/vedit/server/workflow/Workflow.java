package dev.vedit.server.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A registered workflow.
 *
 * @param id        the workflowId (and webappId) clients send
 * @param graph     the API-format workflow
 * @param app       the AI-app description, when the operator gave one
 * @param privateTo the accounts that may run it; empty: every account
 * @param createdAt epoch millis
 * @param updatedAt epoch millis of the last {@code add} (a re-add replaces it)
 */
public record Workflow(String id, ObjectNode graph, Optional<AppDescription> app, List<Long> privateTo, long createdAt, long updatedAt) {
    public Workflow {
        privateTo = List.copyOf(privateTo);
    }

    /** Names this version of the graph for the engine's periodic checks: a re-added workflow is checked afresh. */
    public String checkKey() {
        return id + "@" + updatedAt;
    }

    public boolean visibleTo(long accountId) {
        return privateTo.isEmpty() || privateTo.contains(accountId);
    }
}
