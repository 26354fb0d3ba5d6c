package dev.vedit.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.server.auth.KeyAdmin.Scope;
import dev.vedit.server.db.Database;
import dev.vedit.server.db.TestDatabases;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VEDIT_API_KEY is exact, revocation is final and immediate, and an account sees only its own keys. */
class KeyManagementTest {
    @TempDir
    Path dir;
    Database db;
    ApiKeys keys;
    KeyAdmin admin;

    @BeforeEach
    void open() {
        db = TestDatabases.h2(dir);
        // As a service holds them: remembered, each change told by the database (KeyCacheTest); every rule below holds so.
        keys = ApiKeys.forService(db, Clock.systemUTC(), 2, 10);
        admin = new KeyAdmin(db.jdbi(), keys, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void theKeyListProvisionsExactlyItsKeysAndRevokesTheOnesItNoLongerListsWithoutDeletingThem() {
        String generated = ApiKeys.generate();
        keys.createAccount("first account", generated); // what the first start without VEDIT_API_KEY does
        String made = admin.createAccount(Scope.COMMAND_LINE, null, "ci", null, null, false).key();

        keys.provision(List.of("newkey-1"));
        assertThat(keys.authenticate(generated)).as("the generated key is no longer listed").isEmpty();
        assertThat(keys.authenticate("newkey-1")).isPresent();
        assertThat(keys.authenticate(made)).as("a key created on purpose is not the list's to revoke").isPresent();

        keys.provision(List.of("newkey-2", "newkey-3"));
        assertThat(keys.authenticate("newkey-1")).isEmpty();
        assertThat(keys.authenticate("newkey-2")).isPresent();
        assertThat(keys.authenticate("newkey-3")).isPresent();

        // Revoked, not deleted: the accounts (and so their tasks and media) stay.
        long accounts = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM accounts").mapTo(Long.class).one());
        assertThat(accounts).isEqualTo(5);
        assertThat(admin.list(Scope.COMMAND_LINE)).filteredOn(KeyInfo::revoked).hasSize(2);

        // A listed key once revoked stays revoked: a revocation is final.
        long id3 = admin.list(Scope.COMMAND_LINE).stream().filter(k -> k.prefix().equals("newkey") && !k.revoked())
                .mapToLong(KeyInfo::id).max().orElseThrow();
        admin.revoke(Scope.COMMAND_LINE, id3);
        keys.provision(List.of("newkey-2", "newkey-3"));
        assertThat(keys.authenticate("newkey-3")).isEmpty();
        assertThat(keys.authenticate("newkey-2")).isPresent();
    }

    @Test
    void aRevokedKeyIsRefusedOnTheVeryNextLookupEvenAfterItWasJustUsed() {
        KeyAdmin.NewKey k = admin.createAccount(Scope.COMMAND_LINE, "someone", null, null, null, false);
        assertThat(keys.authenticate(k.key())).isPresent();
        // Another process (another node, `vedit keys revoke`) writes the revocation straight into the database.
        new KeyAdmin(db.jdbi(), new ApiKeys(db.jdbi(), Clock.systemUTC(), 1, 1), Clock.systemUTC()).revoke(Scope.COMMAND_LINE, k.info().id());
        assertThat(keys.authenticate(k.key())).isEmpty();
    }

    @Test
    void rotationGivesTheSameAccountANewKeyWithTheSameLabelAndRevokesTheOld() {
        KeyAdmin.NewKey first = admin.createAccount(Scope.COMMAND_LINE, "team", "deploy", 3, 7, false);
        KeyAdmin.NewKey second = admin.rotate(Scope.COMMAND_LINE, first.info().id());
        assertThat(second.key()).isNotEqualTo(first.key());
        assertThat(second.info().accountId()).isEqualTo(first.info().accountId());
        assertThat(second.info().label()).isEqualTo("deploy");
        assertThat(keys.authenticate(first.key())).isEmpty();
        Account account = keys.authenticate(second.key()).orElseThrow();
        assertThat(account.concurrency()).isEqualTo(3);
        assertThat(account.queueLimit()).isEqualTo(7);
        assertThatThrownBy(() -> admin.rotate(Scope.COMMAND_LINE, first.info().id())).isInstanceOf(VeditException.class)
                .hasMessageContaining("already revoked");
    }

    @Test
    void lastUseIsRecorded() {
        KeyAdmin.NewKey k = admin.createAccount(Scope.COMMAND_LINE, "someone", null, null, null, false);
        assertThat(admin.find(Scope.COMMAND_LINE, k.info().id()).orElseThrow().lastUsedAt()).isNull();
        long before = System.currentTimeMillis();
        keys.authenticate(k.key());
        assertThat(admin.find(Scope.COMMAND_LINE, k.info().id()).orElseThrow().lastUsedAt()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void anAccountManagesOnlyItsOwnKeysAndAnOperatorManagesAll() {
        KeyAdmin.NewKey alice = admin.createAccount(Scope.COMMAND_LINE, "alice", null, null, null, false);
        KeyAdmin.NewKey bob = admin.createAccount(Scope.COMMAND_LINE, "bob", null, null, null, false);
        KeyAdmin.NewKey root = admin.createAccount(Scope.COMMAND_LINE, "ops", null, null, null, true);
        Scope asAlice = Scope.of(keys.authenticate(alice.key()).orElseThrow());
        Scope asRoot = Scope.of(keys.authenticate(root.key()).orElseThrow());

        KeyAdmin.NewKey aliceSecond = admin.addKey(asAlice, alice.info().accountId(), "laptop");
        assertThat(admin.list(asAlice)).extracting(KeyInfo::accountId).containsOnly(alice.info().accountId()).hasSize(2);
        assertThat(admin.find(asAlice, bob.info().id())).isEmpty();
        assertThatThrownBy(() -> admin.revoke(asAlice, bob.info().id())).isInstanceOf(VeditException.class).hasMessageContaining("no key with id");
        assertThatThrownBy(() -> admin.addKey(asAlice, bob.info().accountId(), null)).isInstanceOf(VeditException.class);
        assertThat(keys.authenticate(bob.key())).isPresent();
        assertThatThrownBy(() -> admin.accounts(asAlice)).isInstanceOfSatisfying(VeditException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATOR_REQUIRED));
        assertThatThrownBy(() -> admin.setLimits(asAlice, alice.info().accountId(), 100, null)).isInstanceOfSatisfying(VeditException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATOR_REQUIRED));

        admin.revoke(asAlice, aliceSecond.info().id());
        assertThat(keys.authenticate(aliceSecond.key())).isEmpty();
        assertThat(keys.authenticate(alice.key())).isPresent();

        assertThat(admin.list(asRoot)).hasSize(4);
        assertThat(admin.accounts(asRoot)).extracting(KeyAdmin.AccountInfo::name).contains("alice", "bob", "ops");
        admin.setLimits(asRoot, bob.info().accountId(), 5, 50);
        assertThat(keys.authenticate(bob.key()).orElseThrow()).extracting(Account::concurrency, Account::queueLimit).containsExactly(5, 50);
        admin.revoke(asRoot, bob.info().id());
        assertThat(keys.authenticate(bob.key())).isEmpty();
    }

    @Test
    void badLimitsAndLabelsAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> admin.createAccount(Scope.COMMAND_LINE, null, null, 0, null, false)).isInstanceOfSatisfying(VeditException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETERS)).hasMessageContaining("concurrency must be between 1 and");
        assertThatThrownBy(() -> admin.createAccount(Scope.COMMAND_LINE, null, "x".repeat(201), null, null, false))
                .hasMessageContaining("label must be at most 200 characters");
        assertThatThrownBy(() -> admin.revoke(Scope.COMMAND_LINE, 999)).hasMessageContaining("no key with id 999");
    }
}
