package dev.vedit.server.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.WorkflowEngine;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeInfoListTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPLOAD = "openapi/" + "a".repeat(64) + ".png";
    private static final NodeInfoList.Uploads UPLOADS = (name, account) -> name.equals(UPLOAD) && account == 7
            ? Optional.of("http://127.0.0.1:1/media/t/" + "a".repeat(64) + ".png") : Optional.empty();

    static ObjectNode graph() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"1": {"class_type": "LoadImage", "inputs": {"image": "example.png"}},
                 "2": {"class_type": "KSampler", "inputs": {"seed": 5, "steps": 20, "cfg": 6.5, "denoise": 1.0, "sampler_name": "euler",
                       "latent_image": ["1", 0]}},
                 "3": {"class_type": "SaveImage", "inputs": {"images": ["2", 0], "filename_prefix": "out", "flag": false}}}""");
    }

    static JsonNode list(String json) throws Exception {
        return JSON.readTree(json);
    }

    static NodeInfoList.Applied apply(String list) throws Exception {
        return NodeInfoList.apply(graph(), list(list), Optional.empty(), UPLOADS, 7);
    }

    @Test
    void valuesAreConvertedToTheTypeTheInputHoldsOnACopy() throws Exception {
        ObjectNode original = graph();
        NodeInfoList.Applied applied = NodeInfoList.apply(original, list("""
                [{"nodeId": "2", "fieldName": "steps", "fieldValue": "30"},
                 {"nodeId": 2, "fieldName": "cfg", "fieldValue": "7"},
                 {"nodeId": "3", "fieldName": "flag", "fieldValue": "true"},
                 {"nodeId": "2", "fieldName": "sampler_name", "fieldValue": "dpmpp_2m"},
                 {"nodeId": "3", "fieldName": "filename_prefix", "fieldValue": 12}]"""), Optional.empty(), UPLOADS, 7);
        JsonNode ks = applied.graph().path("2").path("inputs");
        assertThat(ks.path("steps").isIntegralNumber()).isTrue();
        assertThat(ks.path("steps").asInt()).isEqualTo(30);
        assertThat(ks.path("cfg").isDouble()).isTrue();
        assertThat(ks.path("cfg").asDouble()).isEqualTo(7.0);
        assertThat(ks.path("sampler_name").asText()).isEqualTo("dpmpp_2m");
        assertThat(applied.graph().at("/3/inputs/flag").asBoolean()).isTrue();
        assertThat(applied.graph().at("/3/inputs/filename_prefix").asText()).isEqualTo("12");
        assertThat(original.at("/2/inputs/steps").asInt()).as("the registered workflow is untouched").isEqualTo(20);
    }

    @Test
    void seedsAreDrawnAfreshUnlessTheListSetsThem() throws Exception {
        long a = apply("[]").graph().at("/2/inputs/seed").asLong();
        long b = apply("[]").graph().at("/2/inputs/seed").asLong();
        assertThat(a).isNotEqualTo(b).isNotEqualTo(5);
        assertThat(apply("[{\"nodeId\":\"2\",\"fieldName\":\"seed\",\"fieldValue\":\"1231231\"}]").graph().at("/2/inputs/seed").asLong())
                .isEqualTo(1231231);
    }

    @Test
    void loaderInputsBecomeMediaToFetch() throws Exception {
        NodeInfoList.Applied byName = apply("[{\"nodeId\":\"1\",\"fieldName\":\"image\",\"fieldValue\":\"" + UPLOAD + "\"}]");
        assertThat(byName.media()).hasSize(1);
        assertThat(byName.media().getFirst().kind()).isEqualTo(WorkflowEngine.MediaKind.IMAGE);
        assertThat(byName.media().getFirst().url()).startsWith("http://127.0.0.1:1/media/t/");
        assertThat(apply("[{\"nodeId\":\"1\",\"fieldName\":\"image\",\"fieldValue\":\"https://example.com/a.png\"}]").media().getFirst().url())
                .isEqualTo("https://example.com/a.png");
    }

    @Test
    void whatDoesNotFitAnswers803NamingIt() {
        assertRefused("[{\"nodeId\":\"99\",\"fieldName\":\"x\",\"fieldValue\":1}]", "node 99 is not in the workflow");
        assertRefused("[{\"nodeId\":\"2\",\"fieldName\":\"stepz\",\"fieldValue\":1}]", "has no input \"stepz\"");
        assertRefused("[{\"nodeId\":\"2\",\"fieldName\":\"steps\",\"fieldValue\":\"many\"}]", "holds a whole number");
        assertRefused("[{\"nodeId\":\"2\",\"fieldName\":\"steps\",\"fieldValue\":\"2.5\"}]", "holds a whole number");
        assertRefused("[{\"nodeId\":\"2\",\"fieldName\":\"cfg\",\"fieldValue\":\"NaN\"}]", "holds a number");
        assertRefused("[{\"nodeId\":\"3\",\"fieldName\":\"flag\",\"fieldValue\":\"yes\"}]", "true or false");
        assertRefused("[{\"nodeId\":\"2\",\"fieldName\":\"latent_image\",\"fieldValue\":\"x\"}]", "is linked to node 1");
        assertRefused("[{\"nodeId\":\"2\",\"fieldName\":\"steps\"}]", "has no fieldValue");
        assertRefused("[{\"nodeId\":\"1\",\"fieldName\":\"image\",\"fieldValue\":\"openapi/" + "b".repeat(64) + ".png\"}]",
                "no upload of this API key");
        assertRefused("[{\"nodeId\":\"1\",\"fieldName\":\"image\",\"fieldValue\":\"file:///etc/passwd\"}]", "no upload of this API key");
    }

    @Test
    void anAppAcceptsOnlyItsOwnInputs() throws Exception {
        AppDescription app = AppDescription.read(JSON.readTree("""
                {"webappName": "Invert", "nodeInfoList": [{"nodeId": "1", "fieldName": "image", "fieldType": "IMAGE",
                 "description": "图片", "descriptionEn": "the picture"}]}"""), graph());
        VeditException refused = catchThrowableOfType(VeditException.class, () -> NodeInfoList.apply(graph(),
                list("[{\"nodeId\":\"2\",\"fieldName\":\"steps\",\"fieldValue\":3}]"), Optional.of(app), UPLOADS, 7));
        assertThat(refused).hasMessageContaining("not an input of this AI app");
        assertThat(refused.code()).isEqualTo(ErrorCode.WORKFLOW_NODE_INFO_INVALID);
        assertThatThrownBy(() -> AppDescription.read(JSON.readTree("{\"nodeInfoList\": [{\"nodeId\": \"1\", \"fieldName\": \"nope\"}]}"),
                graph())).hasMessageContaining("no such input");
    }

    @Test
    void aListThatIsNotAListIsAParameterError() {
        assertThat(catchThrowableOfType(VeditException.class, () -> apply("{\"nodeId\":\"2\"}")).code()).isEqualTo(ErrorCode.INVALID_PARAMETERS);
    }

    private static void assertRefused(String list, String words) {
        VeditException refused = catchThrowableOfType(VeditException.class, () -> apply(list));
        assertThat(refused).as(list).isNotNull().hasMessageContaining(words);
        assertThat(refused.code()).isEqualTo(ErrorCode.WORKFLOW_NODE_INFO_INVALID);
    }
}
