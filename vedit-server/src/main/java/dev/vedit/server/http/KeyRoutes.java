package dev.vedit.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vedit.server.auth.KeyAdmin.Scope;
import dev.vedit.server.auth.Account;
import dev.vedit.server.auth.KeyAdmin;
import io.javalin.config.JavalinConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The account and its keys over HTTP (what the console's account page uses): every account manages its own keys;
 * an operator account manages every account, its limits and keys. Replies use the v1 envelope.
 */
public final class KeyRoutes {
    private final KeyAdmin admin;
    private final V1Routes v1;
    private final ToIntFunction<Account> running;
    private final ToIntFunction<Account> queued;

    /**
     * @param running how many tasks of an account run now
     * @param queued  how many wait
     */
    public KeyRoutes(KeyAdmin admin, V1Routes v1, ToIntFunction<Account> running, ToIntFunction<Account> queued) {
        this.admin = admin;
        this.v1 = v1;
        this.running = running;
        this.queued = queued;
    }

    public void install(JavalinConfig config) {
        var r = config.routes;
        r.get("/vedit/v1/account", ctx -> v1.handle(ctx, account -> {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("accountId", account.id());
            data.put("name", account.name());
            data.put("operator", account.operator());
            data.put("concurrency", account.concurrency());
            data.put("queueLimit", account.queueLimit());
            data.put("running", running.applyAsInt(account));
            data.put("queued", queued.applyAsInt(account));
            return data;
        }));
        r.get("/vedit/v1/keys", ctx -> v1.handle(ctx, account -> admin.list(Scope.of(account))));
        r.post("/vedit/v1/keys", ctx -> v1.handle(ctx, account -> {
            JsonNode body = v1.body(ctx);
            Integer target = V1Routes.intField(body, "accountId");
            return admin.addKey(Scope.of(account), target == null ? account.id() : target, V1Routes.textField(body, "label"));
        }));
        r.post("/vedit/v1/keys/{keyId}/revoke", ctx -> v1.handle(ctx, account -> admin.revoke(Scope.of(account), V1Routes.longParam(ctx, "keyId"))));
        r.post("/vedit/v1/keys/{keyId}/rotate", ctx -> v1.handle(ctx, account -> admin.rotate(Scope.of(account), V1Routes.longParam(ctx, "keyId"))));
        r.get("/vedit/v1/accounts", ctx -> v1.handle(ctx, account -> admin.accounts(Scope.of(account))));
        r.post("/vedit/v1/accounts", ctx -> v1.handle(ctx, account -> {
            JsonNode body = v1.body(ctx);
            return admin.createAccount(Scope.of(account), V1Routes.textField(body, "name"), V1Routes.textField(body, "label"),
                    V1Routes.intField(body, "concurrency"), V1Routes.intField(body, "queue"), body.path("operator").asBoolean(false));
        }));
        r.post("/vedit/v1/accounts/{accountId}/limits", ctx -> v1.handle(ctx, account -> {
            JsonNode body = v1.body(ctx);
            long id = V1Routes.longParam(ctx, "accountId");
            admin.setLimits(Scope.of(account), id, V1Routes.intField(body, "concurrency"), V1Routes.intField(body, "queue"));
            return admin.accounts(Scope.of(account)).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
        }));
    }
}
