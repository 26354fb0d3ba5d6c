package dev.vedit.wire;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code data} of {@code /uc/openapi/accountStatus}; numbers as strings, as the hosted service sends them. */
@JsonPropertyOrder({"remainCoins", "currentTaskCounts", "remainMoney", "currency", "apiType"})
public record AccountStatus(String remainCoins, String currentTaskCounts, String remainMoney, String currency, String apiType) {
}
