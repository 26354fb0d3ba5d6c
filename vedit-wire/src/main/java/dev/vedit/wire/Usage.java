package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a task consumed; numbers as strings, as the hosted service sends them.
 *
 * @param taskCostTime seconds from start to end of the run, e.g. {@code "12"}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"consumeMoney", "consumeCoins", "taskCostTime", "thirdPartyConsumeMoney"})
public record Usage(String consumeMoney, String consumeCoins, String taskCostTime, String thirdPartyConsumeMoney) {
}
