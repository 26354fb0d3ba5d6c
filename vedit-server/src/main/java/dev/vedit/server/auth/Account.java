package dev.vedit.server.auth;

/**
 * A tenant: the owner of API keys, tasks, media and webhooks.
 *
 * @param id          its id
 * @param name        a label for operators
 * @param concurrency the most of its tasks that may run at once
 * @param queueLimit  the most of its tasks that may wait at once
 * @param operator    whether it manages every account and key (the console's operator role)
 */
public record Account(long id, String name, int concurrency, int queueLimit, boolean operator) {
}
