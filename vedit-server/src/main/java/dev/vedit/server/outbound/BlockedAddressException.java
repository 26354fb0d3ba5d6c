package dev.vedit.server.outbound;

import dev.vedit.wire.ErrorCode;
import dev.vedit.wire.VeditException;

/** An outbound request refused because its host is (or resolves to) a private or reserved address. */
public final class BlockedAddressException extends VeditException {
    BlockedAddressException(String host, String address) {
        super(ErrorCode.INVALID_URL, ErrorCode.INVALID_URL.message(
                "the host " + host + " is a private or reserved address (" + address
                        + "); use a publicly reachable URL, or have the operator allowlist it (--allow-outbound)",
                "主机 " + host + " 为私有或保留地址（" + address + "），请使用公网可访问的链接，或由运维人员加入白名单（--allow-outbound）"));
    }
}
