package dev.vedit.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks a submit body against a model's field facts: types, required fields, defaults, lengths, enums,
 * item counts and URL forms. Media content (format, size, duration) is checked where the bytes are known.
 *
 * <p>Types follow the contract: every field takes the JSON type of its catalog type (STRING, VIDEO: a string;
 * a list IMAGE field: an array of strings; BOOLEAN: {@code true}/{@code false}; INT: an integer); anything else is
 * {@code 1007} naming the field. The one exception is what RunningHub itself documents: LIST values are strings on
 * the wire whose allowed values are often numeric ({@code "duration": "5"}), so a LIST value may also come as the
 * JSON number of an allowed value. Enum values match in any case; a blank string counts as absent (the default
 * applies, or a required field is reported as required). Fields the model does not know (such as
 * {@code apiKey}) are ignored.
 */
public final class RequestValidator {
    /** Longest http(s) URL accepted in a media field; {@code data:} URIs are limited by the body size instead. */
    public static final int MAX_URL_LENGTH = 4096;
    private static final Pattern DATA_URI = Pattern.compile("^data:[\\w.+-]+/[\\w.+-]+(;[\\w.+-]+=[\\w.+-]+)*;base64,[A-Za-z0-9+/=\\s]+$");

    private RequestValidator() {
    }

    /**
     * Validates {@code body} for {@code model}.
     *
     * @throws VeditException with {@link ErrorCode#INVALID_PARAMETERS} or {@link ErrorCode#INVALID_URL}, naming the field
     */
    public static ValidatedRequest validate(ModelSpec model, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the request body must be a JSON object", "请求体必须是 JSON 对象");
        }
        ObjectNode params = JsonNodeFactory.instance.objectNode();
        for (FieldSpec field : model.fields()) {
            JsonNode value = body.get(field.name());
            // A blank string is no value: clients send "" for fields they leave empty.
            if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
                if (field.defaultValue() != null) {
                    params.set(field.name(), field.defaultValue().deepCopy());
                } else if (field.required()) {
                    throw required(field);
                }
                continue;
            }
            JsonNode normalized = switch (field.type()) {
                case STRING -> string(model, field, value);
                case LIST -> listValue(field, value);
                case BOOLEAN -> bool(field, value);
                case INT -> integer(field, value);
                case VIDEO, IMAGE, AUDIO -> media(field, value);
            };
            if (normalized != null) {
                params.set(field.name(), normalized);
            }
        }
        return new ValidatedRequest(model, params, webhookUrl(body.get("webhookUrl")));
    }

    /** Whether {@code url} is a form vedit can fetch: an http(s) URL with a host, or a base64 {@code data:} URI. */
    public static boolean isFetchableUrl(String url) {
        if (url.startsWith("data:")) {
            return DATA_URI.matcher(url).matches();
        }
        if (url.length() > MAX_URL_LENGTH) {
            return false;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static JsonNode string(ModelSpec model, FieldSpec field, JsonNode value) {
        if (!value.isTextual()) {
            throw wrongType(field, "a string", "字符串");
        }
        String text = value.asText();
        int length = text.codePointCount(0, text.length());
        if (field.maxLength() > 0 && length > field.maxLength()) {
            throw invalid(field.name() + " is longer than " + field.maxLength() + " characters (got " + length + ")",
                    field.name() + " 长度不能超过 " + field.maxLength() + " 个字符（当前 " + length + "）");
        }
        int min = field.name().equals("prompt") ? model.limits().promptMinLength() : 0;
        int trimmed = text.strip().codePointCount(0, text.strip().length());
        if (trimmed < min) {
            throw invalid(field.name() + " must be at least " + min + " characters (got " + trimmed + ")",
                    field.name() + " 至少需要 " + min + " 个字符（当前 " + trimmed + "）");
        }
        return value;
    }

    private static JsonNode listValue(FieldSpec field, JsonNode value) {
        String text;
        if (value.isTextual()) {
            text = value.asText();
        } else if (value.isIntegralNumber()) {
            text = value.asText();
        } else {
            throw wrongType(field, "a string, one of " + String.join(", ", field.enumValues()),
                    "字符串，可选值 " + String.join("、", field.enumValues()));
        }
        return field.canonicalEnumValue(text)
                .map(JsonNodeFactory.instance::textNode)
                .orElseThrow(() -> invalid(
                        field.name() + " must be one of " + String.join(", ", field.enumValues()) + " (got \"" + text + "\")",
                        field.name() + " 必须是 " + String.join("、", field.enumValues()) + " 之一（当前为 \"" + text + "\"）"));
    }

    private static JsonNode bool(FieldSpec field, JsonNode value) {
        if (value.isBoolean()) {
            return value;
        }
        throw wrongType(field, "a JSON boolean (true or false, without quotes)", "JSON 布尔值（true 或 false，不带引号）", value);
    }

    private static JsonNode integer(FieldSpec field, JsonNode value) {
        long n;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            n = value.asLong();
        } else {
            throw wrongType(field, "a JSON integer (a number without quotes)", "JSON 整数（不带引号的数字）", value);
        }
        if ((field.min() != null && n < field.min()) || (field.max() != null && n > field.max())) {
            throw invalid(field.name() + " must be between " + field.min() + " and " + field.max() + " (got " + n + ")",
                    field.name() + " 必须在 " + field.min() + " 到 " + field.max() + " 之间（当前 " + n + "）");
        }
        return JsonNodeFactory.instance.numberNode(n);
    }

    private static JsonNode media(FieldSpec field, JsonNode value) {
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(items::add);
        } else if (field.list()) {
            // A bare string where the contract has a list: the hosted service rejects it, so a client that works here
            // would break there.
            throw wrongType(field, "a JSON array of URL strings, e.g. [\"https://…/ref.png\"]", "URL 字符串组成的 JSON 数组，例如 [\"https://…/ref.png\"]",
                    value);
        } else {
            items.add(value);
        }
        if (!field.list() && value.isArray() && items.size() != 1) {
            throw wrongType(field, "one URL string", "一个 URL 字符串");
        }
        int maxItems = field.list() ? field.maxItems() : 1;
        if (maxItems > 0 && items.size() > maxItems) {
            throw invalid(field.name() + " accepts at most " + maxItems + " items (got " + items.size() + ")",
                    field.name() + " 最多 " + maxItems + " 项（当前 " + items.size() + " 项）");
        }
        if (items.isEmpty()) {
            if (field.required()) {
                throw invalid(field.name() + " needs at least one URL", field.name() + " 至少需要一个 URL");
            }
            return null;
        }
        ArrayNode urls = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String where = field.list() ? field.name() + "[" + i + "]" : field.name();
            if (!item.isTextual() || item.asText().isBlank()) {
                throw wrongType(where, "a URL string", "URL 字符串");
            }
            String url = item.asText().strip();
            if (!isFetchableUrl(url)) {
                throw VeditException.of(ErrorCode.INVALID_URL,
                        "invalid parameter " + where + ", not a valid URL (expected http:// or https:// with a host, a base64 data: URI, or an upload's download_url)",
                        "参数错误：" + where + " 不是有效的 URL（应为带主机名的 http:// 或 https:// 链接、base64 data: URI，或上传接口返回的 download_url）");
            }
            urls.add(url);
        }
        return field.list() ? urls : urls.get(0);
    }

    /**
     * A {@code webhookUrl} field checked as the model endpoints check it (other endpoints take one too).
     *
     * @return the URL, or {@code null} when absent or blank
     */
    public static String checkWebhookUrl(JsonNode value) {
        return webhookUrl(value);
    }

    private static String webhookUrl(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw wrongType("webhookUrl", "a URL string", "URL 字符串");
        }
        return webhookUrl(value.asText(), ErrorCode.INVALID_PARAMETERS);
    }

    /**
     * The one rule for a URL that vedit will POST a webhook to, wherever it enters (submit, retryWebhook): an
     * http(s) URL with a host, at most {@link #MAX_URL_LENGTH} characters (what the database keeps). One rule,
     * so that no entry point lets through what another refuses, or what the store cannot hold.
     *
     * @param code the code the calling endpoint answers a bad URL with (submit {@code 1007}, retryWebhook {@code 1001})
     * @return the URL without surrounding blanks, or {@code null} when {@code text} is null or blank (no webhook)
     * @throws VeditException with {@code code}
     */
    public static String webhookUrl(String text, ErrorCode code) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String url = text.strip();
        if (url.length() > MAX_URL_LENGTH) {
            throw refusedUrl(code, "webhookUrl is longer than " + MAX_URL_LENGTH + " characters (got " + url.length() + ")",
                    "webhookUrl 长度不能超过 " + MAX_URL_LENGTH + " 个字符（当前 " + url.length() + "）");
        }
        if (url.startsWith("data:") || !isFetchableUrl(url)) {
            throw refusedUrl(code, "webhookUrl must be an http:// or https:// URL with a host", "webhookUrl 必须是带主机名的 http:// 或 https:// 链接");
        }
        return url;
    }

    private static VeditException refusedUrl(ErrorCode code, String english, String chinese) {
        return code == ErrorCode.INVALID_PARAMETERS ? invalid(english, chinese) : VeditException.of(code, english, chinese);
    }

    private static VeditException required(FieldSpec field) {
        return invalid(field.name() + " is required", field.name() + " 为必填项");
    }

    private static VeditException wrongType(FieldSpec field, String english, String chinese) {
        return wrongType(field.name(), english, chinese);
    }

    /** A wrong JSON type, saying which type arrived, so the caller sees e.g. that a number was sent quoted. */
    private static VeditException wrongType(FieldSpec field, String english, String chinese, JsonNode got) {
        String[] type = switch (got.getNodeType()) {
            case STRING -> new String[] {"a string", "字符串"};
            case NUMBER -> new String[] {"a number", "数字"};
            case BOOLEAN -> new String[] {"a boolean", "布尔值"};
            case ARRAY -> new String[] {"an array", "数组"};
            case OBJECT -> new String[] {"an object", "对象"};
            default -> new String[] {"null", "null"};
        };
        return invalid(field.name() + " must be " + english + " (got " + type[0] + ")", field.name() + " 必须是" + chinese + "（当前为" + type[1] + "）");
    }

    private static VeditException wrongType(String name, String english, String chinese) {
        return invalid(name + " must be " + english, name + " 必须是" + chinese);
    }

    private static VeditException invalid(String english, String chinese) {
        return new VeditException(ErrorCode.INVALID_PARAMETERS, "Invalid parameters: " + english + " | 参数错误：" + chinese);
    }
}
