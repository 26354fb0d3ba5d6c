package dev.vedit.server.auth;

import java.util.Locale;

/**
 * Where a key came from, which decides who may revoke it implicitly: the {@code VEDIT_API_KEY} list manages the
 * keys it provisioned (and the one generated at the first start), never keys an operator or an account created on
 * purpose. Otherwise every restart of a node of a deployment that sets {@code VEDIT_API_KEY} would revoke them.
 */
public enum KeyOrigin {
    /** Provisioned from {@code VEDIT_API_KEY}, or generated at the first start. */
    ENV,
    /** Created with {@code vedit keys create|rotate} or from the console. */
    CREATED;

    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static KeyOrigin of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
