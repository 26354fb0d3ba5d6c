package dev.vedit.server.outbound;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;

/** An outbound request refused because its host is (or resolves to) a private or reserved address. */
public final class BlockedAddressException extends VeditException {
    /**
     * @param literal whether {@code host} is itself an IP address; a host name gets no address in the message,
     *                so that the refusal does not tell what an internal name resolves to
     */
    BlockedAddressException(String host, boolean literal) {
        super(ErrorCode.INVALID_URL, ErrorCode.INVALID_URL.message(
                (literal ? "the address " + host + " is private or reserved"
                        : "the host " + host + " resolves to a private or reserved address")
                        + "; use a publicly reachable URL, or have the operator allowlist it (--allow-outbound)",
                (literal ? "地址 " + host + " 为私有或保留地址" : "主机 " + host + " 解析为私有或保留地址")
                        + "，请使用公网可访问的链接，或由运维人员加入白名单（--allow-outbound）"));
    }
}
