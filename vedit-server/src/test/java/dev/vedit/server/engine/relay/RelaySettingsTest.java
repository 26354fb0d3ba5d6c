package dev.vedit.server.engine.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code --relay-url} and {@code VEDIT_RELAY_KEY} as the operator writes them. */
class RelaySettingsTest {

    @Test
    void theRootAndRunningHubsOpenapiV2BaseMeanTheSameUpstream() {
        assertThat(RelayEngine.upstreamRoot("https://www.runninghub.cn")).hasToString("https://www.runninghub.cn");
        assertThat(RelayEngine.upstreamRoot("https://www.runninghub.cn/")).hasToString("https://www.runninghub.cn");
        assertThat(RelayEngine.upstreamRoot("https://www.runninghub.ai/openapi/v2")).hasToString("https://www.runninghub.ai");
        assertThat(RelayEngine.upstreamRoot(" http://10.0.0.5:8080/openapi/v2/ ")).hasToString("http://10.0.0.5:8080");
        assertThat(RelayEngine.upstreamRoot("http://gateway.internal/vedit")).hasToString("http://gateway.internal/vedit");
    }

    @Test
    void aUrlThatIsNoHttpRootIsRefusedNamingTheOption() {
        for (String bad : new String[] {"runninghub.cn", "ftp://www.runninghub.cn", "", "https://", "https://h/openapi/v2?x=1",
                "https://user:secret@h"}) {
            assertThatThrownBy(() -> RelayEngine.upstreamRoot(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--relay-url").hasMessageContaining(" | ");
        }
    }

    @Test
    void aRelayWithoutItsKeyIsRefused() {
        assertThatThrownBy(() -> RelayEngine.Settings.of("https://www.runninghub.cn", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VEDIT_RELAY_KEY");
        assertThat(RelayEngine.Settings.of("https://www.runninghub.cn/openapi/v2", "k").upstream()).hasToString("https://www.runninghub.cn");
    }
}
