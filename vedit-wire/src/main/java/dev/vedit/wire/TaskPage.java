package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code data} of the vedit extension {@code GET /openapi/v2/tasks?page=P&pageSize=N}: the calling key's
 * tasks, newest first.
 *
 * @param page     the page number, from 1
 * @param pageSize the most tasks on one page
 * @param hasMore  whether a further (older) page has tasks
 * @param tasks    the tasks of this page, newest first
 */
@JsonPropertyOrder({"page", "pageSize", "hasMore", "tasks"})
public record TaskPage(int page, int pageSize, boolean hasMore, List<TaskSummary> tasks) {
    /** Largest page the server answers; a larger {@code pageSize} is refused with 1007. */
    public static final int MAX_PAGE_SIZE = 100;

    public TaskPage {
        tasks = List.copyOf(tasks);
    }
}
