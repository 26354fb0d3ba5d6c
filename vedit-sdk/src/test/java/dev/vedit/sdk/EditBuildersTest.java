package dev.vedit.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import java.util.List;
import org.junit.jupiter.api.Test;

class EditBuildersTest {
    private static final String VIDEO = "https://cdn.example.com/in.mp4";

    @Test
    void aCompleteRequestCarriesExactlyTheFieldsSet() {
        EditRequest r = Edits.klingO3Pro().prompt("make it black and white").videoUrl(VIDEO).keepOriginalSound(false)
                .imageUrls("https://cdn.example.com/a.png").build();
        assertThat(r.endpoint()).isEqualTo("kling-video-o3-pro/video-edit");
        assertThat(r.body().toString()).isEqualTo(
                "{\"prompt\":\"make it black and white\",\"videoUrl\":\"" + VIDEO + "\",\"keepOriginalSound\":false,\"imageUrls\":[\"https://cdn.example.com/a.png\"]}");
    }

    @Test
    void aMissingPromptIsRefusedNamingTheField() {
        assertThatThrownBy(() -> Edits.klingO3Std().videoUrl(VIDEO).build())
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo("1007");
                    assertThat(e.field()).contains("prompt");
                    assertThat(e.getMessage()).contains("prompt is required").contains("必填");
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void wanNeedsAReferenceImageAndKnownEnumValues() {
        assertThatThrownBy(() -> Edits.wan27().prompt("flip it").videoUrl(VIDEO).build())
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> assertThat(e.field()).contains("imageUrls"));
        assertThatThrownBy(() -> Edits.wan27().prompt("flip it").videoUrl(VIDEO).imageUrls("https://x.example/a.png").aspectRatio("2:1").build())
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> {
                    assertThat(e.field()).contains("aspectRatio");
                    assertThat(e.getMessage()).contains("16:9");
                });
        EditRequest ok = Edits.wan27().prompt("flip it").videoUrl(VIDEO).imageUrls(List.of("https://x.example/a.png"))
                .aspectRatio("9:16").resolution("1080p").durationSeconds(5).seed(42).build();
        assertThat(ok.body().path("duration").asText()).isEqualTo("5");
    }

    @Test
    void tooManyImagesAndBadUrlsAreRefusedWithTheItemNamed() {
        String img = "https://x.example/a.png";
        assertThatThrownBy(() -> Edits.klingO3Pro().prompt("p").videoUrl(VIDEO).imageUrls(img, img, img, img, img).build())
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> assertThat(e.field()).contains("imageUrls"));
        assertThatThrownBy(() -> Edits.klingO1Std().prompt("remove the cars").videoUrl(VIDEO).imageUrls(img, "ftp://x/y.png").build())
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> {
                    assertThat(e.errorCode()).isEqualTo("1001");
                    assertThat(e.field()).contains("imageUrls[1]");
                });
    }

    @Test
    void grokEnforcesTheCatalogsMinimumPromptLength() {
        assertThatThrownBy(() -> Edits.grokImagine().prompt("mute").videoUrl(VIDEO).build())
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> assertThat(e.getMessage()).contains("at least 5 characters"));
        assertThat(Edits.grokImagine().prompt("mute it").videoUrl(VIDEO).resolution("720p").build().endpoint())
                .isEqualTo("rhart-video-g-official/edit-video");
    }

    @Test
    void aModelIsFoundByEndpointOrAliasAndAnUnknownOneListsTheChoices() {
        assertThat(Edits.forEndpoint("wan-2.7/video-edit").model().endpoint()).isEqualTo("alibaba/wan-2.7/video-edit");
        assertThatThrownBy(() -> Edits.forEndpoint("sora/video-edit"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("kling-video-o3-pro/video-edit");
    }

    @Test
    void genericParamsAreValidatedLikeTypedOnes() {
        assertThatThrownBy(() -> Edits.forEndpoint("kling-video-o1-std/edit-video").prompt("remove the cars").videoUrl(VIDEO)
                .param("mode", "ultra").build())
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> assertThat(e.field()).contains("mode"));
        assertThat(Edits.forEndpoint("kling-video-o1-std/edit-video").prompt("remove the cars").videoUrl(VIDEO)
                .param("keepOriginalSound", false).build().body().path("keepOriginalSound").booleanValue()).isFalse();
        // The contract's types: a quoted boolean is a wrong type, as the server would say.
        assertThatThrownBy(() -> Edits.forEndpoint("kling-video-o1-std/edit-video").prompt("remove the cars").videoUrl(VIDEO)
                .param("keepOriginalSound", "false").build())
                .asInstanceOf(type(InvalidRequestException.class))
                .satisfies(e -> assertThat(e.field()).contains("keepOriginalSound"));
    }
}
