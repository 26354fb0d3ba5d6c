package dev.vedit.server.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vedit.server.engine.WorkflowEngine;
import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a {@code nodeInfoList} to a copy of a workflow: each {@code {nodeId, fieldName, fieldValue}} sets one literal
 * input, converted to the type the input holds; loader inputs become media to fetch; seeds the list does not set are
 * drawn afresh (RunningHub re-randomises them on every run). Anything that does not fit answers {@code 803} naming it.
 */
final class NodeInfoList {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Inputs that hold a sampler's seed (KSampler: seed; SamplerCustom, RandomNoise: noise_seed). */
    private static final Set<String> SEED_INPUTS = Set.of("seed", "noise_seed");

    /** Resolves an uploaded file's {@code fileName} ({@code openapi/<sha256>.<ext>}) to a URL the worker can fetch. */
    interface Uploads {
        Optional<String> urlOf(String fileName, long accountId);
    }

    /** The graph after the overrides, and the loader inputs that wait for files. */
    record Applied(ObjectNode graph, List<dev.vedit.server.task.WorkflowSubmission.MediaValue> media) {
    }

    private NodeInfoList() {
    }

    /**
     * @param list      the request's {@code nodeInfoList} (null or missing: none)
     * @param app       when run as an AI app, the inputs a client may set; otherwise empty
     * @param accountId whose uploads a {@code fileName} may name
     */
    static Applied apply(ObjectNode workflow, JsonNode list, Optional<AppDescription> app, Uploads uploads, long accountId) {
        ObjectNode graph = workflow.deepCopy();
        List<dev.vedit.server.task.WorkflowSubmission.MediaValue> media = new ArrayList<>();
        Set<String> set = new HashSet<>();
        if (list != null && !list.isNull() && !list.isMissingNode()) {
            if (!list.isArray()) {
                throw VeditException.of(ErrorCode.INVALID_PARAMETERS, "nodeInfoList must be a list of {nodeId, fieldName, fieldValue}",
                        "nodeInfoList 必须是 {nodeId, fieldName, fieldValue} 的列表");
            }
            int i = 0;
            for (JsonNode entry : list) {
                String where = "nodeInfoList[" + i++ + "]";
                if (!entry.isObject()) {
                    throw invalid(where + " is not an object {nodeId, fieldName, fieldValue}", where + " 不是 {nodeId, fieldName, fieldValue} 对象");
                }
                String nodeId = text(entry.get("nodeId"));
                String fieldName = text(entry.get("fieldName"));
                if (nodeId == null || fieldName == null) {
                    throw invalid(where + " needs nodeId and fieldName", where + " 需要 nodeId 和 fieldName");
                }
                if (!entry.has("fieldValue")) {
                    throw invalid(where + " (node " + nodeId + "." + fieldName + ") has no fieldValue", where + "（节点 " + nodeId + "." + fieldName + "）缺少 fieldValue");
                }
                JsonNode node = graph.get(nodeId);
                if (node == null) {
                    throw invalid("node " + nodeId + " is not in the workflow (its nodes: " + String.join(", ", ids(graph)) + ")",
                            "工作流中没有节点 " + nodeId);
                }
                ObjectNode inputs = (ObjectNode) node.get("inputs");
                String classType = node.path("class_type").asText();
                if (!inputs.has(fieldName)) {
                    List<String> names = new ArrayList<>();
                    inputs.fieldNames().forEachRemaining(names::add);
                    throw invalid("node " + nodeId + " (" + classType + ") has no input \"" + fieldName + "\" (its inputs: " + String.join(", ", names) + ")",
                            "节点 " + nodeId + "（" + classType + "）没有输入项 \"" + fieldName + "\"");
                }
                if (app.isPresent() && !app.get().allows(nodeId, fieldName)) {
                    throw invalid("node " + nodeId + "." + fieldName + " is not an input of this AI app (see apiCallDemo for the ones it takes)",
                            "节点 " + nodeId + "." + fieldName + " 不是该 AI 应用开放的输入（见 apiCallDemo）");
                }
                JsonNode current = inputs.get(fieldName);
                if (isLink(current)) {
                    throw invalid("node " + nodeId + "." + fieldName + " is linked to node " + current.get(0).asText() + "; only literal inputs can be set",
                            "节点 " + nodeId + "." + fieldName + " 连接到节点 " + current.get(0).asText() + "，只能设置字面值输入");
                }
                JsonNode value = entry.get("fieldValue");
                WorkflowEngine.LoaderInput loader = WorkflowEngine.MEDIA_INPUTS.get(classType);
                if (loader != null && loader.input().equals(fieldName)) {
                    media.add(new dev.vedit.server.task.WorkflowSubmission.MediaValue(nodeId, fieldName, loader.kind(),
                            mediaUrl(nodeId, fieldName, value, uploads, accountId)));
                } else {
                    inputs.set(fieldName, convert(nodeId, fieldName, current, value));
                }
                set.add(nodeId + "." + fieldName);
            }
        }
        graph.fields().forEachRemaining(node -> {
            if (node.getValue().path("inputs") instanceof ObjectNode inputs) {
                for (String seed : SEED_INPUTS) {
                    if (inputs.path(seed).isIntegralNumber() && !set.contains(node.getKey() + "." + seed)) {
                        inputs.put(seed, RANDOM.nextLong() & 0xFFFF_FFFF_FFFFL);
                    }
                }
            }
        });
        return new Applied(graph, media);
    }

    /** A value converted to the JSON type the input holds now (clients send numbers as strings, e.g. a seed "1231231"). */
    private static JsonNode convert(String nodeId, String fieldName, JsonNode current, JsonNode value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        String where = "node " + nodeId + "." + fieldName;
        if (value == null || value.isContainerNode()) {
            throw invalid(where + " takes a single value, not " + (value == null ? "nothing" : value.getNodeType().name().toLowerCase(Locale.ROOT)),
                    where + " 只接受单个值");
        }
        String text = value.asText().strip();
        if (current.isIntegralNumber()) {
            try {
                BigDecimal number = new BigDecimal(text);
                BigInteger whole = number.toBigIntegerExact();
                return whole.bitLength() < 64 ? f.numberNode(whole.longValue()) : f.numberNode(whole);
            } catch (NumberFormatException | ArithmeticException e) {
                throw invalid(where + " holds a whole number; \"" + value.asText() + "\" is not one", where + " 需要整数，\"" + value.asText() + "\" 不是整数");
            }
        }
        if (current.isNumber()) {
            try {
                double d = Double.parseDouble(text);
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new NumberFormatException();
                }
                return f.numberNode(d);
            } catch (NumberFormatException e) {
                throw invalid(where + " holds a number; \"" + value.asText() + "\" is not one", where + " 需要数字，\"" + value.asText() + "\" 不是数字");
            }
        }
        if (current.isBoolean()) {
            if (value.isBoolean()) {
                return value;
            }
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return f.booleanNode(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
            }
            throw invalid(where + " holds true or false; \"" + value.asText() + "\" is neither", where + " 需要 true 或 false");
        }
        return f.textNode(value.asText());
    }

    /** A media value: an upload's fileName, one of our download URLs, or a public http(s) URL (fetched by the worker). */
    private static String mediaUrl(String nodeId, String fieldName, JsonNode value, Uploads uploads, long accountId) {
        String where = "node " + nodeId + "." + fieldName;
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw invalid(where + " takes a file: an upload's fileName, its download_url or a public http(s) URL",
                    where + " 需要文件：上传接口返回的 fileName、download_url 或公开的 http(s) 链接");
        }
        String v = value.asText().strip();
        if (v.regionMatches(true, 0, "http://", 0, 7) || v.regionMatches(true, 0, "https://", 0, 8)) {
            return v;
        }
        return uploads.urlOf(v, accountId).orElseThrow(() -> invalid(where + " names \"" + v + "\", which is no upload of this API key"
                + " (upload with /openapi/v2/media/upload/binary and send its fileName or download_url)",
                where + " 指定的 \"" + v + "\" 不是该 API Key 上传的文件"));
    }

    static boolean isLink(JsonNode v) {
        return v != null && v.isArray() && v.size() == 2 && v.get(1).isIntegralNumber();
    }

    private static List<String> ids(ObjectNode graph) {
        List<String> ids = new ArrayList<>();
        graph.fieldNames().forEachRemaining(ids::add);
        return ids.size() <= 20 ? ids : ids.subList(0, 20);
    }

    private static String text(JsonNode v) {
        if (v == null || !(v.isTextual() || v.isIntegralNumber()) || v.asText().isBlank()) {
            return null;
        }
        return v.asText().strip();
    }

    private static VeditException invalid(String english, String chinese) {
        return VeditException.of(ErrorCode.WORKFLOW_NODE_INFO_INVALID, english, chinese);
    }
}
