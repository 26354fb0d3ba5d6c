package dev.vedit.wire;

/** The only statuses a v2 task object ever shows. A cancelled task reads {@code FAILED} with code 2002. */
public enum TaskStatus {
    QUEUED, RUNNING, SUCCESS, FAILED;

    public boolean isTerminal() {
        return this == SUCCESS || this == FAILED;
    }
}
