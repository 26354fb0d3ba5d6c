package dev.vedit.server;

import static dev.vedit.server.task.QueueSettingsBuilder.fastQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vedit.server.task.QueueSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one configuration: built from the defaults, changed through its builder, its cross-field checks in one place. */
class ServerConfigTest {
    private final ServerConfig defaults = ServerConfig.defaults(Path.of("data"));

    @Test
    void theDefaultsPassTheirOwnChecks() {
        defaults.validate();
        assertThat(defaults.port()).isEqualTo(8080);
        assertThat(defaults.keyQueueLimit()).isEqualTo(1000);
        assertThat(defaults.resultTtl()).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aCopierChangesOnlyItsSetting() {
        ServerConfig changed = defaults.withPort(0).withApiKeys(List.of("k1")).withLimits(4, 50);
        assertThat(changed.toBuilder().port(8080).apiKeys(List.of()).keyConcurrency(defaults.keyConcurrency()).keyQueueLimit(1000).build())
                .isEqualTo(defaults);
        assertThat(defaults.toBuilder().build()).isEqualTo(defaults);
    }

    @Test
    void aStaleAfterShorterThanThreeHeartbeatsIsRefused() {
        QueueSettings hasty = fastQueue().build();
        QueueSettings tooShort = new QueueSettings(hasty.workers(), hasty.maxAttempts(), hasty.retryBase(), hasty.retryMax(),
                hasty.pollInterval(), Duration.ofSeconds(3), Duration.ofSeconds(8), hasty.taskTimeout());
        assertThatThrownBy(() -> defaults.withQueue(tooShort).validate()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--stale-after must be at least 3 heartbeats (9s)").hasMessageContaining(" | ");
    }

    @Test
    void rolesNeedASharedDatabaseAndBucketAndAWorkerNeedsWorkers() {
        Deployment shared = new Deployment(Deployment.Role.WORKER, "s3://bucket", null, null, false);
        assertThatThrownBy(() -> defaults.withDeployment(shared).validate())
                .hasMessageContaining("--role worker needs a database shared by all nodes");
        ServerConfig onPostgres = defaults.withDatabase("jdbc:postgresql://db/vedit", "u", "p");
        assertThatThrownBy(() -> onPostgres.withDeployment(Deployment.single().withRole(Deployment.Role.API)).validate())
                .hasMessageContaining("--role api needs media shared by all nodes");
        assertThatThrownBy(() -> onPostgres.withDeployment(shared).withQueue(fastQueue().workers(0).build()).validate())
                .hasMessageContaining("--role worker with --workers 0 would run nothing");
        onPostgres.withDeployment(shared).validate();
    }

    @Test
    void aRelayWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> defaults.withEngines(EngineSettings.localOnly().withRelay("https://www.runninghub.cn", " ")).validate())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VEDIT_RELAY_KEY");
        defaults.withEngines(EngineSettings.localOnly().withRelay("https://www.runninghub.cn", "k")).validate();
    }
}
